namespace Kiln.Compiler;

/// <summary>What opened a <see cref="ControlFrame"/>.</summary>
internal enum ControlKind : byte
{
    Function,
    Block,
    Loop,
    If,
    TryTable,
}
