using Kiln.Runtime;
using Kiln.Tests.Execution;

namespace Kiln.Tests.Gc;

public class StructTests
{
    private const string Module = """
        (module
          (type $s (struct (field $a (mut i8)) (field $b (mut i16)) (field $c (mut i32)) (field $d (mut i64))
                           (field $e (mut f32)) (field $f (mut f64)) (field $g (mut v128)) (field $h (mut anyref))))
          (global $g (mut (ref null $s)) (ref.null $s))
          (func (export "make")
            (global.set $g (struct.new $s (i32.const 0x1FF) (i32.const 0x18000) (i32.const -5) (i64.const -6)
              (f32.const nan:0x200001) (f64.const -nan:0x4000000000001) (v128.const i64x2 7 -8) (ref.i31 (i32.const 9)))))
          (func (export "make_default") (global.set $g (struct.new_default $s)))
          (func (export "i8_s") (result i32) (struct.get_s $s $a (global.get $g)))
          (func (export "i8_u") (result i32) (struct.get_u $s $a (global.get $g)))
          (func (export "i16_s") (result i32) (struct.get_s $s $b (global.get $g)))
          (func (export "i16_u") (result i32) (struct.get_u $s $b (global.get $g)))
          (func (export "i32") (result i32) (struct.get $s $c (global.get $g)))
          (func (export "i64") (result i64) (struct.get $s $d (global.get $g)))
          (func (export "f32") (result i32) (i32.reinterpret_f32 (struct.get $s $e (global.get $g))))
          (func (export "f64") (result i64) (i64.reinterpret_f64 (struct.get $s $f (global.get $g))))
          (func (export "v128_high") (result i64) (i64x2.extract_lane 1 (struct.get $s $g (global.get $g))))
          (func (export "ref") (result i32) (i31.get_s (ref.cast i31ref (struct.get $s $h (global.get $g)))))
          (func (export "set_c") (param i32) (struct.set $s $c (global.get $g) (local.get 0)))
          (func (export "set_null") (struct.set $s $c (ref.null $s) (i32.const 1)))
          (func (export "get_null") (result i32) (struct.get $s $c (ref.null $s)))
        )
        """;

    [Fact]
    public void Struct_fields_keep_every_storage_type_exactly()
    {
        var inst = Wasm.Instantiate(Module);
        inst.Invoke("make");
        Assert.Equal(-1, inst.I32("i8_s"));
        Assert.Equal(0xFF, inst.I32("i8_u"));
        Assert.Equal(-32768, inst.I32("i16_s"));
        Assert.Equal(0x8000, inst.I32("i16_u"));
        Assert.Equal(-5, inst.I32("i32"));
        Assert.Equal(-6, inst.I64("i64"));
        Assert.Equal(0x7FA0_0001, inst.I32("f32"));
        Assert.Equal(unchecked((long)0xFFF4_0000_0000_0001), inst.I64("f64"));
        Assert.Equal(-8, inst.I64("v128_high"));
        Assert.Equal(9, inst.I32("ref"));
        inst.Invoke("set_c", Value.I32(42));
        Assert.Equal(42, inst.I32("i32"));
    }

    [Fact]
    public void Struct_new_default_zeroes_every_field()
    {
        var inst = Wasm.Instantiate(Module);
        inst.Invoke("make_default");
        Assert.Equal(0, inst.I32("i16_s"));
        Assert.Equal(0, inst.I64("i64"));
        Assert.Equal(0, inst.I64("f64"));
        Assert.Equal("null i31 reference", inst.Trap("ref").Reason);
    }

    [Fact]
    public void Struct_access_traps_on_null()
    {
        var inst = Wasm.Instantiate(Module);
        Assert.Equal("null structure reference", inst.Trap("set_null").Reason);
        Assert.Equal("null structure reference", inst.Trap("get_null").Reason);
    }
}
