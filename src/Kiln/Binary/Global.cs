namespace Kiln.Binary;

/// <summary>A global definition with its constant initialiser.</summary>
internal sealed record Global(GlobalType Type, Expr Init);
