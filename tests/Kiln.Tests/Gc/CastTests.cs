using Kiln.Compiler;
using Kiln.Runtime;
using Kiln.Tests.Execution;

namespace Kiln.Tests.Gc;

public class CastTests
{
    private const string Module = """
        (module
          (type $base (sub (struct (field i32))))
          (type $derived (sub $base (struct (field i32) (field i64))))
          (type $other (struct (field i32)))
          (type $arr (array i32))
          (table $t 8 anyref)
          (func (export "init") (param externref)
            (table.set $t (i32.const 0) (struct.new $base (i32.const 1)))
            (table.set $t (i32.const 1) (struct.new $derived (i32.const 2) (i64.const 3)))
            (table.set $t (i32.const 2) (struct.new $other (i32.const 4)))
            (table.set $t (i32.const 3) (array.new_fixed $arr 2 (i32.const 5) (i32.const 6)))
            (table.set $t (i32.const 4) (ref.i31 (i32.const -1)))
            (table.set $t (i32.const 5) (any.convert_extern (local.get 0))))
          (func (export "is_base") (param i32) (result i32) (ref.test (ref $base) (table.get $t (local.get 0))))
          (func (export "is_derived") (param i32) (result i32) (ref.test (ref $derived) (table.get $t (local.get 0))))
          (func (export "is_eq") (param i32) (result i32) (ref.test eqref (table.get $t (local.get 0))))
          (func (export "is_null_struct") (param i32) (result i32) (ref.test (ref null struct) (table.get $t (local.get 0))))
          (func (export "base_field") (param i32) (result i32) (struct.get $base 0 (ref.cast (ref $base) (table.get $t (local.get 0)))))
          (func (export "classify") (param i32) (result i32)
            (block $struct (result (ref struct))
              (block $i31 (result (ref i31))
                (block $not_array (result anyref)
                  (br_on_cast $i31 anyref (ref i31) (table.get $t (local.get 0)))
                  (br_on_cast $struct anyref (ref struct))
                  (br_on_cast_fail $not_array anyref (ref array))
                  (return (array.len)))
                (return (i32.const -1)))
              (return (i32.add (i31.get_s) (i32.const 100))))
            (struct.get $base 0 (ref.cast (ref $base))))
          (func (export "roundtrip") (param i32) (result i32)
            (ref.eq (ref.cast eqref (table.get $t (local.get 0)))
                    (ref.cast eqref (any.convert_extern (extern.convert_any (table.get $t (local.get 0)))))))
          (func (export "i31_eq") (result i32) (ref.eq (ref.i31 (i32.const 0x7FFFFFFF)) (ref.i31 (i32.const -1))))
        )
        """;

    private static Instance Create()
    {
        var inst = Wasm.Instantiate(Module);
        inst.Invoke("init", Invoker.UntypedRef(new ExternObject(7)));
        return inst;
    }

    [Fact]
    public void Ref_test_follows_declared_subtyping()
    {
        var inst = Create();
        int[] expectedBase = [1, 1, 0, 0, 0, 0, 0];
        int[] expectedDerived = [0, 1, 0, 0, 0, 0, 0];
        int[] expectedEq = [1, 1, 1, 1, 1, 0, 1];
        int[] expectedNullStruct = [1, 1, 1, 0, 0, 0, 1];
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(expectedBase[i], inst.I32("is_base", Value.I32(i)));
            Assert.Equal(expectedDerived[i], inst.I32("is_derived", Value.I32(i)));
            Assert.Equal(expectedEq[i], inst.I32("is_eq", Value.I32(i)));
            Assert.Equal(expectedNullStruct[i], inst.I32("is_null_struct", Value.I32(i)));
        }
    }

    [Fact]
    public void Ref_cast_passes_subtypes_and_traps_otherwise()
    {
        var inst = Create();
        Assert.Equal(1, inst.I32("base_field", Value.I32(0)));
        Assert.Equal(2, inst.I32("base_field", Value.I32(1)));
        Assert.Equal("cast failure", inst.Trap("base_field", Value.I32(2)).Reason);
        Assert.Equal("cast failure", inst.Trap("base_field", Value.I32(6)).Reason);
    }

    [Fact]
    public void Br_on_cast_branches_on_the_runtime_type()
    {
        var inst = Create();
        Assert.Equal(1, inst.I32("classify", Value.I32(0)));
        Assert.Equal(2, inst.I32("classify", Value.I32(3)));
        Assert.Equal(99, inst.I32("classify", Value.I32(4)));
        Assert.Equal(-1, inst.I32("classify", Value.I32(5)));
        Assert.Equal(-1, inst.I32("classify", Value.I32(6)));
    }

    [Fact]
    public void Extern_conversions_round_trip_and_i31_compares_by_value()
    {
        var inst = Create();
        Assert.Equal(1, inst.I32("roundtrip", Value.I32(1)));
        Assert.Equal(1, inst.I32("roundtrip", Value.I32(4)));
        Assert.Equal(1, inst.I32("i31_eq"));
    }
}
