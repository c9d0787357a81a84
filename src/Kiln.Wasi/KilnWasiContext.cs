namespace Kiln.Wasi;

/// <summary>
/// One guest's WASI state as bound by <see cref="KilnWasi.DefineWasi(Linker, WasiOptions)"/>: runs a command module and turns
/// <c>proc_exit</c> into its exit code. Dispose it to flush standard output and close every host fd.
/// </summary>
public sealed class KilnWasiContext : IDisposable
{
    internal KilnWasiContext(WasiPreview1 host)
    {
        Host = host;
    }

    /// <summary>The WASI host the linker's functions call.</summary>
    public WasiPreview1 Host { get; }

    /// <summary>
    /// Calls the command's entry point (<c>_start</c>) and returns its exit status: 0 when it returns, the code it
    /// passed to <c>proc_exit</c> otherwise. Standard output is flushed in every case; a trap is rethrown after that.
    /// </summary>
    /// <exception cref="ArgumentException">The instance has no entry point <paramref name="entryPoint"/> of type <c>() -> ()</c>.</exception>
    /// <exception cref="TrapException">The guest trapped (including a WASI call that must trap).</exception>
    public int RunCommand(ModuleInstance instance, string entryPoint = "_start")
    {
        ArgumentNullException.ThrowIfNull(instance);
        Action start;
        try
        {
            start = instance.GetAction(entryPoint) ?? throw new ArgumentException($"the module exports no function \"{entryPoint}\"", nameof(entryPoint));
        }
        catch (InvalidCastException e)
        {
            throw new ArgumentException($"\"{entryPoint}\" must take no parameters and return nothing", nameof(entryPoint), e);
        }

        try
        {
            start();
            return 0;
        }
        catch (TrapException e) when (ExitCodeOf(e) is int code)
        {
            return code;
        }
        finally
        {
            Host.Flush();
        }
    }

    /// <summary>The exit code when <paramref name="exception"/> (or an exception inside it) is the guest's <c>proc_exit</c>; null otherwise.</summary>
    public static int? ExitCodeOf(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is WasiExitException exit)
            {
                return exit.ExitCode;
            }
        }

        return null;
    }

    /// <summary>Writes out buffered standard output.</summary>
    public void Flush() => Host.Flush();

    /// <summary>Flushes standard output and closes every descriptor the guest holds.</summary>
    public void Dispose() => Host.Dispose();
}
