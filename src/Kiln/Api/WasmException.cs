namespace Kiln;

/// <summary>Base of every error Kiln reports about a module: <see cref="Reason"/> is the short spec-style reason (e.g. <c>"unexpected end"</c>, <c>"type mismatch"</c>).</summary>
public abstract class WasmException : Exception
{
    /// <summary>Creates the exception with a spec-style reason and a full message.</summary>
    protected WasmException(string reason, string message, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
    }

    /// <summary>The spec-style reason alone, without location.</summary>
    public string Reason { get; }
}
