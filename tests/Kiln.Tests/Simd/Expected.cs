using System.Runtime.Intrinsics;

namespace Kiln.Tests.Simd;

/// <summary>
/// A reference result: <see cref="Value"/> is a <c>Vector128&lt;byte&gt;</c> or a scalar. For float vector results,
/// <see cref="Rules"/> says per lane (of <see cref="FloatLaneBytes"/> bytes) whether NaN lanes need only be canonical/arithmetic.
/// </summary>
internal sealed record Expected(object Value, int FloatLaneBytes = 0, NanRule[]? Rules = null)
{
    /// <summary>Null when <paramref name="actual"/> is allowed, else a description of the first difference.</summary>
    public string? Mismatch(object actual)
    {
        if (Value is not Vector128<byte> expected)
        {
            return Equals(Bits(Value), Bits(actual)) ? null : $"expected {Value} ({Bits(Value):X}), got {actual} ({Bits(actual):X})";
        }

        var got = (Vector128<byte>)actual;
        if (Rules is null)
        {
            return expected == got ? null : $"expected {Hex(expected)}, got {Hex(got)}";
        }

        for (int lane = 0; lane < Rules.Length; lane++)
        {
            ulong want = LaneBits(expected, lane), have = LaneBits(got, lane);
            bool ok = Rules[lane] switch
            {
                NanRule.Exact => want == have,
                NanRule.Canonical => IsNaN(have) && (have & ~SignBit) == CanonicalNaN,
                _ => IsNaN(have) && (have & QuietBit) != 0,
            };
            if (!ok)
            {
                return $"lane {lane}: expected {Rules[lane]} {want:X}, got {have:X} (whole: expected {Hex(expected)}, got {Hex(got)})";
            }
        }

        return null;
    }

    private ulong SignBit => FloatLaneBytes == 4 ? 0x8000_0000ul : 0x8000_0000_0000_0000ul;

    private ulong QuietBit => FloatLaneBytes == 4 ? 0x0040_0000ul : 0x0008_0000_0000_0000ul;

    private ulong CanonicalNaN => FloatLaneBytes == 4 ? 0x7FC0_0000ul : 0x7FF8_0000_0000_0000ul;

    private bool IsNaN(ulong bits) => FloatLaneBytes == 4
        ? (bits & 0x7F80_0000) == 0x7F80_0000 && (bits & 0x007F_FFFF) != 0
        : (bits & 0x7FF0_0000_0000_0000) == 0x7FF0_0000_0000_0000 && (bits & 0x000F_FFFF_FFFF_FFFF) != 0;

    private ulong LaneBits(Vector128<byte> v, int lane) => FloatLaneBytes == 4 ? v.AsUInt32()[lane] : v.AsUInt64()[lane];

    private static object Bits(object value) => value switch
    {
        float f => BitConverter.SingleToUInt32Bits(f),
        double d => BitConverter.DoubleToUInt64Bits(d),
        _ => value,
    };

    public static string Hex(Vector128<byte> v) => $"{v.AsUInt64()[1]:X16}_{v.AsUInt64()[0]:X16}";
}
