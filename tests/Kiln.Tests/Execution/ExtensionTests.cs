using Kiln.Runtime;

namespace Kiln.Tests.Execution;

public class ExtensionTests
{
    [Fact]
    public void Simd_values_cross_the_host_boundary_and_lanes_compute()
    {
        var inst = Wasm.Instantiate("""
            (module (memory 1)
              (func (export "add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
              (func (export "roundtrip") (param i32) (result i32)
                (v128.store offset=16 (local.get 0) (i32x4.splat (i32.const 7)))
                (i32x4.extract_lane 3 (v128.load offset=16 (local.get 0)))))
            """);
        var r = inst.Invoke("add", new Value(Kiln.Binary.ValType.V128, 0x0000000200000001, 0x0000000400000003), new Value(Kiln.Binary.ValType.V128, 0x0000001000000010, 0x0000001000000010))[0];
        Assert.Equal(0x0000001200000011UL, r.Bits);
        Assert.Equal(0x0000001400000013UL, r.High);
        Assert.Equal(7, inst.I32("roundtrip", Value.I32(100)));
        Assert.Equal("out of bounds memory access", inst.Trap("roundtrip", Value.I32(65536 - 20)).Reason);
    }

    [Fact]
    public void Wide_arithmetic_carries_across_64_bits()
    {
        var inst = Wasm.Instantiate("""
            (module
              (func (export "add") (param i64 i64 i64 i64) (result i64 i64)
                (i64.add128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
              (func (export "mul") (param i64 i64) (result i64 i64) (i64.mul_wide_u (local.get 0) (local.get 1))))
            """);
        var sum = inst.Invoke("add", Value.I64(-1), Value.I64(0), Value.I64(1), Value.I64(0));
        Assert.Equal(0, sum[0].AsI64);
        Assert.Equal(1, sum[1].AsI64);
        var product = inst.Invoke("mul", Value.I64(-1), Value.I64(2));
        Assert.Equal(-2, product[0].AsI64);
        Assert.Equal(1, product[1].AsI64);
    }

    [Fact]
    public void Legacy_try_catch_and_rethrow_work()
    {
        var inst = Wasm.Instantiate("""
            (module
              (tag $e (param i32))
              (func (export "catch") (param i32) (result i32)
                (try (result i32)
                  (do (throw $e (local.get 0)))
                  (catch $e (i32.add (i32.const 1)))))
              (func (export "rethrow") (result i32)
                (try (result i32)
                  (do (try (do (throw $e (i32.const 5))) (catch_all (rethrow 0))) (i32.const 0))
                  (catch $e))))
            """);
        Assert.Equal(8, inst.I32("catch", Value.I32(7)));
        Assert.Equal(5, inst.I32("rethrow"));
    }

    [Fact]
    public void Atomics_read_modify_write_and_trap_when_unaligned()
    {
        var inst = Wasm.Instantiate("""
            (module (memory 1 1 shared)
              (func (export "add") (param i32 i32) (result i32) (i32.atomic.rmw.add (local.get 0) (local.get 1)))
              (func (export "cmpxchg8") (param i32 i32 i32) (result i32)
                (i32.atomic.rmw8.cmpxchg_u (local.get 0) (local.get 1) (local.get 2)))
              (func (export "load") (param i32) (result i32) (i32.atomic.load (local.get 0))))
            """);
        Assert.Equal(0, inst.I32("add", Value.I32(8), Value.I32(5)));
        Assert.Equal(5, inst.I32("add", Value.I32(8), Value.I32(1)));
        Assert.Equal(6, inst.I32("cmpxchg8", Value.I32(8), Value.I32(0x106), Value.I32(9)));
        Assert.Equal(9, inst.I32("load", Value.I32(8)));
        Assert.Equal("unaligned atomic", inst.Trap("load", Value.I32(2)).Reason);
    }
}
