using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Kiln.Tests.Api;

/// <summary>The public members ApiTests does not reach: properties, overloads, argument checks and error details.</summary>
public sealed class ApiSurfaceTests : IDisposable
{
    private readonly Engine _engine = new();

    private readonly Store<object?> _store;

    public ApiSurfaceTests()
    {
        _store = new Store<object?>(_engine, null);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Engine_keeps_a_copy_of_its_config_when_created()
    {
        var config = new EngineConfig { CustomPageSizes = true };
        var engine = new Engine(config);
        config.CustomPageSizes = false;
        Assert.True(engine.Config.CustomPageSizes);
        Assert.NotSame(config, engine.Config);
        Assert.False(new Engine().Config.CustomPageSizes);
    }

    [Fact]
    public void Engine_config_defaults_leave_fuel_off_and_interruption_on()
    {
        var config = new EngineConfig();
        Assert.False(config.ConsumeFuel);
        Assert.True(config.EpochInterruption);
        Assert.Equal(4 << 20, config.MaxWasmStack);
        Assert.Null(_store.Limits);
        Assert.Equal(CancellationToken.None, _store.CancellationToken);

        // Without a deadline, advancing the epoch stops nothing.
        var instance = new Linker(_engine).Instantiate(_store, Module.FromText(_engine, """(module (func (export "f") (result i32) (i32.const 1)))"""));
        _engine.IncrementEpoch();
        Assert.Equal(1, instance.GetFunction<int>("f")!());
    }

    [Fact]
    public void Store_limits_apply_to_host_side_growth_too()
    {
        var limits = new StoreLimits { MemoryBytes = 2 * 65536, TableElements = 4 };
        _store.Limits = limits;
        Assert.Same(limits, _store.Limits);
        var instance = new Linker(_engine).Instantiate(_store, Module.FromText(_engine, """
            (module (memory (export "memory") 1) (table (export "table") 1 externref))
            """));
        var memory = instance.GetMemory("memory")!;
        Assert.Equal(-1, memory.Grow(2));
        Assert.Equal(1, memory.Grow(1));
        Assert.Equal(-1, memory.Grow(1));
        var table = instance.GetTable("table")!;
        Assert.Equal(-1, table.Grow(4));
        Assert.Equal(1, table.Grow(3));
        _store.Limits = null;
        Assert.Equal(2, memory.Grow(1));
    }

    [Fact]
    public void Engine_accepts_custom_page_sizes_only_when_configured()
    {
        // (memory (export "m") 1 (pagesize 1)) in binary: limits flag 0x08 carries the page size's log2.
        byte[] bytes = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 4, 1, 0x08, 1, 0, 7, 5, 1, 1, 0x6d, 2, 0];
        Assert.Throws<WasmDecodeException>(() => Module.FromBytes(_engine, bytes));
        var engine = new Engine(new EngineConfig { CustomPageSizes = true });
        using var store = new Store<object?>(engine, null);
        var memory = new Linker(engine).Instantiate(store, Module.FromBytes(engine, bytes)).GetMemory("m")!;
        Assert.Equal(1, memory.PageSize);
        Assert.Equal(1, memory.Length);
        Assert.Equal(1, memory.Grow(3));
        Assert.Equal(4, memory.Pages);
    }

    [Fact]
    public void Module_has_its_engine_and_a_name_when_loaded()
    {
        var text = Module.FromText(_engine, "(module)");
        Assert.Same(_engine, text.Engine);
        Assert.Equal("module", text.Name);
        Assert.Equal("module", text.ToString());
        var named = Module.FromBytes(_engine, [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0], "empty.wasm");
        Assert.Equal("empty.wasm", named.Name);
        Assert.Empty(named.Imports);
        Assert.Throws<FileNotFoundException>(() => Module.FromFile(_engine, Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".wasm")));
        Assert.Throws<ArgumentNullException>(() => Module.FromText(null!, "(module)"));
    }

    [Fact]
    public void External_types_describe_every_kind_of_import_and_export()
    {
        var module = Module.FromText(_engine, """
            (module
              (import "env" "table" (table 1 8 externref))
              (import "env" "memory" (memory i64 2))
              (import "env" "shared" (memory 1 4 shared))
              (import "env" "flag" (global (mut i64)))
              (import "env" "fail" (tag (param i32)))
              (table (export "funcs") 3 funcref)
              (global (export "ratio") f32 (f32.const 0.5))
              (tag (export "oops") (param i64 f64))
              (export "imported-table" (table 0))
              (export "imported-global" (global 0))
              (export "shared" (memory 1)))
            """);
        var imports = module.Imports.ToDictionary(i => i.Name, i => i.Type);
        Assert.All(module.Imports, i => Assert.Equal("env", i.Module));
        var table = imports["table"];
        Assert.Equal((ExternalKind.Table, ValueKind.ExternRef, 1UL, (ulong?)8UL), (table.Kind, table.Element, table.Minimum, table.Maximum));
        Assert.Equal("(table 1 8 externref)", table.ToString());
        var memory = imports["memory"];
        Assert.Equal((ExternalKind.Memory, true, 2UL, (ulong?)null, false), (memory.Kind, memory.Is64, memory.Minimum, memory.Maximum, memory.IsShared));
        Assert.Equal("(memory i64 2)", memory.ToString());
        Assert.True(imports["shared"].IsShared);
        Assert.Equal("(memory 1 4 shared)", imports["shared"].ToString());
        var flag = imports["flag"];
        Assert.Equal((ExternalKind.Global, ValueKind.Int64, true), (flag.Kind, flag.Element, flag.IsMutable));
        Assert.Null(flag.Function);
        var fail = imports["fail"];
        Assert.Equal(ExternalKind.Tag, fail.Kind);
        Assert.Equal([ValueKind.Int32], fail.Function!.Parameters);
        Assert.Equal("(tag (func (param i32)))", fail.ToString());

        var exports = module.Exports.ToDictionary(e => e.Name, e => e.Type.ToString());
        Assert.Equal("(table 3 funcref)", exports["funcs"]);
        Assert.Equal("(global f32)", exports["ratio"]);
        Assert.Equal("(tag (func (param i64 f64)))", exports["oops"]);
        Assert.Equal("(table 1 8 externref)", exports["imported-table"]);
        Assert.Equal("(global (mut i64))", exports["imported-global"]);
        Assert.Equal("(memory 1 4 shared)", exports["shared"]);
    }

    [Fact]
    public void Function_type_copies_its_lists_and_prints_as_text()
    {
        var parameters = new List<ValueKind> { ValueKind.Int32, ValueKind.V128 };
        var type = new FunctionType(parameters, [ValueKind.Float64, ValueKind.FuncRef, ValueKind.ExternRef]);
        parameters.Add(ValueKind.Int64);
        Assert.Equal([ValueKind.Int32, ValueKind.V128], type.Parameters);
        Assert.Equal("(func (param i32 v128) (result f64 funcref externref))", type.ToString());
        Assert.Equal("(func)", new FunctionType([], []).ToString());
        Assert.Throws<ArgumentNullException>(() => new FunctionType(null!, []));
    }

    [Fact]
    public void Linker_defines_fluently_and_refuses_unusable_delegates()
    {
        var linker = new Linker(_engine);
        Assert.Same(_engine, linker.Engine);
        Assert.False(linker.AllowShadowing);
        Assert.Same(linker, linker.DefineFunction("m", "a", () => { }).DefineFunction("m", "b", (int x) => x));
        Assert.True(linker.IsDefined("m", "b"));
        Assert.False(linker.IsDefined("m", "c"));
        Assert.Throws<ArgumentNullException>(() => linker.DefineFunction("m", "c", (Action)null!));
        Assert.Throws<NotSupportedException>(() => linker.DefineFunction("m", "c", (string s) => s.Length));
        Assert.Throws<ArgumentNullException>(() => new Linker(null!));
    }

    [Fact]
    public void Linker_refuses_an_instance_of_another_store_when_instantiating()
    {
        var linker = new Linker(_engine);
        using var other = new Store<object?>(_engine, null);
        var lib = linker.Instantiate(other, Module.FromText(_engine, """(module (func (export "f")))"""));
        linker.DefineInstance("lib", lib);
        var e = Assert.Throws<LinkingException>(() => linker.Instantiate(_store, Module.FromText(_engine, """(module (import "lib" "f" (func)))""")));
        Assert.Equal("incompatible import type", e.Reason);
        Assert.Equal("incompatible import type: lib::f belongs to another store", e.Message);
    }

    [Fact]
    public void Caller_reaches_the_calling_instance_exports_when_host_function_runs()
    {
        var linker = new Linker(_engine);
        ModuleInstance? seen = null;
        linker.DefineFunction("host", "visit", (Caller caller) =>
        {
            seen = caller.Instance;
            Assert.Null(caller.Data);
            Assert.Null(caller.GetMemory("nope"));
            Assert.Null(caller.GetFunction("nope"));
            Assert.Equal(5, caller.GetGlobal("g")!.Value);
            return caller.GetFunction("seven")!.Invoke()!;
        });
        var module = Module.FromText(_engine, """
            (module
              (import "host" "visit" (func $visit (result externref)))
              (global (export "g") i32 (i32.const 5))
              (func (export "seven") (result i32) (i32.const 7))
              (func (export "run") (result externref) (call $visit)))
            """);
        var instance = linker.Instantiate(_store, module);
        Assert.Equal(7, instance.GetFunction<object>("run")!());
        Assert.Same(instance, seen);
        Assert.Same(module, seen!.Module);
    }

    [Fact]
    public void Instance_lists_exports_and_finds_them_by_kind()
    {
        var module = Module.FromText(_engine, """
            (module
              (memory (export "memory") 1)
              (table (export "table") 1 funcref)
              (global (export "g") (mut i64) (i64.const 1))
              (func (export "f")))
            """);
        var instance = new Linker(_engine).Instantiate(_store, module);
        Assert.Same(module, instance.Module);
        Assert.Equal(["memory", "table", "g", "f"], instance.Exports.Select(e => e.Name));
        Assert.Same(instance.GetFunction("f"), instance.GetFunction("f"));
        Assert.Null(instance.GetTable("memory"));
        Assert.Null(instance.GetGlobal("f"));
        Assert.Null(instance.GetFunction("g"));
        Assert.NotNull(instance.GetTable("table"));
        Assert.Null(instance.GetAction("missing"));
        Assert.Null(instance.Invoke("f"));
        var e = Assert.Throws<ArgumentException>(() => instance.Invoke("missing"));
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidCastException>(() => instance.GetAction<int>("f"));
    }

    [Fact]
    public void Function_reports_its_type_and_checks_its_arguments()
    {
        var instance = new Linker(_engine).Instantiate(_store, Module.FromText(_engine, """
            (module (func $mul (export "mul") (param i64 f64) (result f64) (f64.mul (f64.convert_i64_s (local.get 0)) (local.get 1))))
            """));
        var mul = instance.GetFunction("mul")!;
        Assert.Equal("(func (param i64 f64) (result f64))", mul.Type.ToString());
        Assert.Equal([ValueKind.Int64, ValueKind.Float64], mul.Type.Parameters);
        Assert.Equal([ValueKind.Float64], mul.Type.Results);
        Assert.Equal(7.5, mul.Invoke(3L, 2.5));
        Assert.False(string.IsNullOrEmpty(mul.ToString()));
        Assert.Throws<ArgumentException>(() => mul.Invoke(3L));
        Assert.Throws<ArgumentException>(() => mul.Invoke("3", 2.5));
        Assert.Throws<ArgumentNullException>(() => mul.Invoke(null!));
    }

    [Fact]
    public void Floats_vectors_and_nan_payloads_cross_the_boundary_unchanged()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction("host", "half", (float x) => x / 2);
        linker.DefineFunction("host", "swap", (Vector128<byte> v) => Vector128.Shuffle(v, Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)));
        var instance = linker.Instantiate(_store, Module.FromText(_engine, """
            (module
              (import "host" "half" (func $half (param f32) (result f32)))
              (import "host" "swap" (func $swap (param v128) (result v128)))
              (func (export "f32") (param f32) (result f32) (local.get 0))
              (func (export "f64") (param f64) (result f64) (local.get 0))
              (func (export "half") (param f32) (result f32) (call $half (local.get 0)))
              (func (export "swap") (param v128) (result v128) (call $swap (local.get 0))))
            """));
        float nan32 = SignallingF32(0x7fa00001);
        double nan64 = SignallingF64(0x7ff4000000000001);
        Assert.Equal(0x7fa00001, BitConverter.SingleToInt32Bits(instance.GetFunction<float, float>("f32")!(nan32)));
        Assert.Equal(0x7ff4000000000001, BitConverter.DoubleToInt64Bits(instance.GetFunction<double, double>("f64")!(nan64)));
        Assert.Equal(0x7fa00001, BitConverter.SingleToInt32Bits((float)instance.Invoke("f32", nan32)!));
        Assert.Equal(1.25f, instance.GetFunction<float, float>("half")!(2.5f));
        var bytes = Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        Assert.Equal(Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0), instance.GetFunction<Vector128<byte>, Vector128<byte>>("swap")!(bytes));
    }

    [Fact]
    public void Memory_exposes_size_pointer_and_checks_every_access()
    {
        var instance = new Linker(_engine).Instantiate(_store, Module.FromText(_engine, """
            (module (memory (export "memory") 1 3) (data (i32.const 8) "abc"))
            """));
        var memory = instance.GetMemory("memory")!;
        Assert.Equal(1, memory.Pages);
        Assert.Equal(65536, memory.PageSize);
        Assert.Equal(65536, memory.GetSpan().Length);
        unsafe
        {
            Assert.Equal((byte)'a', *(byte*)(memory.Pointer + 8));
        }

        memory.Write(100, 1234567890123L);
        memory.Write(108, 2.5);
        Assert.Equal(1234567890123L, memory.Read<long>(100));
        Assert.Equal(2.5, memory.Read<double>(108));
        Assert.Equal(0, memory.WriteString(65536, ""));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Read<int>(65533));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Read<int>(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.WriteString(65534, "abc"));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.GetSpan(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Grow(-1));
        Assert.Throws<ArgumentNullException>(() => memory.WriteString(0, null!));
        memory.GetSpan().Fill(0xff);
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadNullTerminatedString(0));
        Assert.Equal(1, memory.Grow(2));
        Assert.Equal(3, memory.Pages);
        Assert.Equal("", memory.ReadNullTerminatedString(65536));
    }

    [Fact]
    public void Globals_report_kind_and_mutability_for_every_value_type()
    {
        var instance = new Linker(_engine).Instantiate(_store, Module.FromText(_engine, """
            (module
              (global (export "i64") (mut i64) (i64.const -5))
              (global (export "f32") f32 (f32.const 1.5))
              (global (export "ref") (mut externref) (ref.null extern))
              (global (export "fn") (mut funcref) (ref.null func))
              (global (export "any") anyref (ref.null any)))
            """));
        var i64 = instance.GetGlobal("i64")!;
        Assert.Equal((ValueKind.Int64, true, (object?)-5L), (i64.Kind, i64.IsMutable, i64.Value));
        var f32 = instance.GetGlobal("f32")!;
        Assert.Equal((ValueKind.Float32, false, (object?)1.5f), (f32.Kind, f32.IsMutable, f32.Value));
        var reference = instance.GetGlobal("ref")!;
        Assert.Equal(ValueKind.ExternRef, reference.Kind);
        Assert.Null(reference.Value);
        var payload = new object();
        reference.Value = payload;
        Assert.Same(payload, reference.Value);
        var fn = instance.GetGlobal("fn")!;
        Assert.Equal(ValueKind.FuncRef, fn.Kind);
        Assert.Throws<ArgumentException>(() => i64.Value = "five");
        var any = instance.GetGlobal("any")!;
        Assert.Equal((ValueKind.AnyRef, false, (object?)null), (any.Kind, any.IsMutable, any.Value));
    }

    [Fact]
    public void Externref_table_holds_host_objects_and_refuses_foreign_functions()
    {
        var instance = new Linker(_engine).Instantiate(_store, Module.FromText(_engine, """
            (module (table (export "objects") 2 externref) (table (export "funcs") 1 funcref))
            """));
        var objects = instance.GetTable("objects")!;
        Assert.Equal(ValueKind.ExternRef, objects.ElementKind);
        Assert.Null(objects.Maximum);
        var payload = new object();
        objects.Set(1, payload);
        Assert.Same(payload, objects.Get(1));
        Assert.Equal(2, objects.Grow(2, "filled"));
        Assert.Equal(4, objects.Size);
        Assert.Equal("filled", objects.Get(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => objects.Grow(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => objects.Set(-1, null));

        using var other = new Store<object?>(_engine, null);
        var foreign = new Linker(_engine).Instantiate(other, Module.FromText(_engine, """(module (func (export "f")))""")).GetFunction("f");
        Assert.Throws<ArgumentException>(() => instance.GetTable("funcs")!.Set(0, foreign));
    }

    [Fact]
    public void Store_exposes_engine_and_replaceable_data()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction("host", "get", (Caller c) => c.Data);
        using var store = new Store<string>(_engine, "first");
        Assert.Same(_engine, store.Engine);
        var get = linker.Instantiate(store, Module.FromText(_engine, """
            (module (import "host" "get" (func $get (result externref))) (func (export "get") (result externref) (call $get)))
            """)).GetFunction<object>("get")!;
        Assert.Equal("first", get());
        store.Data = "second";
        Assert.Equal("second", store.Data);
        Assert.Equal("second", get());
        store.Dispose();
        store.Dispose();
        Assert.Throws<ArgumentNullException>(() => new Store<int>(null!, 0));
    }

    [Fact]
    public void Instance_pre_names_its_module_and_refuses_a_disposed_store()
    {
        var module = Module.FromText(_engine, "(module)");
        var pre = new Linker(_engine).Prepare(module);
        Assert.Same(module, pre.Module);
        var store = new Store<object?>(_engine, null);
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pre.Instantiate(store));
        Assert.Throws<ArgumentNullException>(() => pre.Instantiate<object?>(null!));
    }

    [Fact]
    public void Trap_messages_follow_the_spec_for_every_kind()
    {
        foreach (var kind in Enum.GetValues<TrapKind>())
        {
            var trap = new TrapException(kind);
            Assert.Equal(kind, trap.Kind);
            Assert.Equal(TrapException.MessageOf(kind), trap.Reason);
            Assert.Equal(trap.Reason, trap.Message);
            Assert.Empty(trap.WasmBacktrace);
        }

        Assert.Equal("out of bounds memory access", TrapException.MessageOf(TrapKind.MemoryOutOfBounds));
        Assert.Equal("indirect call type mismatch", TrapException.MessageOf(TrapKind.IndirectCallTypeMismatch));
        Assert.Equal("host error", TrapException.MessageOf(TrapKind.HostError));
        Assert.Equal("all fuel consumed by WebAssembly", TrapException.MessageOf(TrapKind.OutOfFuel));
        Assert.Equal("interrupt", TrapException.MessageOf(TrapKind.Interrupted));
        var inner = new InvalidOperationException("x");
        var host = new TrapException(TrapKind.HostError, "custom", inner);
        Assert.Equal(("custom", (Exception?)inner), (host.Reason, host.InnerException));
    }

    [Fact]
    public void Trap_backtrace_names_guest_functions_innermost_first()
    {
        var instance = new Linker(_engine).Instantiate(_store, Module.FromText(_engine, """
            (module
              (func $leaf (unreachable))
              (func (call $leaf))
              (func (export "outer") (call 1)))
            """));
        var trap = Assert.Throws<TrapException>(() => instance.GetAction("outer")!());
        // Named from the name section ($leaf), else by export name, else by index.
        Assert.Equal(["leaf", "func[1]", "outer"], trap.WasmBacktrace.Take(3));
    }

    [Fact]
    public void Module_errors_locate_the_problem()
    {
        var decode = Assert.Throws<WasmDecodeException>(() => Module.FromBytes(_engine, [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1]));
        Assert.Equal("type", decode.Section);
        Assert.True(decode.Offset >= 8, $"offset {decode.Offset}");
        Assert.StartsWith(decode.Reason + " (at byte 0x", decode.Message, StringComparison.Ordinal);
        Assert.EndsWith(" in type section)", decode.Message, StringComparison.Ordinal);

        var parse = Assert.Throws<WatParseException>(() => Module.FromText(_engine, "(module\n  (func (i32.bogus)))"));
        Assert.Equal(2, parse.Line);
        Assert.Equal(10, parse.Column);
        Assert.StartsWith(parse.Reason, parse.Message, StringComparison.Ordinal);
        Assert.EndsWith(" (at 2:10)", parse.Message, StringComparison.Ordinal);

        var invalid = Assert.Throws<WasmValidationException>(() => Module.FromText(_engine, "(module (func) (func (result i32) (i64.const 0)))"));
        Assert.StartsWith("type mismatch", invalid.Reason, StringComparison.Ordinal);
        Assert.Equal(1, invalid.FunctionIndex);
    }

    [Fact]
    public void Exceptions_format_their_location_when_constructed()
    {
        Assert.Equal("unexpected end (at byte 0x10)", new WasmDecodeException("unexpected end", 16, null).Message);
        Assert.Equal("unexpected end (at byte 0x10 in code section)", new WasmDecodeException("unexpected end", 16, "code").Message);
        Assert.Equal("type mismatch", new WasmValidationException("type mismatch").Message);
        Assert.Equal("type mismatch (at byte 0x20)", new WasmValidationException("type mismatch", null, 32).Message);
        Assert.Equal("type mismatch (in function 3)", new WasmValidationException("type mismatch", 3).Message);
        var both = new WasmValidationException("type mismatch", 3, 32);
        Assert.Equal(("type mismatch (in function 3 at byte 0x20)", (int?)3, 32), (both.Message, both.FunctionIndex, both.Offset));
        Assert.Equal("unknown operator (at 4:7)", new WatParseException("unknown operator", 4, 7).Message);
        var link = new LinkingException("unknown import", "env", "f");
        Assert.Equal(("unknown import: env::f", "env", "f"), (link.Message, link.ImportModule, link.ImportName));
        Assert.IsAssignableFrom<WasmException>(link);
    }

    // Out of line: the JIT folds BitConverter over a constant into a float constant, which quiets a signalling NaN
    // before the value ever reaches Kiln.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float SignallingF32(int bits) => BitConverter.Int32BitsToSingle(bits);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double SignallingF64(long bits) => BitConverter.Int64BitsToDouble(bits);
}
