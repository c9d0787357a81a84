namespace Kiln;

/// <summary>WebAssembly text (WAT or WAST) is malformed: <see cref="Line"/> and <see cref="Column"/> are 1-based.</summary>
public sealed class WatParseException : WasmException
{
    /// <summary>Creates the exception.</summary>
    public WatParseException(string reason, int line, int column)
        : base(reason, $"{reason} (at {line}:{column})")
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line of the offending token.</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending token.</summary>
    public int Column { get; }
}
