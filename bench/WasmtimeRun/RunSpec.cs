namespace WasmtimeRun;

/// <summary>The parsed command line of <see cref="Runner"/>.</summary>
internal sealed record RunSpec(
    string Module,
    IReadOnlyList<string> Args,
    IReadOnlyList<(string Host, string Guest, bool ReadOnly)> Dirs,
    IReadOnlyList<(string Name, string Value)> Env,
    string? Argv0)
{
    /// <summary>Parses options up to MODULE; everything after MODULE (or after <c>--</c>) belongs to the guest.</summary>
    /// <exception cref="ArgumentException">An option lacks its value, or MODULE is missing.</exception>
    public static RunSpec Parse(string[] argv)
    {
        var dirs = new List<(string, string, bool)>();
        var env = new List<(string, string)>();
        string? argv0 = null;
        int i = 0;
        for (; i < argv.Length; i++)
        {
            string a = argv[i];
            if (a == "--")
            {
                i++;
                break;
            }
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }
            string value = OptionValue(argv, ref i, a, out string name);
            switch (name)
            {
                case "--dir":
                    dirs.Add(ParseDir(value));
                    break;
                case "--env":
                    env.Add(ParseEnv(value));
                    break;
                case "--argv0":
                    argv0 = value;
                    break;
                default:
                    throw new ArgumentException($"unknown option {name}");
            }
        }
        if (i >= argv.Length)
        {
            throw new ArgumentException("missing MODULE");
        }
        return new RunSpec(argv[i], argv[(i + 1)..], dirs, env, argv0);
    }

    private static string OptionValue(string[] argv, ref int i, string arg, out string name)
    {
        int eq = arg.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0)
        {
            name = arg[..eq];
            return arg[(eq + 1)..];
        }
        name = arg;
        if (i + 1 >= argv.Length)
        {
            throw new ArgumentException($"{arg} needs a value");
        }
        return argv[++i];
    }

    /// <summary><c>HOST[::GUEST][:readonly]</c>, as <c>kiln run --dir</c> reads it.</summary>
    private static (string, string, bool) ParseDir(string value)
    {
        bool readOnly = false;
        const string suffix = ":readonly";
        if (value.EndsWith(suffix, StringComparison.Ordinal) && value.Contains("::", StringComparison.Ordinal))
        {
            readOnly = true;
            value = value[..^suffix.Length];
        }
        int sep = value.IndexOf("::", StringComparison.Ordinal);
        return sep < 0 ? (value, value, readOnly) : (value[..sep], value[(sep + 2)..], readOnly);
    }

    /// <summary><c>NAME=VALUE</c>, or <c>NAME</c> alone for the host's value (empty when unset), as wasmtime does.</summary>
    private static (string, string) ParseEnv(string value)
    {
        int eq = value.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (value, Environment.GetEnvironmentVariable(value) ?? "") : (value[..eq], value[(eq + 1)..]);
    }
}
