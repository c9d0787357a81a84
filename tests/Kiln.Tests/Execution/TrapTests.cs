using Kiln.Runtime;

namespace Kiln.Tests.Execution;

public class TrapTests
{
    [Fact]
    public void Runaway_recursion_traps_and_the_store_stays_usable()
    {
        var inst = Wasm.Instantiate("""
            (module
              (func $down (export "down") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0))
                  (else (i64.add (i64.const 1) (call $down (i64.sub (local.get 0) (i64.const 1)))))))
              (func $forever (export "forever") (call $forever)))
            """);
        var t = inst.Trap("forever");
        Assert.Equal(TrapKind.CallStackExhausted, t.Kind);
        Assert.Equal("call stack exhausted", t.Reason);
        Assert.Equal("call stack exhausted", inst.Trap("down", Value.I64(10_000_000)).Reason);
        Assert.Equal(1000, inst.I64("down", Value.I64(1000)));
    }

    [Fact]
    public void Out_of_bounds_accesses_trap_in_their_own_frame_with_or_without_values_below_the_address()
    {
        // With nothing below the address (bare, store) the check jumps to the function's shared trap block; with a value
        // below it (under) or inside a try region (guarded) it calls the trap in line.
        var inst = Wasm.Instantiate("""
            (module
              (memory 1)
              (func $bare (export "bare") (param i32) (result i32) (i32.load (local.get 0)))
              (func $under (export "under") (param i32) (result i32) (i32.add (i32.const 1) (i32.load (local.get 0))))
              (func $store (export "store") (param i32) (result i32) (i32.store (local.get 0) (i32.const 7)) (i32.const 0))
              (func $guarded (export "guarded") (param i32) (result i32)
                (block $caught
                  (try_table (catch_all $caught) (drop (i32.load (local.get 0))))
                  (return (i32.const 0)))
                (i32.const 1)))
            """);
        foreach (string name in new[] { "bare", "under", "store", "guarded" })
        {
            var t = inst.Trap(name, Value.I32(65_533));
            Assert.Equal("out of bounds memory access", t.Reason);
            Assert.Equal(name, t.WasmBacktrace[0]);
        }

        Assert.Equal((0, 1, 0, 0), (inst.I32("bare", Value.I32(0)), inst.I32("under", Value.I32(0)), inst.I32("store", Value.I32(65_532)), inst.I32("guarded", Value.I32(0))));
        Assert.Equal(7, inst.I32("bare", Value.I32(65_532)));
    }

    [Fact]
    public void Trap_backtrace_names_guest_functions_from_the_name_section()
    {
        var inst = Wasm.Instantiate("""
            (module
              (func $inner (unreachable))
              (func $outer (export "outer") (call $inner) (nop)))
            """);
        var t = inst.Trap("outer");
        Assert.Equal("unreachable", t.Reason);
        Assert.Equal(["$inner", "$outer"], t.WasmBacktrace.Select(n => n.TrimStart('$')).Select(n => "$" + n).ToArray());
    }

    [Fact]
    public void A_function_with_a_hundred_thousand_locals_runs()
    {
        var inst = Wasm.Instantiate("""
            (module
              (func $big (export "big") (param i32) (result i64) (local i64 i64) (local f64)
                (local.set 1 (i64.extend_i32_u (local.get 0)))
                (local.get 1))
              (func (export "rec") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (i32.wrap_i64 (call $big (local.get 0)))))))
            """.Replace("(local f64)", "(local " + string.Concat(Enumerable.Repeat("i64 ", 100_000)) + ")"));
        Assert.Equal(7, inst.I64("big", Value.I32(7)));
    }

    [Fact]
    public void Trap_during_instantiation_keeps_earlier_segment_writes()
    {
        var store = new Store();
        var exporter = Wasm.Instantiate("""(module (memory (export "mem") 1) (table (export "tab") 2 funcref) (func (export "f")))""", store);
        var imports = exporter.Exports;
        var e = Assert.Throws<TrapException>(() => Wasm.Instantiate("""
            (module
              (import "m" "mem" (memory 1))
              (import "m" "tab" (table 2 funcref))
              (func $g)
              (elem (i32.const 0) $g)
              (data (i32.const 0) "hi")
              (data (i32.const 65535) "too long"))
            """, store, (_, n) => imports[n]));
        Assert.Equal("out of bounds memory access", e.Reason);
        Assert.Equal((byte)'h', ((LinearMemory)imports["mem"].Target).Span[0]);
        Assert.NotNull(((TableInstance)imports["tab"].Target).Elements[0]);
    }

    [Fact]
    public void Imports_are_checked_by_kind_and_type()
    {
        var exporter = Wasm.Instantiate("""(module (func (export "f") (param i32)) (global (export "g") i32 (i32.const 1)))""");
        var imports = exporter.Exports;
        Assert.Equal("unknown import", Assert.Throws<LinkException>(() =>
            Wasm.Instantiate("""(module (import "m" "nope" (func)))""", null, (_, n) => imports.TryGetValue(n, out var e) ? e : null)).Reason);
        Assert.Equal("incompatible import type", Assert.Throws<LinkException>(() =>
            Wasm.Instantiate("""(module (import "m" "f" (func (param i64))))""", null, (_, n) => imports[n])).Reason);
        Assert.Equal("incompatible import type", Assert.Throws<LinkException>(() =>
            Wasm.Instantiate("""(module (import "m" "g" (global (mut i32))))""", null, (_, n) => imports[n])).Reason);
    }

    [Fact]
    public void Start_function_runs_at_instantiation()
    {
        var inst = Wasm.Instantiate("""
            (module (global $g (mut i32) (i32.const 0)) (global (export "g") (mut i32) (i32.const 0))
              (func $start (global.set 1 (i32.const 5)))
              (start $start))
            """);
        Assert.Equal(5, inst.GetGlobal("g").AsI32);
    }

    [Fact]
    public void Exceptions_are_caught_by_tag_and_escape_to_the_host_otherwise()
    {
        var inst = Wasm.Instantiate("""
            (module
              (tag $e (param i32))
              (tag $other)
              (func $throw (param i32) (throw $e (local.get 0)))
              (func (export "catch") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (catch $e $h) (call $throw (local.get 0)))
                  (i32.const -1)))
              (func (export "escape")
                (block $h (try_table (catch $other $h) (call $throw (i32.const 1))))))
            """);
        Assert.Equal(9, inst.I32("catch", Value.I32(9)));
        Assert.Throws<GuestException>(() => inst.Invoke("escape"));
    }
}
