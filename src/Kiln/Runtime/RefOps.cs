namespace Kiln.Runtime;

/// <summary>Reference instructions that need more than an IL opcode.</summary>
internal static class RefOps
{
    /// <summary><c>ref.eq</c>: identity, except that i31 references are equal by value.</summary>
    public static int Eq(object? a, object? b) =>
        ReferenceEquals(a, b) || (a is I31Ref x && b is I31Ref y && x.Value == y.Value) ? 1 : 0;
}
