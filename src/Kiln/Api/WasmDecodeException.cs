namespace Kiln;

/// <summary>A binary module is malformed: <see cref="Offset"/> is the byte where decoding failed, <see cref="Section"/> the section being read.</summary>
public sealed class WasmDecodeException : WasmException
{
    /// <summary>Creates the exception.</summary>
    public WasmDecodeException(string reason, int offset, string? section)
        : base(reason, section is null ? $"{reason} (at byte 0x{offset:x})" : $"{reason} (at byte 0x{offset:x} in {section} section)")
    {
        Offset = offset;
        Section = section;
    }

    /// <summary>Byte offset in the module where the error was found.</summary>
    public int Offset { get; }

    /// <summary>Name of the section being decoded (e.g. <c>"code"</c>), or null outside any section.</summary>
    public string? Section { get; }
}
