namespace Kiln.Wasi;

/// <summary>
/// A WASI call that must trap rather than return an errno: a pointer out of bounds or misaligned
/// (the witx rule Wasmtime follows), or <c>proc_exit</c> with a status outside 0..125.
/// </summary>
/// <remarks>The engine binding turns it into a Wasm trap with this message.</remarks>
public sealed class WasiTrapException : Exception
{
    /// <summary>Creates a trap with a message.</summary>
    public WasiTrapException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a trap with a default message.</summary>
    public WasiTrapException()
        : base("WASI call trapped")
    {
    }

    /// <summary>Creates a trap with a message and an inner exception.</summary>
    public WasiTrapException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
