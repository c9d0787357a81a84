namespace Kiln.Tests.Simd;

/// <summary>What the spec allows for one float lane of a result.</summary>
internal enum NanRule : byte
{
    /// <summary>The bits must match exactly (non-NaN results, and NaN results of bit-exact operations).</summary>
    Exact,
    /// <summary>Any canonical NaN (quiet bit only, either sign).</summary>
    Canonical,
    /// <summary>Any arithmetic NaN (quiet bit set, any payload, either sign).</summary>
    Arithmetic,
}
