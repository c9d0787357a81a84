using System.Numerics;
using System.Runtime.Intrinsics;
using Kiln.Binary;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Kiln.Tests.Simd;

/// <summary>
/// A straightforward lane-by-lane model of every non-memory SIMD instruction, written from the spec text (and, for relaxed
/// instructions, from Kiln's documented choice). Operands are boxed like the helpers' parameters; immediates are the trailing
/// arguments (lane index, or the 16 immediate bytes as two ulongs).
/// </summary>
internal static class SimdReference
{
    public static Expected Evaluate(Opcode op, object[] args)
    {
        V A() => (V)args[0];
        V B() => (V)args[1];
        V C() => (V)args[2];
        int I(int index) => (int)args[index];

        return op switch
        {
            Opcode.V128Const => new(Vector128.Create((ulong)args[0], (ulong)args[1]).AsByte()),
            Opcode.V128Not => new(Map8(i => ~A()[i])),
            Opcode.V128And => new(Map8(i => A()[i] & B()[i])),
            Opcode.V128Andnot => new(Map8(i => A()[i] & ~B()[i])),
            Opcode.V128Or => new(Map8(i => A()[i] | B()[i])),
            Opcode.V128Xor => new(Map8(i => A()[i] ^ B()[i])),
            Opcode.V128Bitselect => new(Map8(i => (A()[i] & C()[i]) | (B()[i] & ~C()[i]))),
            Opcode.V128AnyTrue => new(Enumerable.Range(0, 16).Any(i => A()[i] != 0) ? 1 : 0),

            Opcode.I8x16Shuffle => new(Shuffle(A(), B(), Vector128.Create((ulong)args[2], (ulong)args[3]).AsByte())),
            Opcode.I8x16Swizzle => new(Map8(i => B()[i] < 16 ? A()[B()[i]] : 0)),
            Opcode.I8x16Splat => new(Map8(_ => I(0))),
            Opcode.I16x8Splat => new(Map16(_ => I(0))),
            Opcode.I32x4Splat => new(Map32(_ => I(0))),
            Opcode.I64x2Splat => new(Map64(_ => (long)args[0])),
            Opcode.F32x4Splat => new(Vector128.Create(BitConverter.SingleToUInt32Bits((float)args[0])).AsByte()),
            Opcode.F64x2Splat => new(Vector128.Create(BitConverter.DoubleToUInt64Bits((double)args[0])).AsByte()),
            Opcode.I8x16ExtractLaneS => new((int)S8(A(), I(1))),
            Opcode.I8x16ExtractLaneU => new((int)U8(A(), I(1))),
            Opcode.I16x8ExtractLaneS => new((int)S16(A(), I(1))),
            Opcode.I16x8ExtractLaneU => new((int)U16(A(), I(1))),
            Opcode.I32x4ExtractLane => new((int)S32(A(), I(1))),
            Opcode.I64x2ExtractLane => new(S64(A(), I(1))),
            Opcode.F32x4ExtractLane => new(BitConverter.UInt32BitsToSingle(A().AsUInt32()[I(1)])),
            Opcode.F64x2ExtractLane => new(BitConverter.UInt64BitsToDouble(A().AsUInt64()[I(1)])),
            Opcode.I8x16ReplaceLane => new(Map8(i => i == I(2) ? I(1) : A()[i])),
            Opcode.I16x8ReplaceLane => new(Map16(i => i == I(2) ? I(1) : S16(A(), i))),
            Opcode.I32x4ReplaceLane => new(Map32(i => i == I(2) ? I(1) : S32(A(), i))),
            Opcode.I64x2ReplaceLane => new(Map64(i => i == I(2) ? (long)args[1] : S64(A(), i))),
            Opcode.F32x4ReplaceLane => new(Map32(i => i == I(2) ? BitConverter.SingleToUInt32Bits((float)args[1]) : U32(A(), i))),
            Opcode.F64x2ReplaceLane => new(Map64(i => i == I(2) ? (long)BitConverter.DoubleToUInt64Bits((double)args[1]) : S64(A(), i))),

            Opcode.I8x16Eq => new(Mask8(i => S8(A(), i) == S8(B(), i))),
            Opcode.I8x16Ne => new(Mask8(i => S8(A(), i) != S8(B(), i))),
            Opcode.I8x16LtS => new(Mask8(i => S8(A(), i) < S8(B(), i))),
            Opcode.I8x16LtU => new(Mask8(i => U8(A(), i) < U8(B(), i))),
            Opcode.I8x16GtS => new(Mask8(i => S8(A(), i) > S8(B(), i))),
            Opcode.I8x16GtU => new(Mask8(i => U8(A(), i) > U8(B(), i))),
            Opcode.I8x16LeS => new(Mask8(i => S8(A(), i) <= S8(B(), i))),
            Opcode.I8x16LeU => new(Mask8(i => U8(A(), i) <= U8(B(), i))),
            Opcode.I8x16GeS => new(Mask8(i => S8(A(), i) >= S8(B(), i))),
            Opcode.I8x16GeU => new(Mask8(i => U8(A(), i) >= U8(B(), i))),
            Opcode.I16x8Eq => new(Mask16(i => S16(A(), i) == S16(B(), i))),
            Opcode.I16x8Ne => new(Mask16(i => S16(A(), i) != S16(B(), i))),
            Opcode.I16x8LtS => new(Mask16(i => S16(A(), i) < S16(B(), i))),
            Opcode.I16x8LtU => new(Mask16(i => U16(A(), i) < U16(B(), i))),
            Opcode.I16x8GtS => new(Mask16(i => S16(A(), i) > S16(B(), i))),
            Opcode.I16x8GtU => new(Mask16(i => U16(A(), i) > U16(B(), i))),
            Opcode.I16x8LeS => new(Mask16(i => S16(A(), i) <= S16(B(), i))),
            Opcode.I16x8LeU => new(Mask16(i => U16(A(), i) <= U16(B(), i))),
            Opcode.I16x8GeS => new(Mask16(i => S16(A(), i) >= S16(B(), i))),
            Opcode.I16x8GeU => new(Mask16(i => U16(A(), i) >= U16(B(), i))),
            Opcode.I32x4Eq => new(Mask32(i => S32(A(), i) == S32(B(), i))),
            Opcode.I32x4Ne => new(Mask32(i => S32(A(), i) != S32(B(), i))),
            Opcode.I32x4LtS => new(Mask32(i => S32(A(), i) < S32(B(), i))),
            Opcode.I32x4LtU => new(Mask32(i => U32(A(), i) < U32(B(), i))),
            Opcode.I32x4GtS => new(Mask32(i => S32(A(), i) > S32(B(), i))),
            Opcode.I32x4GtU => new(Mask32(i => U32(A(), i) > U32(B(), i))),
            Opcode.I32x4LeS => new(Mask32(i => S32(A(), i) <= S32(B(), i))),
            Opcode.I32x4LeU => new(Mask32(i => U32(A(), i) <= U32(B(), i))),
            Opcode.I32x4GeS => new(Mask32(i => S32(A(), i) >= S32(B(), i))),
            Opcode.I32x4GeU => new(Mask32(i => U32(A(), i) >= U32(B(), i))),
            Opcode.I64x2Eq => new(Mask64(i => S64(A(), i) == S64(B(), i))),
            Opcode.I64x2Ne => new(Mask64(i => S64(A(), i) != S64(B(), i))),
            Opcode.I64x2LtS => new(Mask64(i => S64(A(), i) < S64(B(), i))),
            Opcode.I64x2GtS => new(Mask64(i => S64(A(), i) > S64(B(), i))),
            Opcode.I64x2LeS => new(Mask64(i => S64(A(), i) <= S64(B(), i))),
            Opcode.I64x2GeS => new(Mask64(i => S64(A(), i) >= S64(B(), i))),
            Opcode.F32x4Eq => new(Mask32(i => F32(A(), i) == F32(B(), i))),
            Opcode.F32x4Ne => new(Mask32(i => F32(A(), i) != F32(B(), i))),
            Opcode.F32x4Lt => new(Mask32(i => F32(A(), i) < F32(B(), i))),
            Opcode.F32x4Gt => new(Mask32(i => F32(A(), i) > F32(B(), i))),
            Opcode.F32x4Le => new(Mask32(i => F32(A(), i) <= F32(B(), i))),
            Opcode.F32x4Ge => new(Mask32(i => F32(A(), i) >= F32(B(), i))),
            Opcode.F64x2Eq => new(Mask64(i => F64(A(), i) == F64(B(), i))),
            Opcode.F64x2Ne => new(Mask64(i => F64(A(), i) != F64(B(), i))),
            Opcode.F64x2Lt => new(Mask64(i => F64(A(), i) < F64(B(), i))),
            Opcode.F64x2Gt => new(Mask64(i => F64(A(), i) > F64(B(), i))),
            Opcode.F64x2Le => new(Mask64(i => F64(A(), i) <= F64(B(), i))),
            Opcode.F64x2Ge => new(Mask64(i => F64(A(), i) >= F64(B(), i))),

            Opcode.I8x16Abs => new(Map8(i => Math.Abs((long)S8(A(), i)))),
            Opcode.I8x16Neg => new(Map8(i => -(long)S8(A(), i))),
            Opcode.I8x16Popcnt => new(Map8(i => BitOperations.PopCount((ulong)U8(A(), i)))),
            Opcode.I8x16AllTrue => new(AllTrue(A(), 1)),
            Opcode.I8x16Bitmask => new(Bitmask(A(), 1)),
            Opcode.I8x16NarrowI16x8S => new(Map8(i => SatS(i < 8 ? S16(A(), i) : S16(B(), i - 8), 8))),
            Opcode.I8x16NarrowI16x8U => new(Map8(i => SatU(i < 8 ? S16(A(), i) : S16(B(), i - 8), 8))),
            Opcode.I8x16Shl => new(Map8(i => (long)U8(A(), i) << (I(1) & 7))),
            Opcode.I8x16ShrS => new(Map8(i => S8(A(), i) >> (I(1) & 7))),
            Opcode.I8x16ShrU => new(Map8(i => U8(A(), i) >> (I(1) & 7))),
            Opcode.I8x16Add => new(Map8(i => S8(A(), i) + S8(B(), i))),
            Opcode.I8x16AddSatS => new(Map8(i => SatS(S8(A(), i) + S8(B(), i), 8))),
            Opcode.I8x16AddSatU => new(Map8(i => SatU(U8(A(), i) + U8(B(), i), 8))),
            Opcode.I8x16Sub => new(Map8(i => S8(A(), i) - S8(B(), i))),
            Opcode.I8x16SubSatS => new(Map8(i => SatS(S8(A(), i) - S8(B(), i), 8))),
            Opcode.I8x16SubSatU => new(Map8(i => SatU(U8(A(), i) - U8(B(), i), 8))),
            Opcode.I8x16MinS => new(Map8(i => Math.Min(S8(A(), i), S8(B(), i)))),
            Opcode.I8x16MinU => new(Map8(i => Math.Min(U8(A(), i), U8(B(), i)))),
            Opcode.I8x16MaxS => new(Map8(i => Math.Max(S8(A(), i), S8(B(), i)))),
            Opcode.I8x16MaxU => new(Map8(i => Math.Max(U8(A(), i), U8(B(), i)))),
            Opcode.I8x16AvgrU => new(Map8(i => (U8(A(), i) + U8(B(), i) + 1) / 2)),

            Opcode.I16x8ExtaddPairwiseI8x16S => new(Map16(i => S8(A(), 2 * i) + S8(A(), 2 * i + 1))),
            Opcode.I16x8ExtaddPairwiseI8x16U => new(Map16(i => U8(A(), 2 * i) + U8(A(), 2 * i + 1))),
            Opcode.I16x8Abs => new(Map16(i => Math.Abs((long)S16(A(), i)))),
            Opcode.I16x8Neg => new(Map16(i => -(long)S16(A(), i))),
            Opcode.I16x8Q15mulrSatS => new(Map16(i => SatS(Q15(S16(A(), i), S16(B(), i)), 16))),
            Opcode.I16x8AllTrue => new(AllTrue(A(), 2)),
            Opcode.I16x8Bitmask => new(Bitmask(A(), 2)),
            Opcode.I16x8NarrowI32x4S => new(Map16(i => SatS(i < 4 ? S32(A(), i) : S32(B(), i - 4), 16))),
            Opcode.I16x8NarrowI32x4U => new(Map16(i => SatU(i < 4 ? S32(A(), i) : S32(B(), i - 4), 16))),
            Opcode.I16x8ExtendLowI8x16S => new(Map16(i => S8(A(), i))),
            Opcode.I16x8ExtendHighI8x16S => new(Map16(i => S8(A(), i + 8))),
            Opcode.I16x8ExtendLowI8x16U => new(Map16(i => U8(A(), i))),
            Opcode.I16x8ExtendHighI8x16U => new(Map16(i => U8(A(), i + 8))),
            Opcode.I16x8Shl => new(Map16(i => (long)U16(A(), i) << (I(1) & 15))),
            Opcode.I16x8ShrS => new(Map16(i => S16(A(), i) >> (I(1) & 15))),
            Opcode.I16x8ShrU => new(Map16(i => U16(A(), i) >> (I(1) & 15))),
            Opcode.I16x8Add => new(Map16(i => S16(A(), i) + S16(B(), i))),
            Opcode.I16x8AddSatS => new(Map16(i => SatS(S16(A(), i) + S16(B(), i), 16))),
            Opcode.I16x8AddSatU => new(Map16(i => SatU(U16(A(), i) + U16(B(), i), 16))),
            Opcode.I16x8Sub => new(Map16(i => S16(A(), i) - S16(B(), i))),
            Opcode.I16x8SubSatS => new(Map16(i => SatS(S16(A(), i) - S16(B(), i), 16))),
            Opcode.I16x8SubSatU => new(Map16(i => SatU(U16(A(), i) - U16(B(), i), 16))),
            Opcode.I16x8Mul => new(Map16(i => S16(A(), i) * S16(B(), i))),
            Opcode.I16x8MinS => new(Map16(i => Math.Min(S16(A(), i), S16(B(), i)))),
            Opcode.I16x8MinU => new(Map16(i => Math.Min(U16(A(), i), U16(B(), i)))),
            Opcode.I16x8MaxS => new(Map16(i => Math.Max(S16(A(), i), S16(B(), i)))),
            Opcode.I16x8MaxU => new(Map16(i => Math.Max(U16(A(), i), U16(B(), i)))),
            Opcode.I16x8AvgrU => new(Map16(i => (U16(A(), i) + U16(B(), i) + 1) / 2)),
            Opcode.I16x8ExtmulLowI8x16S => new(Map16(i => S8(A(), i) * S8(B(), i))),
            Opcode.I16x8ExtmulHighI8x16S => new(Map16(i => S8(A(), i + 8) * S8(B(), i + 8))),
            Opcode.I16x8ExtmulLowI8x16U => new(Map16(i => U8(A(), i) * U8(B(), i))),
            Opcode.I16x8ExtmulHighI8x16U => new(Map16(i => U8(A(), i + 8) * U8(B(), i + 8))),

            Opcode.I32x4ExtaddPairwiseI16x8S => new(Map32(i => S16(A(), 2 * i) + S16(A(), 2 * i + 1))),
            Opcode.I32x4ExtaddPairwiseI16x8U => new(Map32(i => U16(A(), 2 * i) + U16(A(), 2 * i + 1))),
            Opcode.I32x4Abs => new(Map32(i => Math.Abs(S32(A(), i)))),
            Opcode.I32x4Neg => new(Map32(i => -S32(A(), i))),
            Opcode.I32x4AllTrue => new(AllTrue(A(), 4)),
            Opcode.I32x4Bitmask => new(Bitmask(A(), 4)),
            Opcode.I32x4ExtendLowI16x8S => new(Map32(i => S16(A(), i))),
            Opcode.I32x4ExtendHighI16x8S => new(Map32(i => S16(A(), i + 4))),
            Opcode.I32x4ExtendLowI16x8U => new(Map32(i => U16(A(), i))),
            Opcode.I32x4ExtendHighI16x8U => new(Map32(i => U16(A(), i + 4))),
            Opcode.I32x4Shl => new(Map32(i => U32(A(), i) << (I(1) & 31))),
            Opcode.I32x4ShrS => new(Map32(i => S32(A(), i) >> (I(1) & 31))),
            Opcode.I32x4ShrU => new(Map32(i => U32(A(), i) >> (I(1) & 31))),
            Opcode.I32x4Add => new(Map32(i => S32(A(), i) + S32(B(), i))),
            Opcode.I32x4Sub => new(Map32(i => S32(A(), i) - S32(B(), i))),
            Opcode.I32x4Mul => new(Map32(i => S32(A(), i) * S32(B(), i))),
            Opcode.I32x4MinS => new(Map32(i => Math.Min(S32(A(), i), S32(B(), i)))),
            Opcode.I32x4MinU => new(Map32(i => Math.Min(U32(A(), i), U32(B(), i)))),
            Opcode.I32x4MaxS => new(Map32(i => Math.Max(S32(A(), i), S32(B(), i)))),
            Opcode.I32x4MaxU => new(Map32(i => Math.Max(U32(A(), i), U32(B(), i)))),
            Opcode.I32x4DotI16x8S => new(Map32(i => S16(A(), 2 * i) * S16(B(), 2 * i) + S16(A(), 2 * i + 1) * S16(B(), 2 * i + 1))),
            Opcode.I32x4ExtmulLowI16x8S => new(Map32(i => S16(A(), i) * S16(B(), i))),
            Opcode.I32x4ExtmulHighI16x8S => new(Map32(i => S16(A(), i + 4) * S16(B(), i + 4))),
            Opcode.I32x4ExtmulLowI16x8U => new(Map32(i => U16(A(), i) * U16(B(), i))),
            Opcode.I32x4ExtmulHighI16x8U => new(Map32(i => U16(A(), i + 4) * U16(B(), i + 4))),
            Opcode.I32x4TruncSatF32x4S => new(Map32(i => TruncSat(F32(A(), i), int.MinValue, int.MaxValue))),
            Opcode.I32x4TruncSatF32x4U => new(Map32(i => TruncSat(F32(A(), i), 0, uint.MaxValue))),
            Opcode.I32x4TruncSatF64x2SZero => new(Map32(i => i < 2 ? TruncSat(F64(A(), i), int.MinValue, int.MaxValue) : 0)),
            Opcode.I32x4TruncSatF64x2UZero => new(Map32(i => i < 2 ? TruncSat(F64(A(), i), 0, uint.MaxValue) : 0)),

            Opcode.I64x2Abs => new(Map64(i => S64(A(), i) == long.MinValue ? long.MinValue : Math.Abs(S64(A(), i)))),
            Opcode.I64x2Neg => new(Map64(i => unchecked(-S64(A(), i)))),
            Opcode.I64x2AllTrue => new(AllTrue(A(), 8)),
            Opcode.I64x2Bitmask => new(Bitmask(A(), 8)),
            Opcode.I64x2ExtendLowI32x4S => new(Map64(i => S32(A(), i))),
            Opcode.I64x2ExtendHighI32x4S => new(Map64(i => S32(A(), i + 2))),
            Opcode.I64x2ExtendLowI32x4U => new(Map64(i => U32(A(), i))),
            Opcode.I64x2ExtendHighI32x4U => new(Map64(i => U32(A(), i + 2))),
            Opcode.I64x2Shl => new(Map64(i => S64(A(), i) << (I(1) & 63))),
            Opcode.I64x2ShrS => new(Map64(i => S64(A(), i) >> (I(1) & 63))),
            Opcode.I64x2ShrU => new(Map64(i => (long)(U64(A(), i) >> (I(1) & 63)))),
            Opcode.I64x2Add => new(Map64(i => unchecked(S64(A(), i) + S64(B(), i)))),
            Opcode.I64x2Sub => new(Map64(i => unchecked(S64(A(), i) - S64(B(), i)))),
            Opcode.I64x2Mul => new(Map64(i => unchecked(S64(A(), i) * S64(B(), i)))),
            Opcode.I64x2ExtmulLowI32x4S => new(Map64(i => S32(A(), i) * S32(B(), i))),
            Opcode.I64x2ExtmulHighI32x4S => new(Map64(i => S32(A(), i + 2) * S32(B(), i + 2))),
            Opcode.I64x2ExtmulLowI32x4U => new(Map64(i => (long)(U32(A(), i) * U32(B(), i)))),
            Opcode.I64x2ExtmulHighI32x4U => new(Map64(i => (long)(U32(A(), i + 2) * U32(B(), i + 2)))),

            Opcode.F32x4Abs => new(Map32(i => U32(A(), i) & 0x7FFF_FFFF)),
            Opcode.F32x4Neg => new(Map32(i => U32(A(), i) ^ 0x8000_0000)),
            Opcode.F32x4Sqrt => F32Lanes(i => Arith(MathF.Sqrt(F32(A(), i)), F32(A(), i))),
            Opcode.F32x4Ceil => F32Lanes(i => Arith(MathF.Ceiling(F32(A(), i)), F32(A(), i))),
            Opcode.F32x4Floor => F32Lanes(i => Arith(MathF.Floor(F32(A(), i)), F32(A(), i))),
            Opcode.F32x4Trunc => F32Lanes(i => Arith(MathF.Truncate(F32(A(), i)), F32(A(), i))),
            Opcode.F32x4Nearest => F32Lanes(i => Arith(MathF.Round(F32(A(), i), MidpointRounding.ToEven), F32(A(), i))),
            Opcode.F32x4Add => F32Lanes(i => Arith(F32(A(), i) + F32(B(), i), F32(A(), i), F32(B(), i))),
            Opcode.F32x4Sub => F32Lanes(i => Arith(F32(A(), i) - F32(B(), i), F32(A(), i), F32(B(), i))),
            Opcode.F32x4Mul => F32Lanes(i => Arith(F32(A(), i) * F32(B(), i), F32(A(), i), F32(B(), i))),
            Opcode.F32x4Div => F32Lanes(i => Arith(F32(A(), i) / F32(B(), i), F32(A(), i), F32(B(), i))),
            Opcode.F32x4Min => F32Lanes(i => MinMax(F32(A(), i), F32(B(), i), min: true)),
            Opcode.F32x4Max => F32Lanes(i => MinMax(F32(A(), i), F32(B(), i), min: false)),
            Opcode.F32x4Pmin => new(Map32(i => F32(B(), i) < F32(A(), i) ? U32(B(), i) : U32(A(), i))),
            Opcode.F32x4Pmax => new(Map32(i => F32(A(), i) < F32(B(), i) ? U32(B(), i) : U32(A(), i))),
            Opcode.F32x4ConvertI32x4S => F32Lanes(i => ((float)S32(A(), i), NanRule.Exact)),
            Opcode.F32x4ConvertI32x4U => F32Lanes(i => ((float)U32(A(), i), NanRule.Exact)),
            Opcode.F32x4DemoteF64x2Zero => F32Lanes(i => i < 2 ? Arith((float)F64(A(), i), F64(A(), i)) : (0f, NanRule.Exact)),

            Opcode.F64x2Abs => new(Map64(i => (long)(U64(A(), i) & 0x7FFF_FFFF_FFFF_FFFF))),
            Opcode.F64x2Neg => new(Map64(i => (long)(U64(A(), i) ^ 0x8000_0000_0000_0000))),
            Opcode.F64x2Sqrt => F64Lanes(i => Arith(Math.Sqrt(F64(A(), i)), F64(A(), i))),
            Opcode.F64x2Ceil => F64Lanes(i => Arith(Math.Ceiling(F64(A(), i)), F64(A(), i))),
            Opcode.F64x2Floor => F64Lanes(i => Arith(Math.Floor(F64(A(), i)), F64(A(), i))),
            Opcode.F64x2Trunc => F64Lanes(i => Arith(Math.Truncate(F64(A(), i)), F64(A(), i))),
            Opcode.F64x2Nearest => F64Lanes(i => Arith(Math.Round(F64(A(), i), MidpointRounding.ToEven), F64(A(), i))),
            Opcode.F64x2Add => F64Lanes(i => Arith(F64(A(), i) + F64(B(), i), F64(A(), i), F64(B(), i))),
            Opcode.F64x2Sub => F64Lanes(i => Arith(F64(A(), i) - F64(B(), i), F64(A(), i), F64(B(), i))),
            Opcode.F64x2Mul => F64Lanes(i => Arith(F64(A(), i) * F64(B(), i), F64(A(), i), F64(B(), i))),
            Opcode.F64x2Div => F64Lanes(i => Arith(F64(A(), i) / F64(B(), i), F64(A(), i), F64(B(), i))),
            Opcode.F64x2Min => F64Lanes(i => MinMax(F64(A(), i), F64(B(), i), min: true)),
            Opcode.F64x2Max => F64Lanes(i => MinMax(F64(A(), i), F64(B(), i), min: false)),
            Opcode.F64x2Pmin => new(Map64(i => (long)(F64(B(), i) < F64(A(), i) ? U64(B(), i) : U64(A(), i)))),
            Opcode.F64x2Pmax => new(Map64(i => (long)(F64(A(), i) < F64(B(), i) ? U64(B(), i) : U64(A(), i)))),
            Opcode.F64x2ConvertLowI32x4S => F64Lanes(i => (S32(A(), i), NanRule.Exact)),
            Opcode.F64x2ConvertLowI32x4U => F64Lanes(i => (U32(A(), i), NanRule.Exact)),
            Opcode.F64x2PromoteLowF32x4 => F64Lanes(i => Arith((double)F32(A(), i), F32(A(), i))),

            // Relaxed: Kiln's documented choice (see RelaxedOps).
            Opcode.I8x16RelaxedSwizzle => new(Map8(i => B()[i] >= 128 ? 0 : A()[B()[i] & 15])),
            Opcode.I32x4RelaxedTruncF32x4S => new(Map32(i => F32(A(), i) is >= -2147483648f and < 2147483648f ? (long)F32(A(), i) : int.MinValue)),
            Opcode.I32x4RelaxedTruncF32x4U => new(Map32(i => TruncSat(F32(A(), i), 0, uint.MaxValue))),
            Opcode.I32x4RelaxedTruncF64x2SZero => new(Map32(i => i >= 2 ? 0 : F64(A(), i) is > -2147483649.0 and < 2147483648.0 ? (long)F64(A(), i) : int.MinValue)),
            Opcode.I32x4RelaxedTruncF64x2UZero => new(Map32(i => i < 2 ? TruncSat(F64(A(), i), 0, uint.MaxValue) : 0)),
            Opcode.F32x4RelaxedMadd => F32Lanes(i => Arith(MathF.FusedMultiplyAdd(F32(A(), i), F32(B(), i), F32(C(), i)), F32(A(), i), F32(B(), i), F32(C(), i))),
            Opcode.F32x4RelaxedNmadd => F32Lanes(i => Arith(MathF.FusedMultiplyAdd(-F32(A(), i), F32(B(), i), F32(C(), i)), F32(A(), i), F32(B(), i), F32(C(), i))),
            Opcode.F64x2RelaxedMadd => F64Lanes(i => Arith(Math.FusedMultiplyAdd(F64(A(), i), F64(B(), i), F64(C(), i)), F64(A(), i), F64(B(), i), F64(C(), i))),
            Opcode.F64x2RelaxedNmadd => F64Lanes(i => Arith(Math.FusedMultiplyAdd(-F64(A(), i), F64(B(), i), F64(C(), i)), F64(A(), i), F64(B(), i), F64(C(), i))),
            Opcode.I8x16RelaxedLaneselect or Opcode.I16x8RelaxedLaneselect or Opcode.I32x4RelaxedLaneselect or Opcode.I64x2RelaxedLaneselect
                => new(Map8(i => (A()[i] & C()[i]) | (B()[i] & ~C()[i]))),
            Opcode.F32x4RelaxedMin => new(Map32(i => F32(A(), i) < F32(B(), i) ? U32(A(), i) : U32(B(), i))),
            Opcode.F32x4RelaxedMax => new(Map32(i => F32(A(), i) > F32(B(), i) ? U32(A(), i) : U32(B(), i))),
            Opcode.F64x2RelaxedMin => new(Map64(i => (long)(F64(A(), i) < F64(B(), i) ? U64(A(), i) : U64(B(), i)))),
            Opcode.F64x2RelaxedMax => new(Map64(i => (long)(F64(A(), i) > F64(B(), i) ? U64(A(), i) : U64(B(), i)))),
            Opcode.I16x8RelaxedQ15mulrS => new(Map16(i => Q15(S16(A(), i), S16(B(), i)))),
            Opcode.I16x8RelaxedDotI8x16I7x16S => new(Map16(i => DotPairSat(A(), B(), i))),
            Opcode.I32x4RelaxedDotI8x16I7x16AddS => new(Map32(i => DotPairSat(A(), B(), 2 * i) + DotPairSat(A(), B(), 2 * i + 1) + S32(C(), i))),

            _ => throw new NotSupportedException($"no reference for {op}"),
        };
    }

    public static long S8(V v, int i) => v.AsSByte()[i];

    public static long U8(V v, int i) => v[i];

    public static long S16(V v, int i) => v.AsInt16()[i];

    public static long U16(V v, int i) => v.AsUInt16()[i];

    public static long S32(V v, int i) => v.AsInt32()[i];

    public static long U32(V v, int i) => v.AsUInt32()[i];

    public static long S64(V v, int i) => v.AsInt64()[i];

    public static ulong U64(V v, int i) => v.AsUInt64()[i];

    public static float F32(V v, int i) => BitConverter.UInt32BitsToSingle(v.AsUInt32()[i]);

    public static double F64(V v, int i) => BitConverter.UInt64BitsToDouble(v.AsUInt64()[i]);

    public static V Map8(Func<int, long> lane) => Vector128.Create(Enumerable.Range(0, 16).Select(i => (byte)lane(i)).ToArray());

    public static V Map16(Func<int, long> lane) => Vector128.Create(Enumerable.Range(0, 8).Select(i => (ushort)lane(i)).ToArray()).AsByte();

    public static V Map32(Func<int, long> lane) => Vector128.Create(Enumerable.Range(0, 4).Select(i => (uint)lane(i)).ToArray()).AsByte();

    public static V Map64(Func<int, long> lane) => Vector128.Create(Enumerable.Range(0, 2).Select(i => (ulong)lane(i)).ToArray()).AsByte();

    private static V Mask8(Func<int, bool> lane) => Map8(i => lane(i) ? -1 : 0);

    private static V Mask16(Func<int, bool> lane) => Map16(i => lane(i) ? -1 : 0);

    private static V Mask32(Func<int, bool> lane) => Map32(i => lane(i) ? -1 : 0);

    private static V Mask64(Func<int, bool> lane) => Map64(i => lane(i) ? -1 : 0);

    private static V Shuffle(V a, V b, V lanes) => Map8(i => lanes[i] < 16 ? a[lanes[i]] : b[lanes[i] - 16]);

    private static int AllTrue(V v, int laneBytes)
    {
        for (int lane = 0; lane < 16 / laneBytes; lane++)
        {
            bool zero = true;
            for (int k = 0; k < laneBytes; k++)
            {
                zero &= v[lane * laneBytes + k] == 0;
            }

            if (zero)
            {
                return 0;
            }
        }

        return 1;
    }

    private static int Bitmask(V v, int laneBytes)
    {
        int mask = 0;
        for (int lane = 0; lane < 16 / laneBytes; lane++)
        {
            mask |= (v[lane * laneBytes + laneBytes - 1] >> 7) << lane;
        }

        return mask;
    }

    private static long SatS(long x, int bits) => Math.Clamp(x, -(1L << (bits - 1)), (1L << (bits - 1)) - 1);

    private static long SatU(long x, int bits) => Math.Clamp(x, 0, (1L << bits) - 1);

    /// <summary>The spec's q15mulr before saturation: <c>(a*b + 2^14) &gt;&gt; 15</c> (floor).</summary>
    private static long Q15(long a, long b) => (a * b + 0x4000) >> 15;

    /// <summary>pmaddubsw: unsigned b bytes times signed a bytes, adjacent pair summed and saturated to i16.</summary>
    private static long DotPairSat(V a, V b, int pair) => SatS(S8(a, 2 * pair) * U8(b, 2 * pair) + S8(a, 2 * pair + 1) * U8(b, 2 * pair + 1), 16);

    /// <summary>trunc_sat: NaN gives 0, otherwise truncate and clamp (exact in double for every f32/f64 input).</summary>
    private static long TruncSat(double x, long min, long max)
    {
        if (double.IsNaN(x))
        {
            return 0;
        }

        double t = Math.Truncate(x);
        return t <= min ? min : t >= max ? max : (long)t;
    }

    private static (float, NanRule) Arith(float r, params double[] inputs) => (r, float.IsNaN(r) ? Nans(inputs, 4) : NanRule.Exact);

    private static (double, NanRule) Arith(double r, params double[] inputs) => (r, double.IsNaN(r) ? Nans(inputs, 8) : NanRule.Exact);

    /// <summary>The spec's "nans": canonical if every NaN input is canonical (or none is NaN), else arithmetic.</summary>
    private static NanRule Nans(double[] inputs, int laneBytes) => inputs.Any(x => double.IsNaN(x) && !IsCanonical(x, laneBytes)) ? NanRule.Arithmetic : NanRule.Canonical;

    /// <summary>A float NaN widened to double keeps its payload in the top mantissa bits, so check at the input's own width.</summary>
    private static bool IsCanonical(double x, int laneBytes) => laneBytes == 4
        ? (BitConverter.SingleToUInt32Bits((float)x) & 0x7FFF_FFFF) == 0x7FC0_0000
        : (BitConverter.DoubleToUInt64Bits(x) & 0x7FFF_FFFF_FFFF_FFFF) == 0x7FF8_0000_0000_0000;

    private static (float, NanRule) MinMax(float a, float b, bool min)
    {
        if (float.IsNaN(a) || float.IsNaN(b))
        {
            return (float.NaN, Nans([a, b], 4));
        }

        if (a == 0 && b == 0 && float.IsNegative(a) != float.IsNegative(b))
        {
            return (min ? -0f : 0f, NanRule.Exact);
        }

        return (min ? (a < b ? a : b) : (a > b ? a : b), NanRule.Exact);
    }

    private static (double, NanRule) MinMax(double a, double b, bool min)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return (double.NaN, Nans([a, b], 8));
        }

        if (a == 0 && b == 0 && double.IsNegative(a) != double.IsNegative(b))
        {
            return (min ? -0.0 : 0.0, NanRule.Exact);
        }

        return (min ? (a < b ? a : b) : (a > b ? a : b), NanRule.Exact);
    }

    private static Expected F32Lanes(Func<int, (float Value, NanRule Rule)> lane)
    {
        var lanes = Enumerable.Range(0, 4).Select(lane).ToArray();
        return new(Vector128.Create(lanes.Select(l => BitConverter.SingleToUInt32Bits(l.Value)).ToArray()).AsByte(), 4, lanes.Select(l => l.Rule).ToArray());
    }

    private static Expected F64Lanes(Func<int, (double Value, NanRule Rule)> lane)
    {
        var lanes = Enumerable.Range(0, 2).Select(lane).ToArray();
        return new(Vector128.Create(lanes.Select(l => BitConverter.DoubleToUInt64Bits(l.Value)).ToArray()).AsByte(), 8, lanes.Select(l => l.Rule).ToArray());
    }
}
