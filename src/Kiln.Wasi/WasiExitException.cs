namespace Kiln.Wasi;

/// <summary>Thrown by <c>proc_exit</c>: the guest asked to end with <see cref="ExitCode"/>.</summary>
/// <remarks>The engine binding must let it unwind the guest's stack; the embedder turns it into the process exit status.</remarks>
public sealed class WasiExitException : Exception
{
    /// <summary>Creates the exception for an exit with <paramref name="exitCode"/>.</summary>
    public WasiExitException(int exitCode)
        : base($"guest exited with code {exitCode}") => ExitCode = exitCode;

    /// <summary>Creates the exception with exit code 0.</summary>
    public WasiExitException()
        : this(0)
    {
    }

    /// <summary>Creates the exception with a message and exit code 0.</summary>
    public WasiExitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message, an inner exception and exit code 0.</summary>
    public WasiExitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The exit code the guest passed to <c>proc_exit</c> (0..125).</summary>
    public int ExitCode { get; }
}
