using System.Globalization;
using Kiln.Text;

namespace Kiln.Wast;

/// <summary>Writes values and result patterns in script syntax for failure messages, e.g. <c>(f32.const nan:0x200000)</c>.</summary>
internal static class WastFormatter
{
    public static string Format(WastValue value) => value.Kind switch
    {
        WastValueKind.I32 => $"(i32.const {(int)(uint)value.Bits})",
        WastValueKind.I64 => $"(i64.const {(long)value.Bits})",
        WastValueKind.F32 => $"(f32.const {F32((uint)value.Bits)})",
        WastValueKind.F64 => $"(f64.const {F64(value.Bits)})",
        WastValueKind.V128 => $"(v128.const i32x4 0x{(uint)value.Bits:x8} 0x{(uint)(value.Bits >> 32):x8} 0x{(uint)value.High:x8} 0x{(uint)(value.High >> 32):x8})",
        WastValueKind.RefNull => "(ref.null)",
        WastValueKind.RefExtern => $"(ref.extern {value.Bits})",
        WastValueKind.RefHost => $"(ref.host {value.Bits})",
        WastValueKind.RefFunc => "(ref.func)",
        WastValueKind.RefI31 => "(ref.i31)",
        WastValueKind.RefStruct => "(ref.struct)",
        WastValueKind.RefArray => "(ref.array)",
        WastValueKind.RefExn => "(ref.exn)",
        WastValueKind.RefExternInternal => "(ref.extern)",
        _ => value.Kind.ToString(),
    };

    public static string Format(IReadOnlyList<WastValue> values) =>
        values.Count == 0 ? "()" : string.Join(" ", values.Select(Format));

    public static string Format(WastResult result) => result.Kind switch
    {
        WastResultKind.Exact => Format(result.Value!.Value),
        WastResultKind.NanCanonical => $"({result.Type}.const nan:canonical)",
        WastResultKind.NanArithmetic => $"({result.Type}.const nan:arithmetic)",
        WastResultKind.V128Lanes => $"(v128.const {result.Shape.ToString().ToLowerInvariant()} {string.Join(" ", result.Lanes!.Select(Lane))})",
        WastResultKind.Either => $"(either {string.Join(" ", result.Alternatives!.Select(Format))})",
        WastResultKind.RefExtern when result.Value is { } v => $"(ref.extern {v.Bits})",
        WastResultKind.RefHost => $"(ref.host {result.Value!.Value.Bits})",
        _ => $"(ref.{result.Kind.ToString()[3..].ToLowerInvariant()})",
    };

    public static string Format(IReadOnlyList<WastResult> results) =>
        results.Count == 0 ? "()" : string.Join(" ", results.Select(Format));

    private static string Lane(WastResult lane) => lane.Kind switch
    {
        WastResultKind.NanCanonical => "nan:canonical",
        WastResultKind.NanArithmetic => "nan:arithmetic",
        _ => lane.Value!.Value.Kind == WastValueKind.F32 ? F32((uint)lane.Value.Value.Bits) : F64(lane.Value.Value.Bits),
    };

    private static string F32(uint bits)
    {
        float f = BitConverter.UInt32BitsToSingle(bits);
        string sign = (bits >> 31) != 0 ? "-" : "";
        return float.IsNaN(f) ? $"{sign}nan:0x{bits & 0x7F_FFFF:x}"
            : float.IsInfinity(f) ? $"{sign}inf"
            : f.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string F64(ulong bits)
    {
        double d = BitConverter.UInt64BitsToDouble(bits);
        string sign = (bits >> 63) != 0 ? "-" : "";
        return double.IsNaN(d) ? $"{sign}nan:0x{bits & 0xF_FFFF_FFFF_FFFF:x}"
            : double.IsInfinity(d) ? $"{sign}inf"
            : d.ToString("R", CultureInfo.InvariantCulture);
    }
}
