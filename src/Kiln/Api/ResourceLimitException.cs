namespace Kiln;

/// <summary>
/// Instantiation would exceed one of the store's <see cref="StoreLimits"/>: too many instances, memories or tables, or
/// an initial memory or table larger than allowed. The message reads like Wasmtime's (e.g.
/// <c>"resource limit exceeded: instance count too high at 11"</c>); nothing was created.
/// </summary>
public sealed class ResourceLimitException : WasmException
{
    /// <summary>Creates the exception with Wasmtime's wording of the exceeded limit.</summary>
    public ResourceLimitException(string message)
        : base("resource limit exceeded", message)
    {
    }
}
