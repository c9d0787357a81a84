namespace Kiln.Runtime;

/// <summary>
/// The .NET exception that carries a Wasm exception (<c>throw</c>, <c>throw_ref</c>) through guest frames to a matching
/// <c>try_table</c>, or out to the host. Traps are <see cref="TrapException"/>s and never caught by guest code.
/// </summary>
internal sealed class GuestException(ExceptionObject exception) : Exception("uncaught wasm exception")
{
    public ExceptionObject Exception { get; } = exception;
}
