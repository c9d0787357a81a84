namespace Kiln.Runtime;

/// <summary>
/// The .NET exception that carries a Wasm exception (<c>throw</c>, <c>throw_ref</c>) through guest frames to a matching
/// <c>try_table</c>, or out to the host. Traps are <see cref="TrapException"/>s and never caught by guest code.
/// </summary>
internal sealed class GuestException(ExceptionObject exception) : Exception("uncaught wasm exception")
{
    public ExceptionObject Exception { get; } = exception;

    /// <summary>
    /// Set by a legacy <c>delegate</c>: only the handler of try region <c>Frame</c> in generated method <c>Method</c>
    /// (or, with frame -1, a handler outside that method) may catch the exception.
    /// </summary>
    public (int Method, int Frame)? DelegateTo { get; set; }
}
