namespace Kiln.Tests.Api;

public sealed class ApiTests : IDisposable
{
    private const string Calc = """
        (module
          (import "host" "log" (func $log (param i32 i32)))
          (import "host" "twice" (func $twice (param i64) (result i64)))
          (memory (export "memory") 1 4)
          (global $counter (export "counter") (mut i32) (i32.const 7))
          (global (export "pi") f64 (f64.const 3.5))
          (data (i32.const 16) "hello")
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "swap") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
          (func (export "say") (call $log (i32.const 16) (i32.const 5)))
          (func (export "twice_plus_one") (param i64) (result i64) (i64.add (call $twice (local.get 0)) (i64.const 1)))
          (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
          (func $inner (unreachable))
          (func (export "crash") (call $inner))
          (func (export "bump") (global.set $counter (i32.add (global.get $counter) (i32.const 1)))))
        """;

    private readonly Engine _engine = new();


    private readonly Store<object?> _store;

    public ApiTests()
    {
        _store = new Store<object?>(_engine, null);
    }

    public void Dispose() => _store.Dispose();

    private (ModuleInstance Instance, List<string> Log) Instantiate(Func<long, long>? twice = null)
    {
        var log = new List<string>();
        var linker = new Linker(_engine);
        linker.DefineFunction("host", "log", (Caller caller, int ptr, int len) => log.Add(caller.GetMemory("memory")!.ReadString(ptr, len)));
        linker.DefineFunction("host", "twice", twice ?? (x => x * 2));
        return (linker.Instantiate(_store, Module.FromText(_engine, Calc)), log);
    }

    [Fact]
    public void Module_lists_imports_and_exports_with_types_when_loaded_from_text()
    {
        var module = Module.FromText(_engine, Calc);
        Assert.Equal(["host::log (func (param i32 i32))", "host::twice (func (param i64) (result i64))"], module.Imports.Select(i => $"{i.Module}::{i.Name} {i.Type}"));
        var exports = module.Exports.ToDictionary(e => e.Name, e => e.Type.ToString());
        Assert.Equal("(memory 1 4)", exports["memory"]);
        Assert.Equal("(global (mut i32))", exports["counter"]);
        Assert.Equal("(global f64)", exports["pi"]);
        Assert.Equal("(func (param i32 i32) (result i32))", exports["add"]);
        Assert.Equal("(func (param i32 i64) (result i64 i32))", exports["swap"]);
    }

    [Fact]
    public void Typed_function_returns_result_when_called()
    {
        var (instance, _) = Instantiate();
        var add = instance.GetFunction<int, int, int>("add")!;
        Assert.Equal(5, add(2, 3));
        Assert.Equal(int.MinValue, add(int.MaxValue, 1));
    }

    [Fact]
    public void Untyped_invoke_returns_boxed_results_when_function_has_several()
    {
        var (instance, _) = Instantiate();
        Assert.Equal(9, instance.Invoke("add", 4, 5));
        var results = Assert.IsType<object?[]>(instance.Invoke("swap", 1, 2L));
        Assert.Equal([2L, 1], results);
    }

    [Fact]
    public void Host_function_reads_guest_memory_through_caller_when_guest_calls_it()
    {
        var (instance, log) = Instantiate();
        instance.GetAction("say")!();
        Assert.Equal(["hello"], log);
    }

    [Fact]
    public void Host_function_result_reaches_guest_when_typed()
    {
        var (instance, _) = Instantiate();
        Assert.Equal(21L, instance.GetFunction<long, long>("twice_plus_one")!(10));
    }

    [Fact]
    public void Lookup_throws_when_delegate_signature_differs()
    {
        var (instance, _) = Instantiate();
        Assert.Throws<InvalidCastException>(() => instance.GetFunction<long, long, long>("add"));
        Assert.Null(instance.GetFunction<int, int, int>("missing"));
        Assert.Null(instance.GetMemory("add"));
    }

    [Fact]
    public void Memory_reads_and_writes_strings_and_values_when_in_bounds()
    {
        var (instance, _) = Instantiate();
        var memory = instance.GetMemory("memory")!;
        Assert.Equal(65536, memory.Length);
        Assert.Equal("hello", memory.ReadString(16, 5));
        int written = memory.WriteString(100, "héllo\0");
        Assert.Equal(7, written);
        Assert.Equal("héllo", memory.ReadNullTerminatedString(100));
        memory.Write(200, 0x01020304);
        Assert.Equal(4, memory.GetSpan(200, 4)[0]);
        Assert.Equal(0x01020304, memory.Read<int>(200));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.GetSpan(65535, 2));
        Assert.Equal(1, memory.Grow(1));
        Assert.Equal(2 * 65536, memory.Length);
        Assert.Equal(-1, memory.Grow(10));
    }

    [Fact]
    public void Global_reads_and_writes_when_mutable()
    {
        var (instance, _) = Instantiate();
        var counter = instance.GetGlobal("counter")!;
        Assert.Equal(ValueKind.Int32, counter.Kind);
        Assert.Equal(7, counter.Value);
        instance.GetAction("bump")!();
        Assert.Equal(8, counter.Value);
        counter.Value = 40;
        instance.GetAction("bump")!();
        Assert.Equal(41, counter.Value);
        var pi = instance.GetGlobal("pi")!;
        Assert.Equal(3.5, pi.Value);
        Assert.Throws<InvalidOperationException>(() => pi.Value = 1.0);
    }

    [Fact]
    public void Trap_carries_kind_message_and_backtrace_when_guest_traps()
    {
        var (instance, _) = Instantiate();
        var e = Assert.Throws<TrapException>(() => instance.GetAction("crash")!());
        Assert.Equal(TrapKind.Unreachable, e.Kind);
        Assert.Equal("unreachable", e.Reason);
        Assert.NotEmpty(e.WasmBacktrace);
        var div = Assert.Throws<TrapException>(() => instance.GetFunction<int, int, int>("div")!(1, 0));
        Assert.Equal("integer divide by zero", div.Reason);
        Assert.Equal(3, instance.GetFunction<int, int, int>("div")!(7, 2));
    }

    [Fact]
    public void Host_exception_surfaces_as_trap_with_inner_exception_when_host_function_throws()
    {
        var (instance, _) = Instantiate(_ => throw new InvalidOperationException("boom"));
        var e = Assert.Throws<TrapException>(() => instance.GetFunction<long, long>("twice_plus_one")!(1));
        Assert.Equal(TrapKind.HostError, e.Kind);
        Assert.IsType<InvalidOperationException>(e.InnerException);
    }

    [Fact]
    public void Instantiate_names_import_when_it_is_not_defined()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction("host", "log", (int a, int b) => { });
        using var store = new Store<object?>(_engine, null);
        var e = Assert.Throws<LinkingException>(() => linker.Instantiate(store, Module.FromText(_engine, Calc)));
        Assert.Equal("unknown import", e.Reason);
        Assert.Equal("host", e.ImportModule);
        Assert.Equal("twice", e.ImportName);
        Assert.Contains("host::twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Instantiate_fails_when_host_function_has_wrong_signature()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction("host", "log", (int a) => { });
        linker.DefineFunction("host", "twice", (long x) => x);
        using var store = new Store<object?>(_engine, null);
        var e = Assert.Throws<LinkingException>(() => linker.Instantiate(store, Module.FromText(_engine, Calc)));
        Assert.Equal("incompatible import type", e.Reason);
        Assert.Equal("log", e.ImportName);
    }

    [Fact]
    public void Define_throws_when_name_is_defined_twice_unless_shadowing_is_allowed()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction("m", "f", () => 1);
        Assert.Throws<ArgumentException>(() => linker.DefineFunction("m", "f", () => 2));
        linker.AllowShadowing = true;
        linker.DefineFunction("m", "f", () => 3);
        Assert.True(linker.IsDefined("m", "f"));
    }

    [Fact]
    public void Defined_instance_exports_satisfy_imports_of_another_module()
    {
        var linker = new Linker(_engine);
        using var store = new Store<object?>(_engine, null);
        var lib = linker.Instantiate(store, Module.FromText(_engine, """
            (module
              (memory (export "mem") 1)
              (global (export "base") i32 (i32.const 40))
              (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))
            """));
        linker.DefineInstance("lib", lib);
        var app = linker.Instantiate(store, Module.FromText(_engine, """
            (module
              (import "lib" "inc" (func $inc (param i32) (result i32)))
              (import "lib" "mem" (memory 1))
              (import "lib" "base" (global $base i32))
              (func (export "run") (result i32)
                (i32.store (i32.const 0) (call $inc (global.get $base)))
                (i32.load (i32.const 0))))
            """));
        Assert.Equal(41, app.GetFunction<int>("run")!());
        Assert.Equal(41, lib.GetMemory("mem")!.Read<int>(0));
    }

    [Fact]
    public void Store_refuses_calls_when_disposed()
    {
        var (instance, _) = Instantiate();
        var add = instance.GetFunction<int, int, int>("add")!;
        _store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => add(1, 2));
        Assert.Throws<ObjectDisposedException>(() => instance.GetMemory("memory")!.GetSpan());
    }

    [Fact]
    public void Caller_gives_store_data_to_host_functions()
    {
        var linker = new Linker(_engine);
        linker.DefineFunction("host", "get", (Caller c) => (int)c.Data!);
        using var store = new Store<int>(_engine, 42);
        var instance = linker.Instantiate(store, Module.FromText(_engine, """
            (module (import "host" "get" (func $get (result i32))) (func (export "f") (result i32) (call $get)))
            """));
        Assert.Equal(42, instance.GetFunction<int>("f")!());
    }

    [Fact]
    public void Module_rejects_bytes_when_they_are_malformed_or_invalid()
    {
        Assert.Throws<WasmDecodeException>(() => Module.Validate(_engine, [0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]));
        Assert.Throws<WatParseException>(() => Module.FromText(_engine, "(module (func (i32.bogus)))"));
        Assert.Throws<WasmValidationException>(() => Module.FromText(_engine, "(module (func (result i32) (i64.const 0)))"));
        Module.Validate(_engine, [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    }

    [Fact]
    public void Module_loads_binary_and_text_files_by_content()
    {
        var dir = Directory.CreateTempSubdirectory("kiln-api-").FullName;
        try
        {
            var wat = Path.Combine(dir, "m.wat");
            File.WriteAllText(wat, "(module (func (export \"f\") (result i32) (i32.const 3)))");
            var wasm = Path.Combine(dir, "m.wasm");
            File.WriteAllBytes(wasm, [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
            var text = Module.FromFile(_engine, wat);
            Assert.Equal("m.wat", text.Name);
            Assert.Single(text.Exports);
            Assert.Empty(Module.FromFile(_engine, wasm).Exports);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Host_function_called_from_start_function_reaches_caller_memory()
    {
        string? seen = null;
        var linker = new Linker(_engine);
        linker.DefineFunction("host", "log", (Caller caller, int ptr, int len) => { seen = caller.GetMemory("memory")!.ReadString(ptr, len); });
        var instance = linker.Instantiate(_store, Module.FromText(_engine, """
            (module
              (import "host" "log" (func $log (param i32 i32)))
              (memory (export "memory") 1)
              (data (i32.const 0) "started")
              (func $start (call $log (i32.const 0) (i32.const 7)))
              (start $start))
            """));
        Assert.Equal("started", seen);
        Assert.NotNull(instance.GetMemory("memory"));
    }

    [Fact]
    public void Instantiate_throws_trap_when_start_function_traps()
    {
        var linker = new Linker(_engine);
        var e = Assert.Throws<TrapException>(() => linker.Instantiate(_store, Module.FromText(_engine, "(module (func $s (unreachable)) (start $s))")));
        Assert.Equal(TrapKind.Unreachable, e.Kind);
    }

    [Fact]
    public void Table_holds_functions_that_guest_calls_indirectly()
    {
        var linker = new Linker(_engine);
        var instance = linker.Instantiate(_store, Module.FromText(_engine, """
            (module
              (type $t (func (result i32)))
              (table (export "table") 2 10 funcref)
              (func $one (export "one") (result i32) (i32.const 1))
              (func $two (export "two") (result i32) (i32.const 2))
              (elem (i32.const 0) $one)
              (func (export "call") (param i32) (result i32) (call_indirect (type $t) (local.get 0))))
            """));
        var table = instance.GetTable("table")!;
        var call = instance.GetFunction<int, int>("call")!;
        Assert.Equal(ValueKind.FuncRef, table.ElementKind);
        Assert.Equal(2, table.Size);
        Assert.Equal(10, table.Maximum);
        Assert.Equal(1, Assert.IsType<Function>(table.Get(0)).Invoke());
        Assert.Null(table.Get(1));
        table.Set(1, instance.GetFunction("two"));
        Assert.Equal(2, call(1));
        Assert.Equal(2, table.Grow(3, instance.GetFunction("one")));
        Assert.Equal(1, call(4));
        Assert.Equal(-1, table.Grow(100));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Get(5));
        Assert.Throws<ArgumentException>(() => table.Set(0, "not a function"));
    }

    [Fact]
    public void References_cross_the_boundary_when_typed_as_object_and_function()
    {
        var linker = new Linker(_engine);
        object? kept = null;
        linker.DefineFunction("host", "keep", (object? o) => { kept = o; });
        linker.DefineFunction("host", "pick", (Function? f) => f is null ? -1 : (int)f.Invoke()!);
        var instance = linker.Instantiate(_store, Module.FromText(_engine, """
            (module
              (import "host" "keep" (func $keep (param externref)))
              (import "host" "pick" (func $pick (param funcref) (result i32)))
              (func $seven (result i32) (i32.const 7))
              (elem declare func $seven)
              (func (export "pass") (param externref) (result externref) (call $keep (local.get 0)) (local.get 0))
              (func (export "picked") (result i32) (call $pick (ref.func $seven)))
              (func (export "none") (result i32) (call $pick (ref.null func))))
            """));
        var marker = new Uri("https://example.org/");
        Assert.Same(marker, instance.GetFunction<object, object>("pass")!(marker));
        Assert.Same(marker, kept);
        Assert.Equal(7, instance.GetFunction<int>("picked")!());
        Assert.Equal(-1, instance.GetFunction<int>("none")!());
    }

    [Fact]
    public void Prepared_module_instantiates_independently_in_many_stores()
    {
        var linker = new Linker(_engine);
        int calls = 0;
        linker.DefineFunction("host", "tick", () => ++calls);
        var pre = linker.Prepare(Module.FromText(_engine, """
            (module
              (import "host" "tick" (func $tick (result i32)))
              (global $g (mut i32) (i32.const 0))
              (func (export "bump") (result i32)
                (global.set $g (i32.add (global.get $g) (call $tick)))
                (global.get $g)))
            """));
        for (int i = 1; i <= 3; i++)
        {
            using var store = new Store<object?>(_engine, null);
            Assert.Equal(i, pre.Instantiate(store).GetFunction<int>("bump")!());
        }

        Assert.Throws<LinkingException>(() => new Linker(_engine).Prepare(pre.Module));
    }
}
