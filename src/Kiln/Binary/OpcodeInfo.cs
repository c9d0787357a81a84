namespace Kiln.Binary;

/// <summary>What the tables know about one opcode: its text name and the immediates that follow it.</summary>
internal readonly record struct OpcodeInfo(Opcode Opcode, string Name, ImmediateKind Immediates)
{
    /// <summary>The prefix byte (0xFB..0xFE), or 0 for a one-byte opcode.</summary>
    public int Prefix => (int)Opcode > 0xFF ? (int)Opcode >> 12 : 0;

    /// <summary>The opcode byte, or for a prefixed opcode the sub-opcode (encoded as u32 LEB128).</summary>
    public int Code => (int)Opcode > 0xFF ? (int)Opcode & 0xFFF : (int)Opcode;
}
