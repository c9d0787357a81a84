using System.Text;
using Kiln.Wasi;

namespace Kiln.Examples.PluginHost;

/// <summary>
/// The host state of one plugin call, kept as the data of its <see cref="Store{T}"/>: host functions reach it through
/// <see cref="Caller.Data"/>. One per call, so plugins share nothing, and it is touched by one thread at a time.
/// </summary>
public sealed class PluginState : IDisposable
{
    private readonly List<string> _log = [];
    private readonly MemoryStream _stdout = new();
    private readonly MemoryStream _stderr = new();
    private int _dropped;

    /// <summary>Creates the state of a call to <paramref name="plugin"/>.</summary>
    public PluginState(string plugin, PluginHostOptions options)
    {
        Plugin = plugin;
        Options = options;

        // WASI for plugins compiled with a libc: no arguments, no files, output captured into the log.
        var wasi = new WasiOptions { Stdin = Stream.Null, Stdout = _stdout, Stderr = _stderr };
        wasi.Args.Add(plugin);
        Wasi = new WasiPreview1(wasi);
    }

    /// <summary>The plugin's file name.</summary>
    public string Plugin { get; }

    /// <summary>The host's options.</summary>
    public PluginHostOptions Options { get; }

    /// <summary>This call's WASI state.</summary>
    public WasiPreview1 Wasi { get; }

    /// <summary>Records a log line, keeping at most <see cref="PluginHostOptions.MaxLogLines"/> so a chatty plugin cannot fill the host's memory.</summary>
    public void Log(string line)
    {
        if (_log.Count < Options.MaxLogLines)
        {
            _log.Add(line);
        }
        else
        {
            _dropped++;
        }
    }

    /// <summary>The log lines, then what the plugin wrote to WASI stdout and stderr, line by line.</summary>
    public IReadOnlyList<string> TakeLog()
    {
        Wasi.Flush();
        AddStream("stdout", _stdout);
        AddStream("stderr", _stderr);
        if (_dropped > 0)
        {
            _log.Add($"({_dropped} more lines dropped)");
        }

        return _log;
    }

    /// <inheritdoc/>
    public void Dispose() => Wasi.Dispose();

    private void AddStream(string name, MemoryStream stream)
    {
        string text = Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Log($"{name}: {line}");
        }
    }
}
