using Kiln.Runtime;
using Kiln.Tests.Execution;

namespace Kiln.Tests.Gc;

public class ArrayTests
{
    private const string Module = """
        (module
          (type $a8 (array (mut i8)))
          (global $g (mut (ref $a8)) (array.new_default $a8 (i32.const 12)))
          (func (export "fill") (param i32 i32 i32)
            (array.fill $a8 (global.get $g) (local.get 0) (local.get 1) (local.get 2)))
          (func (export "get_s") (param i32) (result i32) (array.get_s $a8 (global.get $g) (local.get 0)))
          (func (export "get_u") (param i32) (result i32) (array.get_u $a8 (global.get $g) (local.get 0)))
        )
        """;

    private static readonly Instance Inst = Wasm.Instantiate(Module);

    [Fact]
    public void Array_fill_writes_the_range_and_traps_out_of_bounds()
    {
        Inst.Invoke("fill", Value.I32(2), Value.I32(0xFF), Value.I32(3));
        Assert.Equal(-1, Inst.I32("get_s", Value.I32(4)));
        Assert.Equal(0xFF, Inst.I32("get_u", Value.I32(4)));
        Assert.Equal(0, Inst.I32("get_u", Value.I32(5)));
        Assert.Equal("out of bounds array access", Inst.Trap("fill", Value.I32(13), Value.I32(0), Value.I32(0)).Reason);
        Assert.Equal("out of bounds array access", Inst.Trap("get_u", Value.I32(12)).Reason);
    }

    private const string Segments = """
        (module
          (type $a16 (array (mut i16)))
          (type $af (array (mut funcref)))
          (type $ai (array (mut i32)))
          (type $af64 (array f64))
          (memory 1)
          (data $d "\01\80\02\00\ff\ff")
          (elem $e func $f $f)
          (func $f)
          (global $fixed (ref $ai) (array.new_fixed $ai 3 (i32.const 1) (i32.const 2) (i32.const 3)))
          (func (export "new_data") (param i32 i32) (result i32)
            (array.get_s $a16 (array.new_data $a16 $d (local.get 0) (local.get 1)) (i32.const 0)))
          (func (export "new_elem") (param i32 i32) (result i32)
            (array.len (array.new_elem $af $e (local.get 0) (local.get 1))))
          (func (export "init_data") (param i32 i32 i32) (result i32)
            (local $a (ref $a16))
            (local.set $a (array.new_default $a16 (i32.const 4)))
            (array.init_data $a16 $d (local.get $a) (local.get 0) (local.get 1) (local.get 2))
            (array.get_u $a16 (local.get $a) (local.get 0)))
          (func (export "copy_overlap") (result i32)
            (local $a (ref $ai))
            (local.set $a (array.new_fixed $ai 4 (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4)))
            (array.copy $ai $ai (local.get $a) (i32.const 1) (local.get $a) (i32.const 0) (i32.const 3))
            (i32.add (i32.mul (array.get $ai (local.get $a) (i32.const 3)) (i32.const 10)) (array.get $ai (local.get $a) (i32.const 1))))
          (func (export "fixed_sum") (result i32)
            (i32.add (array.get $ai (global.get $fixed) (i32.const 0)) (array.get $ai (global.get $fixed) (i32.const 2))))
          (func (export "len_null") (result i32) (array.len (ref.null $ai)))
          (func (export "neg_zero") (result i64)
            (i64.reinterpret_f64 (array.get $af64 (array.new $af64 (f64.const -0) (i32.const 3)) (i32.const 2))))
          (func (export "huge") (result i32) (array.len (array.new_default $ai (i32.const -1))))
        )
        """;

    [Fact]
    public void Array_new_data_reads_little_endian_elements_and_checks_the_segment()
    {
        var inst = Wasm.Instantiate(Segments);
        Assert.Equal(-32767, inst.I32("new_data", Value.I32(0), Value.I32(3)));
        Assert.Equal(2, inst.I32("new_data", Value.I32(2), Value.I32(1)));
        Assert.Equal("out of bounds memory access", inst.Trap("new_data", Value.I32(2), Value.I32(3)).Reason);
        Assert.Equal("out of bounds memory access", inst.Trap("new_data", Value.I32(0), Value.I32(int.MaxValue)).Reason);
    }

    [Fact]
    public void Array_init_data_checks_the_array_before_the_segment()
    {
        var inst = Wasm.Instantiate(Segments);
        Assert.Equal(0xFFFF, inst.I32("init_data", Value.I32(3), Value.I32(4), Value.I32(1)));
        Assert.Equal("out of bounds array access", inst.Trap("init_data", Value.I32(3), Value.I32(100), Value.I32(2)).Reason);
        Assert.Equal("out of bounds memory access", inst.Trap("init_data", Value.I32(0), Value.I32(4), Value.I32(2)).Reason);
    }

    [Fact]
    public void Array_new_elem_copies_the_segment_and_checks_its_bounds()
    {
        var inst = Wasm.Instantiate(Segments);
        Assert.Equal(2, inst.I32("new_elem", Value.I32(0), Value.I32(2)));
        Assert.Equal("out of bounds table access", inst.Trap("new_elem", Value.I32(1), Value.I32(2)).Reason);
    }

    [Fact]
    public void Array_copy_handles_overlap_and_constant_arrays_work()
    {
        var inst = Wasm.Instantiate(Segments);
        Assert.Equal(31, inst.I32("copy_overlap"));
        Assert.Equal(4, inst.I32("fixed_sum"));
        Assert.Equal(long.MinValue, inst.I64("neg_zero"));
    }

    [Fact]
    public void Array_traps_on_null_and_on_allocations_over_the_limit()
    {
        var inst = Wasm.Instantiate(Segments);
        Assert.Equal("null array reference", inst.Trap("len_null").Reason);
        Assert.Equal("out of memory", inst.Trap("huge").Reason);
    }
}
