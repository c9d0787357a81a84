namespace Kiln.Runtime;

/// <summary>An <c>i31</c> reference: a boxed 31-bit integer, equal to another with the same value.</summary>
internal sealed record I31Ref(int Value);
