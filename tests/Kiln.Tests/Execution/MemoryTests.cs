using Kiln.Runtime;

namespace Kiln.Tests.Execution;

public class MemoryTests
{
    [Fact]
    public void Accesses_are_checked_against_the_current_size_including_offset()
    {
        var inst = Wasm.Instantiate("""
            (module (memory 1 3)
              (func (export "load") (param i32) (result i32) (i32.load offset=4 (local.get 0)))
              (func (export "store") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
              (func (export "size") (result i32) (memory.size)))
            """);
        inst.Invoke("store", Value.I32(65528), Value.I64(0x0102030405060708));
        Assert.Equal(0x01020304, inst.I32("load", Value.I32(65528)));
        Assert.Equal("out of bounds memory access", inst.Trap("load", Value.I32(65529)).Reason);
        Assert.Equal("out of bounds memory access", inst.Trap("load", Value.I32(-1)).Reason);
        Assert.Equal(1, inst.I32("grow", Value.I32(1)));
        Assert.Equal(0x00010203, inst.I32("load", Value.I32(65529)));
        Assert.Equal(-1, inst.I32("grow", Value.I32(2)));
        Assert.Equal(2, inst.I32("size"));
    }

    [Fact]
    public void Memory64_addresses_that_overflow_trap()
    {
        var inst = Wasm.Instantiate("""
            (module (memory i64 1)
              (func (export "load") (param i64) (result i32) (i32.load offset=16 (local.get 0))))
            """);
        Assert.Equal(0, inst.I32("load", Value.I64(65532 - 16)));
        Assert.Equal("out of bounds memory access", inst.Trap("load", Value.I64(-8)).Reason);
    }

    [Fact]
    public void Bulk_operations_check_the_whole_range_before_writing()
    {
        var inst = Wasm.Instantiate("""
            (module (memory 1)
              (data $d "abcd")
              (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
              (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
              (func (export "init") (param i32) (memory.init $d (local.get 0) (i32.const 0) (i32.const 4)))
              (func (export "drop") (data.drop $d))
              (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0))))
            """);
        inst.Invoke("fill", Value.I32(10), Value.I32(0x55), Value.I32(4));
        Assert.Equal(0x55, inst.I32("load8", Value.I32(13)));
        Assert.Throws<TrapException>(() => inst.Invoke("fill", Value.I32(65535), Value.I32(1), Value.I32(2)));
        Assert.Equal(0, inst.I32("load8", Value.I32(65535)));
        inst.Invoke("copy", Value.I32(11), Value.I32(10), Value.I32(4));
        Assert.Equal(0x55, inst.I32("load8", Value.I32(14)));
        inst.Invoke("init", Value.I32(100));
        Assert.Equal('d', inst.I32("load8", Value.I32(103)));
        inst.Invoke("drop");
        Assert.Throws<TrapException>(() => inst.Invoke("init", Value.I32(100)));
    }
}
