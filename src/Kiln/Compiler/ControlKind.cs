namespace Kiln.Compiler;

/// <summary>What opened a <see cref="ControlFrame"/>.</summary>
internal enum ControlKind : byte
{
    Function,
    Block,
    Loop,
    If,
    TryTable,

    /// <summary>Legacy exception handling: <c>try</c> with <c>catch</c>/<c>catch_all</c> bodies.</summary>
    Try,
}
