using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kiln.Http.Manifests;

/// <summary>
/// Reads the Serverless Framework's <c>serverless.yml</c> as it is: <c>functions.NAME.handler</c> is the module,
/// <c>events: - http: { path, method }</c> (or the short form <c>http: GET /path</c>) its routes, with
/// <c>environment</c>, <c>timeout</c> (seconds) and <c>memorySize</c> (MB) per function or under <c>provider</c>.
/// Path parameters <c>{id}</c> become named segments and a final <c>{proxy+}</c> a prefix route.
/// </summary>
internal static class ServerlessYamlReader
{
    public static ServeManifest Read(string path, string text, HandlerLimits defaults)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ManifestException(path, (int)e.Start.Line, "invalid YAML: " + e.Message, e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ManifestException(path, 0, "the file is not a YAML mapping");
        }

        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var provider = Map(path, root, "provider");
        var providerEnv = provider is null ? [] : Environment(path, provider);
        var providerLimits = provider is null ? defaults : Limits(path, provider).Or(defaults);
        var functions = Map(path, root, "functions") ?? throw Error(path, root, "the manifest has no \"functions\"");
        var routes = new List<RouteSpec>();
        foreach (var (key, value) in functions.Children)
        {
            string name = Scalar(path, key);
            var function = value as YamlMappingNode ?? throw Error(path, value, $"function \"{name}\" must be a mapping");
            var handlerNode = Child(function, "handler") ?? throw Error(path, function, $"function \"{name}\" has no \"handler\"");
            string module = Scalar(path, handlerNode);
            string modulePath = Path.GetFullPath(Path.Combine(dir, module));
            if (!File.Exists(modulePath))
            {
                throw Error(path, handlerNode, $"function \"{name}\": handler \"{module}\" not found (looked for {modulePath})");
            }

            var env = new List<KeyValuePair<string, string>>(providerEnv);
            foreach (var kv in Environment(path, function))
            {
                env.RemoveAll(e => e.Key == kv.Key);
                env.Add(kv);
            }

            var spec = new HandlerSpec
            {
                Name = name,
                ModulePath = modulePath,
                Environment = env,
                Limits = Limits(path, function).Or(providerLimits),
            };
            if (Child(function, "events") is not YamlSequenceNode events)
            {
                throw Error(path, function, $"function \"{name}\" has no \"events\" list, so no route reaches it");
            }

            foreach (var e in events.Children)
            {
                if (e is YamlMappingNode m && Child(m, "http") is { } http)
                {
                    routes.Add(Route(path, http, spec, name));
                }
            }
        }

        if (routes.Count == 0)
        {
            throw Error(path, functions, "no function has an http event");
        }

        return new ServeManifest { SourcePath = Path.GetFullPath(path), Routes = routes };
    }

    private static RouteSpec Route(string file, YamlNode http, HandlerSpec spec, string function)
    {
        string routePath;
        string method;
        if (http is YamlScalarNode shortForm)
        {
            // `http: GET /users/{id}`
            var parts = (shortForm.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw Error(file, http, $"function \"{function}\": an http event is \"METHOD /path\" or {{ path, method }}");
            }

            (method, routePath) = (parts[0], parts[1]);
        }
        else if (http is YamlMappingNode m)
        {
            routePath = Child(m, "path") is { } p ? Scalar(file, p) : throw Error(file, http, $"function \"{function}\": an http event has no \"path\"");
            method = Child(m, "method") is { } me ? Scalar(file, me) : "any";
        }
        else
        {
            throw Error(file, http, $"function \"{function}\": an http event is \"METHOD /path\" or {{ path, method }}");
        }

        RoutePattern pattern;
        try
        {
            pattern = RoutePattern.Parse(ToSpinRoute(routePath));
        }
        catch (FormatException e)
        {
            throw Error(file, http, $"function \"{function}\": {e.Message}");
        }

        string upper = method.ToUpperInvariant();
        if (upper is not ("ANY" or "*") && upper.Any(c => !char.IsAsciiLetterUpper(c)))
        {
            throw Error(file, http, $"function \"{function}\": \"{method}\" is not an HTTP method");
        }

        return new RouteSpec(pattern, upper is "ANY" or "*" ? [] : [upper], spec);
    }

    // API Gateway path templates: {name} is one segment, a final {name+} everything below.
    private static string ToSpinRoute(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < segments.Length; i++)
        {
            string s = segments[i];
            if (s.StartsWith('{') && s.EndsWith("+}", StringComparison.Ordinal))
            {
                if (i != segments.Length - 1)
                {
                    throw new FormatException($"route \"{path}\": a greedy parameter {s} must be the last segment");
                }

                segments[i] = "...";
            }
            else if (s.StartsWith('{') && s.EndsWith('}'))
            {
                segments[i] = ":" + s[1..^1];
            }
        }

        return "/" + string.Join('/', segments);
    }

    private static HandlerLimits Limits(string file, YamlMappingNode m)
    {
        return new HandlerLimits
        {
            Timeout = Number(file, m, "timeout") is { } s ? TimeSpan.FromSeconds(s) : null,
            MaxMemoryBytes = Number(file, m, "memorySize") is { } mb ? (long)(mb * (1 << 20)) : null,
        };
    }

    private static List<KeyValuePair<string, string>> Environment(string file, YamlMappingNode m)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (Child(m, "environment") is not { } node)
        {
            return list;
        }

        var map = node as YamlMappingNode ?? throw Error(file, node, "\"environment\" must be a mapping of NAME: value");
        foreach (var (k, v) in map.Children)
        {
            list.Add(new(Scalar(file, k), Scalar(file, v)));
        }

        return list;
    }

    private static double? Number(string file, YamlMappingNode m, string key)
    {
        if (Child(m, key) is not { } node)
        {
            return null;
        }

        string text = Scalar(file, node);
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n) || n <= 0)
        {
            throw Error(file, node, $"\"{key}\" must be a positive number, not \"{text}\"");
        }

        return n;
    }

    private static YamlMappingNode? Map(string file, YamlMappingNode m, string key) => Child(m, key) switch
    {
        null => null,
        YamlMappingNode map => map,
        var other => throw Error(file, other, $"\"{key}\" must be a mapping"),
    };

    private static YamlNode? Child(YamlMappingNode m, string key) =>
        m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static string Scalar(string file, YamlNode node) =>
        (node as YamlScalarNode)?.Value ?? throw Error(file, node, "expected a plain value here");

    private static ManifestException Error(string file, YamlNode node, string reason) => new(file, (int)node.Start.Line, reason);
}
