using Kiln.Binary;
using Kiln.Text;

namespace Kiln.Wast;

/// <summary>
/// Decides whether a value an action returned matches an expected result of <c>assert_return</c>, as the
/// reference interpreter does: numbers bit for bit, NaN patterns by class, v128 lane by lane, references by kind.
/// </summary>
internal static class WastResultMatcher
{
    public static bool Matches(WastResult expected, WastValue actual)
    {
        switch (expected.Kind)
        {
            case WastResultKind.Exact:
                {
                    var value = expected.Value!.Value;
                    return value.Kind == actual.Kind && value.Bits == actual.Bits
                        && (value.Kind != WastValueKind.V128 || value.High == actual.High);
                }

            case WastResultKind.NanCanonical:
            case WastResultKind.NanArithmetic:
                {
                    bool is32 = expected.Type.Kind == ValTypeKind.F32;
                    var kind = is32 ? WastValueKind.F32 : WastValueKind.F64;
                    return actual.Kind == kind && IsNan(expected.Kind, actual.Bits, is32 ? 32 : 64);
                }

            case WastResultKind.V128Lanes:
                return actual.Kind == WastValueKind.V128 && LanesMatch(expected, actual);
            case WastResultKind.Either:
                foreach (var alternative in expected.Alternatives!)
                {
                    if (Matches(alternative, actual))
                    {
                        return true;
                    }
                }

                return false;
            case WastResultKind.RefNull:
                return actual.Kind == WastValueKind.RefNull;
            case WastResultKind.RefFunc:
                return actual.Kind == WastValueKind.RefFunc;
            case WastResultKind.RefExtern:
                return expected.Value is { } host
                    ? actual.Kind == WastValueKind.RefExtern && actual.Bits == host.Bits
                    : actual.Kind is WastValueKind.RefExtern or WastValueKind.RefExternInternal;
            case WastResultKind.RefHost:
                return actual.Kind == WastValueKind.RefHost && actual.Bits == expected.Value!.Value.Bits;
            case WastResultKind.RefStruct:
                return actual.Kind == WastValueKind.RefStruct;
            case WastResultKind.RefArray:
                return actual.Kind == WastValueKind.RefArray;
            case WastResultKind.RefI31:
                return actual.Kind == WastValueKind.RefI31;
            case WastResultKind.RefEq:
                return actual.Kind is WastValueKind.RefI31 or WastValueKind.RefStruct or WastValueKind.RefArray;
            case WastResultKind.RefAny:
                return actual.Kind is WastValueKind.RefI31 or WastValueKind.RefStruct or WastValueKind.RefArray or WastValueKind.RefHost;
            case WastResultKind.RefExn:
                return actual.Kind == WastValueKind.RefExn;
            default:
                return false;
        }
    }

    /// <summary>
    /// <c>nan:canonical</c>: only the quiet bit of the payload set (either sign); <c>nan:arithmetic</c>: the quiet
    /// bit set, any other payload bits.
    /// </summary>
    private static bool IsNan(WastResultKind kind, ulong bits, int width)
    {
        ulong signMask = 1UL << (width - 1);
        ulong canonical = width == 32 ? 0x7FC0_0000UL : 0x7FF8_0000_0000_0000UL;
        ulong magnitude = bits & (signMask - 1);
        return kind == WastResultKind.NanCanonical ? magnitude == canonical : (magnitude & canonical) == canonical;
    }

    private static bool LanesMatch(WastResult expected, WastValue actual)
    {
        var lanes = expected.Lanes!;
        int width = 128 / lanes.Length;
        for (int i = 0; i < lanes.Length; i++)
        {
            ulong bits = Lane(actual, i, width);
            var lane = lanes[i];
            bool ok = lane.Kind switch
            {
                WastResultKind.Exact => lane.Value!.Value.Bits == bits,
                WastResultKind.NanCanonical or WastResultKind.NanArithmetic => IsNan(lane.Kind, bits, width),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lane <paramref name="index"/> of a v128 value, <paramref name="width"/> bits wide, zero-extended.</summary>
    public static ulong Lane(WastValue v128, int index, int width)
    {
        int bit = index * width;
        ulong word = bit < 64 ? v128.Bits : v128.High;
        ulong lane = word >> (bit % 64);
        return width == 64 ? lane : lane & ((1UL << width) - 1);
    }
}
