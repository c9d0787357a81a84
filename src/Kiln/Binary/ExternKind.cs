namespace Kiln.Binary;

/// <summary>What an import or export refers to, by its binary code.</summary>
internal enum ExternKind : byte
{
    Function = 0,
    Table = 1,
    Memory = 2,
    Global = 3,
    Tag = 4,
}
