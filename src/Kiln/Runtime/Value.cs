using System.Globalization;
using System.Runtime.Intrinsics;
using Kiln.Binary;

namespace Kiln.Runtime;

/// <summary>
/// A Wasm value crossing the host boundary: numbers as raw bits (i32/f32 in the low 32 bits of <see cref="Bits"/>),
/// v128 as <see cref="Bits"/> (low 8 bytes) and <see cref="High"/>, references in <see cref="Ref"/>
/// (<see cref="FunctionInstance"/> for funcref, any object for externref, null for null).
/// </summary>
internal readonly record struct Value(ValType Type, ulong Bits, ulong High = 0, object? Ref = null)
{
    public static Value I32(int v) => new(ValType.I32, (uint)v);

    public static Value I64(long v) => new(ValType.I64, (ulong)v);

    public static Value F32(float v) => new(ValType.F32, BitConverter.SingleToUInt32Bits(v));

    public static Value F64(double v) => new(ValType.F64, BitConverter.DoubleToUInt64Bits(v));

    public static Value F32Bits(uint bits) => new(ValType.F32, bits);

    public static Value F64Bits(ulong bits) => new(ValType.F64, bits);

    public static Value V128(Vector128<byte> v) => new(ValType.V128, v.AsUInt64().GetElement(0), v.AsUInt64().GetElement(1));

    public static Value FromRef(ValType type, object? r) => new(type, 0, 0, r);

    public int AsI32 => (int)Bits;

    public long AsI64 => (long)Bits;

    public float AsF32 => BitConverter.UInt32BitsToSingle((uint)Bits);

    public double AsF64 => BitConverter.UInt64BitsToDouble(Bits);

    public Vector128<byte> AsV128 => Vector128.Create(Bits, High).AsByte();

    /// <summary>The zero (or null) value of <paramref name="type"/>: what locals, globals and new table slots start as.</summary>
    public static Value Default(ValType type) => new(type, 0);

    public override string ToString() => Type.Kind switch
    {
        ValTypeKind.I32 => $"i32:{AsI32}",
        ValTypeKind.I64 => $"i64:{AsI64}",
        ValTypeKind.F32 => $"f32:{AsF32.ToString(CultureInfo.InvariantCulture)}",
        ValTypeKind.F64 => $"f64:{AsF64.ToString(CultureInfo.InvariantCulture)}",
        ValTypeKind.V128 => $"v128:{Bits:x16}{High:x16}",
        _ => Ref is null ? "ref.null" : $"ref:{Ref}",
    };
}
