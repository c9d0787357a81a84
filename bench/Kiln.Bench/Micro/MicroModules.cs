namespace Kiln.Bench.Micro;

/// <summary>The WAT modules the micro-benchmarks run, the same text on both engines.</summary>
internal static class MicroModules
{
    /// <summary>Calls per invocation of the loop benchmarks, so per-call costs are not drowned by the host → guest entry.</summary>
    public const int LoopCalls = 1000;

    public const string Add = """
        (module
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
        """;

    /// <summary>A guest loop calling the imported host function <c>host.add</c> <c>n</c> times.</summary>
    public const string CallHost = """
        (module
          (import "host" "add" (func $add (param i32 i32) (result i32)))
          (func (export "run") (param $n i32) (result i32)
            (local $acc i32)
            (block $done (loop $l
              (br_if $done (i32.eqz (local.get $n)))
              (local.set $acc (call $add (local.get $acc) (local.get $n)))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br $l)))
            (local.get $acc)))
        """;

    /// <summary>A guest loop making <c>n</c> indirect calls through a table of two functions of one type.</summary>
    public const string CallIndirect = """
        (module
          (type $unary (func (param i32) (result i32)))
          (table 2 funcref)
          (elem (i32.const 0) $inc $dbl)
          (func $inc (type $unary) (i32.add (local.get 0) (i32.const 1)))
          (func $dbl (type $unary) (i32.shl (local.get 0) (i32.const 1)))
          (func (export "run") (param $n i32) (result i32)
            (local $acc i32)
            (block $done (loop $l
              (br_if $done (i32.eqz (local.get $n)))
              (local.set $acc (call_indirect (type $unary) (local.get $acc) (i32.and (local.get $n) (i32.const 1))))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br $l)))
            (local.get $acc)))
        """;

    public const string Grow = """
        (module
          (memory 1)
          (func (export "grow") (result i32) (memory.grow (i32.const 1))))
        """;

    /// <summary>A small module of the kind a host instantiates per request: a memory, a global, a data segment, a few functions and an import.</summary>
    public const string Small = """
        (module
          (import "host" "log" (func $log (param i32 i32)))
          (memory (export "memory") 1)
          (global $counter (mut i32) (i32.const 0))
          (data (i32.const 16) "hello, world")
          (func (export "hello") (call $log (i32.const 16) (i32.const 12)))
          (func (export "bump") (result i32)
            (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
            (global.get $counter)))
        """;
}
