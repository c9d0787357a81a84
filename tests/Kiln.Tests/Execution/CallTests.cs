using Kiln.Binary;
using Kiln.Runtime;

namespace Kiln.Tests.Execution;

public class CallTests
{
    private const string Module = """
        (module
          (type $ii (func (param i32) (result i32)))
          (type $v (func))
          (table 5 funcref)
          (elem (i32.const 0) $double $nothing)
          (func $double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
          (func $nothing (type $v))
          (func (export "indirect") (param i32 i32) (result i32)
            (call_indirect (type $ii) (local.get 0) (local.get 1)))
          (func (export "call_ref") (param i32) (result i32)
            (call_ref $ii (local.get 0) (ref.func $double)))
          (func (export "call_null") (result i32)
            (call_ref $ii (i32.const 1) (ref.null $ii)))
          (func $count (export "count") (param i64) (result i64)
            (if (result i64) (i64.eqz (local.get 0))
              (then (i64.const 0))
              (else (return_call $count (i64.sub (local.get 0) (i64.const 1))))))
          (func $even (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
              (else (return_call_indirect (type $ii) (i32.sub (local.get 0) (i32.const 1)) (i32.const 3)))))
          (func $odd (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
              (else (return_call $even (i32.sub (local.get 0) (i32.const 1))))))
          (elem (i32.const 2) $even $odd)
          (func (export "even") (param i32) (result i32) (call $even (local.get 0)))
        )
        """;

    private static readonly Instance Inst = Wasm.Instantiate(Module);

    [Fact]
    public void Call_indirect_checks_index_null_and_signature()
    {
        Assert.Equal(14, Inst.I32("indirect", Value.I32(7), Value.I32(0)));
        Assert.Equal("indirect call type mismatch", Inst.Trap("indirect", Value.I32(7), Value.I32(1)).Reason);
        Assert.Equal("undefined element 5", Inst.Trap("indirect", Value.I32(7), Value.I32(5)).Reason);
        Assert.Equal("uninitialized element 4", Inst.Trap("indirect", Value.I32(7), Value.I32(4)).Reason);
    }

    [Fact]
    public void Call_ref_calls_the_reference_and_traps_on_null()
    {
        Assert.Equal(10, Inst.I32("call_ref", Value.I32(5)));
        Assert.Equal(TrapKind.NullFunctionReference, Inst.Trap("call_null").Kind);
    }

    [Fact]
    public void Tail_calls_run_a_million_deep_without_growing_the_stack()
    {
        Assert.Equal(0, Inst.I64("count", Value.I64(1_000_000)));
        Assert.Equal(1, Inst.I32("even", Value.I32(1_000_000)));
        Assert.Equal(0, Inst.I32("even", Value.I32(999_999)));
    }

    [Fact]
    public void Host_functions_are_called_with_converted_values()
    {
        var type = new FuncType([ValType.I32, ValType.F64], [ValType.I64]);
        var store = new Store();
        var host = new FunctionInstance(store, type, (args, results) => results[0] = Value.I64(args[0].AsI32 + (long)args[1].AsF64), "add");
        var inst = Wasm.Instantiate("""
            (module (import "env" "add" (func $add (param i32 f64) (result i64)))
              (func (export "f") (result i64) (call $add (i32.const 40) (f64.const 2.5))))
            """, store, (m, n) => m == "env" && n == "add" ? ExternValue.Of(host) : null);
        Assert.Equal(42, inst.I64("f"));
    }
}
