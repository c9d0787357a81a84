using Kiln.Runtime;

namespace Kiln.Tests.Execution;

public class NumericTests
{
    private const string Module = """
        (module
          (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
          (func (export "rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
          (func (export "rem_s64") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
          (func (export "shl") (param i32 i32) (result i32) (i32.shl (local.get 0) (local.get 1)))
          (func (export "rotl64") (param i64 i64) (result i64) (i64.rotl (local.get 0) (local.get 1)))
          (func (export "ctz") (param i32) (result i32) (i32.ctz (local.get 0)))
          (func (export "trunc") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
          (func (export "trunc_sat_u") (param f64) (result i32) (i32.trunc_sat_f64_u (local.get 0)))
          (func (export "min") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
          (func (export "max64") (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1)))
          (func (export "nearest") (param f64) (result f64) (f64.nearest (local.get 0)))
          (func (export "copysign") (param f32 f32) (result f32) (f32.copysign (local.get 0) (local.get 1)))
          (func (export "neg") (param f32) (result f32) (f32.neg (local.get 0)))
          (func (export "u64_to_f32") (param i64) (result f32) (f32.convert_i64_u (local.get 0)))
          (func (export "nan_const") (result f32) (f32.const nan:0x200000))
          (func (export "sub_zero") (param f32) (result f32) (f32.sub (local.get 0) (f32.const 0)))
          (func (export "promote_demote") (param f32) (result f32) (f32.demote_f64 (f64.promote_f32 (local.get 0))))
        )
        """;

    private static readonly Instance Inst = Wasm.Instantiate(Module);

    [Fact]
    public void Division_traps_on_zero_and_overflow()
    {
        Assert.Equal(-3, Inst.I32("div_s", Value.I32(-7), Value.I32(2)));
        Assert.Equal("integer divide by zero", Inst.Trap("div_s", Value.I32(1), Value.I32(0)).Reason);
        var overflow = Inst.Trap("div_s", Value.I32(int.MinValue), Value.I32(-1));
        Assert.Equal(TrapKind.IntegerOverflow, overflow.Kind);
        Assert.Equal("integer overflow", overflow.Reason);
    }

    [Fact]
    public void Rem_s_of_min_by_minus_one_is_zero_when_it_would_overflow()
    {
        Assert.Equal(0, Inst.I32("rem_s", Value.I32(int.MinValue), Value.I32(-1)));
        Assert.Equal(0, Inst.I64("rem_s64", Value.I64(long.MinValue), Value.I64(-1)));
        Assert.Equal(-1, Inst.I32("rem_s", Value.I32(-7), Value.I32(2)));
    }

    [Fact]
    public void Shifts_and_rotates_take_the_count_modulo_the_width()
    {
        Assert.Equal(2, Inst.I32("shl", Value.I32(1), Value.I32(33)));
        Assert.Equal(1L << 63, Inst.I64("rotl64", Value.I64(1), Value.I64(127)));
        Assert.Equal(32, Inst.I32("ctz", Value.I32(0)));
    }

    [Fact]
    public void Truncation_traps_on_nan_and_range_but_saturates_in_sat_form()
    {
        Assert.Equal(-2, Inst.I32("trunc", Value.F32(-2.9f)));
        Assert.Equal("invalid conversion to integer", Inst.Trap("trunc", Value.F32(float.NaN)).Reason);
        Assert.Equal("integer overflow", Inst.Trap("trunc", Value.F32(2147483648f)).Reason);
        Assert.Equal(-1, Inst.I32("trunc_sat_u", Value.F64(1e20)));
        Assert.Equal(0, Inst.I32("trunc_sat_u", Value.F64(double.NaN)));
        Assert.Equal(0, Inst.I32("trunc_sat_u", Value.F64(-5)));
    }

    [Fact]
    public void Min_max_order_signed_zeros_and_propagate_nan()
    {
        Assert.Equal(0x80000000u, (uint)Inst.Invoke("min", Value.F32(0f), Value.F32(-0f))[0].Bits);
        Assert.Equal(0UL, Inst.Invoke("max64", Value.F64(-0.0), Value.F64(0.0))[0].Bits);
        uint nan = (uint)Inst.Invoke("min", Value.F32Bits(0x7fa00000), Value.F32(1f))[0].Bits;
        Assert.Equal(0x7fc00000u, nan & 0x7fc00000u);
    }

    [Fact]
    public void Nearest_rounds_half_to_even()
    {
        Assert.Equal(2.0, Inst.Invoke("nearest", Value.F64(2.5))[0].AsF64);
        Assert.Equal(-4.0, Inst.Invoke("nearest", Value.F64(-3.5))[0].AsF64);
    }

    [Fact]
    public void Sign_operations_keep_nan_payloads()
    {
        Assert.Equal(0xffa00000u, (uint)Inst.Invoke("neg", Value.F32Bits(0x7fa00000))[0].Bits);
        Assert.Equal(0xff800001u, (uint)Inst.Invoke("copysign", Value.F32Bits(0x7f800001), Value.F32(-1f))[0].Bits);
    }

    [Fact]
    public void Constants_keep_signalling_nan_payloads_and_arithmetic_quiets_them()
    {
        Assert.Equal(0x7fa00000u, (uint)Inst.Invoke("nan_const")[0].Bits);
        Assert.Equal(0x7fc00000u, (uint)Inst.Invoke("sub_zero", Value.F32Bits(0x7fa00000))[0].Bits & 0x7fc00000u);
        Assert.Equal(0x7fc00000u, (uint)Inst.Invoke("promote_demote", Value.F32Bits(0x7fa00000))[0].Bits & 0x7fc00000u);
    }

    [Fact]
    public void Unsigned_64_bit_conversion_rounds_once()
    {
        // 2^63 + 2^39 + 1 is just above the midpoint between two floats; rounding twice would go down.
        ulong v = (1UL << 63) + (1UL << 39) + 1;
        Assert.Equal(9223373136366403584f, Inst.Invoke("u64_to_f32", Value.I64((long)v))[0].AsF32);
    }
}
