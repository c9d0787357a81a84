using Kiln.Runtime;

namespace Kiln.Tests.Execution;

public class ControlTests
{
    private const string Module = """
        (module
          (func (export "br_table") (param i32) (result i32)
            (block $d (block $c (block $b (block $a
              (br_table $a $b $c $d (local.get 0)))
              (return (i32.const 10)))
              (return (i32.const 11)))
              (return (i32.const 12)))
            (i32.const 13))
          (func (export "drop_below") (param i32) (result i32)
            ;; The branch carries one value and must discard the two beneath it.
            (i32.const 100)
            (block (result i32)
              (i32.const 1) (i32.const 2) (local.get 0)
              (br_if 0 (local.get 0))
              (drop) (drop) (drop) (i32.const 7))
            (i32.add))
          (func (export "loop_sum") (param i32) (result i32) (local i32)
            (loop $l
              (local.set 1 (i32.add (local.get 1) (local.get 0)))
              (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))
              (br_if $l))
            (local.get 1))
          (func (export "if_params") (param i32) (result i32)
            (i32.const 5) (i32.const 6)
            (if (param i32 i32) (result i32) (local.get 0)
              (then (i32.add)) (else (i32.sub))))
          (func $many (export "many") (param i32) (result i32 i64 i32 i64 i32 i64 i32 i64 i32)
            (local.get 0) (i64.const 1) (i32.const 2) (i64.const 3) (i32.const 4)
            (i64.const 5) (i32.const 6) (i64.const 7) (i32.const 8))
          (func (export "call_many") (result i32)
            (call $many (i32.const 42))
            (drop) (drop) (drop) (drop) (drop) (drop) (drop) (drop))
          (func (export "select") (param i32) (result i64) (select (i64.const 1) (i64.const 2) (local.get 0)))
          (func (export "dead_code") (result i32)
            (block (result i32) (br 0 (i32.const 3)) (i32.add) (unreachable)))
        )
        """;

    private static readonly Instance Inst = Wasm.Instantiate(Module);

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 11)]
    [InlineData(2, 12)]
    [InlineData(3, 13)]
    [InlineData(99, 13)]
    public void Br_table_picks_the_label_or_the_default(int index, int expected) =>
        Assert.Equal(expected, Inst.I32("br_table", Value.I32(index)));

    [Fact]
    public void Branches_discard_values_below_what_they_carry()
    {
        Assert.Equal(105, Inst.I32("drop_below", Value.I32(5)));
        Assert.Equal(107, Inst.I32("drop_below", Value.I32(0)));
    }

    [Fact]
    public void Loops_and_ifs_with_parameters_work()
    {
        Assert.Equal(5050, Inst.I32("loop_sum", Value.I32(100)));
        Assert.Equal(11, Inst.I32("if_params", Value.I32(1)));
        Assert.Equal(-1, Inst.I32("if_params", Value.I32(0)));
    }

    [Fact]
    public void Multi_value_results_beyond_seven_round_trip()
    {
        var r = Inst.Invoke("many", Value.I32(9));
        Assert.Equal(9, r.Length);
        Assert.Equal(9, r[0].AsI32);
        Assert.Equal(7, r[7].AsI64);
        Assert.Equal(8, r[8].AsI32);
        Assert.Equal(42, Inst.I32("call_many"));
    }

    [Fact]
    public void Select_and_dead_code_after_branches()
    {
        Assert.Equal(1, Inst.I64("select", Value.I32(1)));
        Assert.Equal(2, Inst.I64("select", Value.I32(0)));
        Assert.Equal(3, Inst.I32("dead_code"));
    }
}
