using Microsoft.Extensions.Logging;

namespace Kiln.Http;

/// <summary>
/// Polls the module files of a set of handlers and reloads the ones whose write time changed. A module that fails to
/// load (say, half written) is reported once and the old one keeps serving until a later write loads.
/// </summary>
internal sealed class ModuleWatcher : IDisposable
{
    private readonly WasmHandler[] _handlers;
    private readonly ILogger _log;
    private readonly Dictionary<WasmHandler, DateTime> _failed = [];
    private readonly Timer _timer;
    private int _busy;

    public ModuleWatcher(IEnumerable<WasmHandler> handlers, TimeSpan interval, ILogger log)
    {
        _handlers = [.. handlers];
        _log = log;
        _timer = new Timer(_ => Poll(), null, interval, interval);
    }

    /// <summary>Checks every module once; returns how many were reloaded.</summary>
    public int Poll()
    {
        // Timer callbacks may overlap when a reload takes longer than the interval.
        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            return 0;
        }

        try
        {
            int reloaded = 0;
            foreach (var h in _handlers)
            {
                if (TryReload(h))
                {
                    reloaded++;
                }
            }

            return reloaded;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    public void Dispose() => _timer.Dispose();

    private bool TryReload(WasmHandler handler)
    {
        DateTime written;
        try
        {
            written = File.GetLastWriteTimeUtc(handler.Spec.ModulePath);
        }
        catch (IOException)
        {
            return false;
        }

        if (written == handler.LoadedWriteTime || (_failed.TryGetValue(handler, out var bad) && bad == written))
        {
            return false;
        }

        try
        {
            handler.Reload();
            _failed.Remove(handler);
            _log.LogInformation("reloaded handler {Handler} from {Path}", handler.Spec.Name, handler.Spec.ModulePath);
            return true;
        }
        catch (Exception e) when (e is WasmException or IOException or UnauthorizedAccessException)
        {
            _failed[handler] = written;
            _log.LogError("handler {Handler}: cannot reload {Path}, still serving the previous module: {Reason}", handler.Spec.Name, handler.Spec.ModulePath, e.Message);
            return false;
        }
    }
}
