using Kiln.Wasi;

namespace Kiln.Examples.PluginHost;

/// <summary>
/// The host state of one plugin call, kept as the data of its <see cref="Store{T}"/>: host functions reach it through
/// <see cref="Caller.Data"/>. One per call, so plugins share nothing, and it is touched by one thread at a time.
/// </summary>
public sealed class PluginState : IDisposable
{
    private readonly List<string> _log = [];
    private readonly CappedStream _stdout = new(OutputCapacity);
    private readonly CappedStream _stderr = new(OutputCapacity);
    private int _dropped;

    /// <summary>Bytes of WASI stdout and of stderr kept per call.</summary>
    public const int OutputCapacity = 16 << 10;

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

    /// <summary>
    /// The log lines, then what the plugin wrote to WASI stdout and stderr, line by line; what did not fit is
    /// summed up at the end.
    /// </summary>
    public IReadOnlyList<string> TakeLog()
    {
        Wasi.Flush();
        AddLines("stdout", _stdout);
        AddLines("stderr", _stderr);
        if (_dropped > 0)
        {
            _log.Add($"({_dropped} more lines dropped)");
        }

        foreach (var (name, stream) in new[] { ("stdout", _stdout), ("stderr", _stderr) })
        {
            if (stream.Dropped > 0)
            {
                _log.Add($"({stream.Dropped} more bytes of {name} dropped)");
            }
        }

        return _log;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Wasi.Dispose();
        _stdout.Dispose();
        _stderr.Dispose();
    }

    private void AddLines(string name, CappedStream stream)
    {
        foreach (var line in stream.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Log($"{name}: {line}");
        }
    }
}
