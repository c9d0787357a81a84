namespace Kiln;

/// <summary>A module is well-formed but invalid: <see cref="FunctionIndex"/> and <see cref="Offset"/> locate the failing instruction when it is in code.</summary>
public sealed class WasmValidationException : WasmException
{
    /// <summary>Creates the exception.</summary>
    public WasmValidationException(string reason, int? functionIndex = null, int offset = -1)
        : base(reason, Describe(reason, functionIndex, offset))
    {
        FunctionIndex = functionIndex;
        Offset = offset;
    }

    /// <summary>Index (in the function index space) of the function being validated, if any.</summary>
    public int? FunctionIndex { get; }

    /// <summary>Byte offset of the failing instruction (module offset for binary modules), or -1.</summary>
    public int Offset { get; }

    private static string Describe(string reason, int? functionIndex, int offset) =>
        (functionIndex, offset) switch
        {
            (null, < 0) => reason,
            (null, _) => $"{reason} (at byte 0x{offset:x})",
            (_, < 0) => $"{reason} (in function {functionIndex})",
            _ => $"{reason} (in function {functionIndex} at byte 0x{offset:x})",
        };
}
