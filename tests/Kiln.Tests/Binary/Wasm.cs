namespace Kiln.Tests.Binary;

/// <summary>Builds small binary modules by hand for decoder tests.</summary>
internal static class Wasm
{
    public static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    /// <summary>The header followed by <paramref name="parts"/> (sections or raw bytes).</summary>
    public static byte[] Module(params byte[][] parts) => [.. Header, .. parts.SelectMany(p => p)];

    /// <summary>A section with id <paramref name="id"/> and the given content, its size in one-byte LEB128.</summary>
    public static byte[] Section(byte id, params byte[] content) => [id, .. Leb(checked((uint)content.Length)), .. content];

    /// <summary>The shortest unsigned LEB128 encoding of <paramref name="value"/>.</summary>
    public static byte[] Leb(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    /// <summary>A length-prefixed UTF-8 name.</summary>
    public static byte[] Name(string name)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(name);
        return [.. Leb((uint)utf8.Length), .. utf8];
    }

    /// <summary>A type section with one <c>(func)</c> type, a function section with one function of it, and a code section with <paramref name="body"/> (locals and instructions).</summary>
    public static byte[][] OneFunction(params byte[] body) =>
    [
        Section(1, 0x01, 0x60, 0x00, 0x00),
        Section(3, 0x01, 0x00),
        Section(10, [0x01, .. Leb((uint)body.Length), .. body]),
    ];
}
