using System.Collections.Frozen;

namespace Kiln.Binary;

/// <summary>Lookups over <see cref="Entries"/>: by encoding for the decoder, by name for the text parser.</summary>
internal static partial class OpcodeTable
{
    private static readonly OpcodeInfo?[] OneByte = new OpcodeInfo?[256];

    /// <summary>The <see cref="ImmediateKind"/> of each one-byte opcode, or <see cref="UnknownOpcode"/>: the decoder's fast path.</summary>
    private static readonly byte[] OneByteImmediates = new byte[256];
    private static readonly OpcodeInfo?[][] Prefixed = new OpcodeInfo?[4][];
    private static readonly FrozenDictionary<string, OpcodeInfo> ByName;
    private static readonly FrozenDictionary<Opcode, OpcodeInfo> ByOpcode;

    static OpcodeTable()
    {
        for (int i = 0; i < Prefixed.Length; i++)
        {
            Prefixed[i] = new OpcodeInfo?[0x120];
        }

        OneByteImmediates.AsSpan().Fill(UnknownOpcode);
        foreach (var e in Entries)
        {
            if (e.Prefix == 0)
            {
                OneByte[e.Code] = e;
                OneByteImmediates[e.Code] = (byte)e.Immediates;
            }
            else
            {
                Prefixed[e.Prefix - 0xFB][e.Code] = e;
            }
        }

        // select_t shares the text name "select"; the parser picks the encoding from the immediates.
        ByName = Entries.Where(e => e.Opcode != Opcode.SelectT).ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);
        ByOpcode = Entries.ToFrozenDictionary(e => e.Opcode);
    }

    /// <summary>True when <paramref name="b"/> starts a prefixed opcode.</summary>
    public static bool IsPrefix(byte b) => b is >= 0xFB and <= 0xFE;

    /// <summary>What <see cref="OneByteImmediateKind"/> returns for a byte that is no opcode.</summary>
    public const byte UnknownOpcode = 0xFF;

    /// <summary>The immediates of the one-byte opcode <paramref name="code"/> (whose <see cref="Opcode"/> value is the byte itself), or <see cref="UnknownOpcode"/>.</summary>
    public static byte OneByteImmediateKind(byte code) => OneByteImmediates[code];

    /// <summary>The one-byte opcode <paramref name="code"/>, or null when unknown.</summary>
    public static OpcodeInfo? Lookup(byte code) => OneByte[code];

    /// <summary>The prefixed opcode, or null when unknown.</summary>
    public static OpcodeInfo? Lookup(byte prefix, uint subOpcode)
    {
        var table = Prefixed[prefix - 0xFB];
        return subOpcode < (uint)table.Length ? table[subOpcode] : null;
    }

    /// <summary>The opcode whose text name is <paramref name="name"/> (e.g. <c>i32.add</c>).</summary>
    public static bool TryGetByName(string name, out OpcodeInfo info) => ByName.TryGetValue(name, out info);

    /// <summary>The table entry of <paramref name="opcode"/>.</summary>
    public static OpcodeInfo Get(Opcode opcode) => ByOpcode[opcode];
}
