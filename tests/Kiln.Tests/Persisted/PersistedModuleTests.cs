using System.Diagnostics;
using System.Security.Cryptography;

namespace Kiln.Tests.Persisted;

/// <summary><see cref="Module.Serialize"/> and <see cref="Module.Deserialize"/>: the code runs from the persisted assembly, exactly as compiled here.</summary>
public sealed class PersistedModuleTests : IDisposable
{
    private const string Program = """
        (module $prog
          (type $binop (func (param i32 i32) (result i32)))
          (memory (export "memory") 1)
          (global $g (mut i32) (i32.const 40))
          (global $started (mut i32) (i32.const 0))
          (table 4 funcref)
          (elem (i32.const 0) $add $sub $mul $neg)
          (data (i32.const 100) "\2a\00\00\00")
          (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
          (func $sub (type $binop) (i32.sub (local.get 0) (local.get 1)))
          (func $mul (type $binop) (i32.mul (local.get 0) (local.get 1)))
          (func $neg (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
          (func $init (global.set $started (i32.const 1)))
          (start $init)
          (func (export "apply") (param i32 i32 i32) (result i32)
            (call_indirect (type $binop) (local.get 1) (local.get 2) (local.get 0)))
          (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
          (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
          (func (export "bump") (result i32)
            (global.set $g (call $add (global.get $g) (i32.const 2)))
            (global.get $g))
          (func (export "started") (result i32) (global.get $started))
          (func (export "nan32") (result i32) (i32.reinterpret_f32 (f32.const nan:0x200001)))
          (func (export "nan64") (result i64) (i64.reinterpret_f64 (f64.const -nan:0x4000000000001)))
          (func (export "negzero") (result i64) (i64.reinterpret_f64 (f64.mul (f64.const -0) (f64.const 1))))
          (func (export "sub_zero") (param f32) (result i32) (i32.reinterpret_f32 (f32.sub (local.get 0) (f32.const 0))))
          (func (export "pair") (param i64) (result i64 i32) (local.get 0) (i32.wrap_i64 (local.get 0)))
          (func $deepest (unreachable))
          (func $middle (call $deepest))
          (func (export "crash") (call $middle)))
        """;

    private readonly Engine _engine = new();
    private readonly Store<object?> _store;

    public PersistedModuleTests()
    {
        _store = new Store<object?>(_engine, null);
    }

    public void Dispose() => _store.Dispose();

    private ModuleInstance Load(byte[] image) => new Linker(_engine).Instantiate(_store, Module.Deserialize(_engine, image, "prog.kiln"));

    private byte[] Compile(string wat) => Module.FromText(_engine, wat).Serialize();

    [Fact]
    public void Deserialized_module_computes_what_the_source_does_when_it_calls_directly_and_indirectly()
    {
        var instance = Load(Compile(Program));
        var apply = instance.GetFunction<int, int, int, int>("apply")!;
        Assert.Equal(7, apply(0, 3, 4));
        Assert.Equal(-1, apply(1, 3, 4));
        Assert.Equal(12, apply(2, 3, 4));
        Assert.Equal(42, instance.GetFunction<int>("bump")!());
        Assert.Equal(44, instance.GetFunction<int>("bump")!());
        Assert.Equal(1, instance.GetFunction<int>("started")!());
        Assert.Equal(42, instance.GetFunction<int, int>("load")!(100));
        instance.GetAction<int, int>("store")!(200, -5);
        Assert.Equal(-5, instance.GetFunction<int, int>("load")!(200));
        Assert.Equal((1L << 40) + 3, instance.GetFunction<long, (long, int)>("pair")!((1L << 40) + 3).Item1);
    }

    [Fact]
    public void Call_indirect_traps_on_a_signature_mismatch_when_the_code_is_persisted()
    {
        var apply = Load(Compile(Program)).GetFunction<int, int, int, int>("apply")!;
        var trap = Assert.Throws<TrapException>(() => apply(3, 1, 2));
        Assert.Equal(TrapKind.IndirectCallTypeMismatch, trap.Kind);
        Assert.Equal(TrapKind.UndefinedElement, Assert.Throws<TrapException>(() => apply(9, 1, 2)).Kind);
    }

    [Fact]
    public void Float_constants_keep_their_bits_when_the_code_is_persisted()
    {
        var instance = Load(Compile(Program));
        Assert.Equal(0x7fa00001, instance.GetFunction<int>("nan32")!());
        Assert.Equal(unchecked((long)0xfff4000000000001), instance.GetFunction<long>("nan64")!());
        Assert.Equal(unchecked((long)0x8000000000000000), instance.GetFunction<long>("negzero")!());
        float snan = BitConverter.Int32BitsToSingle(0x7f800001);
        Assert.Equal(0x7fc00001, instance.GetFunction<float, int>("sub_zero")!(snan));
    }

    [Fact]
    public void Trap_backtrace_names_the_functions_when_the_code_is_persisted()
    {
        var trap = Assert.Throws<TrapException>(() => Load(Compile(Program)).GetAction("crash")!());
        Assert.Equal(TrapKind.Unreachable, trap.Kind);
        Assert.Equal(["prog!deepest", "prog!middle"], trap.WasmBacktrace.Take(2));
    }

    [Fact]
    public void Deserialized_module_runs_the_persisted_methods_when_called()
    {
        var trap = Assert.Throws<TrapException>(() => Load(Compile(Program)).GetAction("crash")!());
        var frame = new StackTrace(trap).GetFrames().First(f => f.GetMethod()?.Name == "wasm:prog!deepest");
        Assert.Equal("Kiln.Compiled.Code", frame.GetMethod()!.DeclaringType?.FullName);
    }

    [Fact]
    public void Exceptions_are_caught_when_the_code_is_persisted()
    {
        var instance = Load(Compile("""
            (module
              (tag $e (param i32))
              (func $thrower (param i32) (throw $e (local.get 0)))
              (func (export "catch") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (catch $e $h) (call $thrower (local.get 0)))
                  (i32.const -1)))
              (func (export "legacy") (param i32) (result i32)
                (try (result i32)
                  (do (call $thrower (local.get 0)) (i32.const -1))
                  (catch $e (i32.add (i32.const 1))))))
            """));
        Assert.Equal(5, instance.GetFunction<int, int>("catch")!(5));
        Assert.Equal(6, instance.GetFunction<int, int>("legacy")!(5));
    }

    [Fact]
    public void Simd_atomics_and_a_second_memory_work_when_the_code_is_persisted()
    {
        var instance = Load(Compile("""
            (module
              (memory $a 1 1 shared)
              (memory $b 1)
              (func (export "dot") (param i32 i32 i32 i32) (result i32)
                (i32x4.extract_lane 0
                  (i32x4.add
                    (i32x4.mul (i32x4.splat (local.get 0)) (i32x4.splat (local.get 1)))
                    (i32x4.mul (i32x4.splat (local.get 2)) (i32x4.splat (local.get 3))))))
              (func (export "count") (result i32)
                (drop (i32.atomic.rmw.add $a (i32.const 8) (i32.const 5)))
                (i32.atomic.rmw.add $a (i32.const 8) (i32.const 5)))
              (func (export "copy") (result i32)
                (i32.store $b (i32.const 4) (i32.atomic.load $a (i32.const 8)))
                (i32.load $b (i32.const 4))))
            """));
        Assert.Equal(2 * 3 + 4 * 5, instance.GetFunction<int, int, int, int, int>("dot")!(2, 3, 4, 5));
        Assert.Equal(5, instance.GetFunction<int>("count")!());
        Assert.Equal(10, instance.GetFunction<int>("copy")!());
    }

    [Fact]
    public void Fuel_metering_stops_the_guest_when_compiled_and_run_with_fuel()
    {
        var engine = new Engine(new EngineConfig { ConsumeFuel = true });
        var image = Module.FromText(engine, "(module (func (export \"spin\") (loop (br 0))))").Serialize();
        using var store = new Store<object?>(engine, null) { Fuel = 10_000 };
        var spin = new Linker(engine).Instantiate(store, Module.Deserialize(engine, image)).GetAction("spin")!;
        Assert.Equal(TrapKind.OutOfFuel, Assert.Throws<TrapException>(() => spin()).Kind);
    }

    [Fact]
    public void Deserialize_refuses_the_image_when_the_engine_settings_differ()
    {
        var image = Compile(Program);
        var fueled = new Engine(new EngineConfig { ConsumeFuel = true });
        var e = Assert.Throws<WasmDecodeException>(() => Module.Deserialize(fueled, image));
        Assert.StartsWith("compiled with epoch interruption only but the engine uses fuel metering and epoch interruption", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_refuses_bytes_when_they_are_not_a_kiln_image()
    {
        var e = Assert.Throws<WasmDecodeException>(() => Module.Deserialize(_engine, "\0asm\x01\0\0\0"u8));
        Assert.StartsWith("not a compiled Kiln module", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_refuses_the_image_when_truncated()
    {
        var image = Compile(Program);
        foreach (int length in new[] { 4, 5, 30, image.Length / 2, image.Length - 1 })
        {
            var e = Assert.Throws<WasmDecodeException>(() => Module.Deserialize(_engine, image.AsSpan(0, length)));
            Assert.Matches("^(unexpected end of .kiln file|corrupted or truncated .kiln file)", e.Reason);
        }
    }

    [Fact]
    public void Deserialize_refuses_the_image_when_a_byte_is_corrupted()
    {
        var image = Compile(Program);
        foreach (int at in new[] { 7, 40, image.Length / 2, image.Length - 40, image.Length - 1 })
        {
            var copy = (byte[])image.Clone();
            copy[at] ^= 0x10;
            var e = Assert.Throws<WasmDecodeException>(() => Module.Deserialize(_engine, copy));
            Assert.StartsWith("corrupted or truncated .kiln file", e.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Deserialize_refuses_the_image_when_its_format_version_differs()
    {
        var image = Compile(Program);
        image[4] = 99;
        var e = Assert.Throws<WasmDecodeException>(() => Module.Deserialize(_engine, image));
        Assert.StartsWith("unsupported .kiln format version 99", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_refuses_the_image_when_another_kiln_build_wrote_it()
    {
        var image = Compile(Program);
        image[8] ^= 0xff;
        SHA256.HashData(image.AsSpan(0, image.Length - 32)).CopyTo(image, image.Length - 32);
        var e = Assert.Throws<WasmDecodeException>(() => Module.Deserialize(_engine, image));
        Assert.StartsWith("compiled by another Kiln build", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_refuses_the_module_when_it_uses_gc_instructions()
    {
        var module = Module.FromText(_engine, """
            (module
              (type $p (struct (field i32)))
              (func (export "make") (result i32) (struct.get $p 0 (struct.new $p (i32.const 1)))))
            """);
        var e = Assert.Throws<NotSupportedException>(() => module.Serialize());
        Assert.Contains("GC", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_file_refuses_a_kiln_file_when_given_one_for_a_wasm_module()
    {
        string path = Path.Combine(Path.GetTempPath(), "kiln-persisted-" + Guid.NewGuid().ToString("N") + ".wasm");
        File.WriteAllBytes(path, Compile(Program));
        try
        {
            var e = Assert.Throws<WasmDecodeException>(() => Module.FromFile(_engine, path));
            Assert.StartsWith("a compiled .kiln module", e.Reason, StringComparison.Ordinal);
            Assert.Equal(42, new Linker(_engine).Instantiate(_store, Module.DeserializeFile(_engine, path)).GetFunction<int>("bump")!());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
