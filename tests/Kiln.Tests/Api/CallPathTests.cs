using Kiln.Binary;
using Kiln.Runtime;

namespace Kiln.Tests.Api;

/// <summary>The host ↔ guest call paths: allocation-free typed calls, inline versus hand-off, stack exhaustion, reentrancy.</summary>
public sealed class CallPathTests : IDisposable
{
    private const string Wat = """
        (module
          (import "host" "add" (func $hadd (param i32 i32) (result i32)))
          (import "host" "add_with_caller" (func $hadd2 (param i32 i32) (result i32)))
          (import "host" "where" (func $where (result i32)))
          (import "host" "reenter" (func $reenter (param i32) (result i32)))
          (import "host" "fail" (func $fail))
          (import "host" "divmod" (func $divmod (param i32 i32) (result i32 i32)))
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "mix") (param i64 f32 f64) (result f64)
            (f64.add (f64.add (f64.convert_i64_s (local.get 0)) (f64.promote_f32 (local.get 1))) (local.get 2)))
          (func (export "sum_via_host") (param $n i32) (result i32)
            (local $acc i32)
            (block $done (loop $l
              (br_if $done (i32.eqz (local.get $n)))
              (local.set $acc (call $hadd (local.get $acc) (local.get $n)))
              (local.set $acc (call $hadd2 (local.get $acc) (i32.const 0)))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br $l)))
            (local.get $acc))
          (func (export "where") (result i32) (call $where))
          (func $rec (export "recurse") (param i32) (result i32)
            (i32.add (i32.const 1) (call $rec (i32.add (local.get 0) (i32.const 1)))))
          (func (export "down") (param $n i32) (result i32)
            (if (result i32) (i32.eqz (local.get $n))
              (then (i32.const 0))
              (else (i32.add (i32.const 1) (call $reenter (i32.sub (local.get $n) (i32.const 1)))))))
          (func $call_fail (export "fail") (call $fail))
          (func (export "swap") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
          (func (export "divmod_sum") (param i32 i32) (result i32) (i32.add (call $divmod (local.get 0) (local.get 1))))
          (func (export "id_func") (param funcref) (result funcref) (local.get 0))
          (func (export "id_extern") (param externref) (result externref) (local.get 0)))
        """;

    private readonly Guest _guest = new(new EngineConfig());
    private readonly ModuleInstance _instance;
    private readonly Store<object?> _store;

    public CallPathTests()
    {
        _instance = _guest.Instance;
        _store = _guest.Store;
    }

    public void Dispose() => _guest.Dispose();

    [Fact]
    public void Typed_call_allocates_nothing_when_warm()
    {
        var add = _instance.GetFunction<int, int, int>("add")!;
        var mix = _instance.GetFunction<long, float, double, double>("mix")!;
        long allocated = OnBigStack(() =>
        {
            int sum = 0;
            for (int i = 0; i < 100; i++)
            {
                sum += add(i, 1);
                mix(i, 0.5f, 0.25);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                sum += add(i, 1);
                mix(i, 0.5f, 0.25);
            }

            long after = GC.GetAllocatedBytesForCurrentThread();
            Assert.NotEqual(0, sum);
            return after - before;
        });
        Assert.Equal(0, allocated);
        Assert.Equal(8.75, mix(8, 0.5f, 0.25));
    }

    [Fact]
    public void Guest_to_host_calls_allocate_nothing_when_warm()
    {
        var sum = _instance.GetFunction<int, int>("sum_via_host")!;
        long allocated = OnBigStack(() =>
        {
            Assert.Equal(5050, sum(100));
            long before = GC.GetAllocatedBytesForCurrentThread();
            int result = sum(10_000);
            long after = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(50_005_000, result);
            return after - before;
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task Typed_call_runs_on_the_calling_thread_when_it_has_the_stack()
    {
        var where = _instance.GetFunction<int>("where")!;
        int onBigThread = OnThread(where, 16 << 20, out int bigThread);
        Assert.Equal(bigThread, onBigThread);
        int poolThread = 0;
        int ranOn = await Task.Run(() =>
        {
            poolThread = Environment.CurrentManagedThreadId;
            return where();
        });
        Assert.Equal(poolThread, ranOn);
    }

    [Fact]
    public void Typed_call_is_handed_to_a_guest_thread_when_the_caller_lacks_stack()
    {
        var where = _instance.GetFunction<int>("where")!;
        var add = _instance.GetFunction<int, int, int>("add")!;
        int ranOn = OnThread(where, 256 << 10, out int caller);
        Assert.NotEqual(caller, ranOn);
        Assert.Equal(7, OnThread(() => add(3, 4), 256 << 10, out _));
    }

    [Fact]
    public void Untyped_call_runs_on_the_calling_thread_when_it_has_the_stack()
    {
        var where = _instance.GetFunction("where")!;
        int ranOn = OnThread(() => (int)where.Invoke()!, 16 << 20, out int caller);
        Assert.Equal(caller, ranOn);

        // A budget beyond the thread's stack hands the call off. glibc may give a small thread a larger cached stack,
        // so the budget, not the thread, is what is made too big.
        using var big = new Guest(new EngineConfig { MaxWasmStack = 64 << 20 });
        var bigWhere = big.Instance.GetFunction("where")!;
        // Compared with that call's own caller, alive meanwhile: an exited thread's managed id is given out again.
        int ranOnWorker = OnThread(() => (int)bigWhere.Invoke()!, 16 << 20, out int bigCaller);
        Assert.NotEqual(bigCaller, ranOnWorker);
    }

    [Fact]
    public async Task Deep_recursion_traps_when_called_from_a_thread_pool_thread()
    {
        var recurse = _instance.GetFunction<int, int>("recurse")!;
        var add = _instance.GetFunction<int, int, int>("add")!;
        var trap = await Task.Run(() => Assert.Throws<TrapException>(() => recurse(0)));
        Assert.Equal(TrapKind.CallStackExhausted, trap.Kind);
        Assert.Equal("call stack exhausted", trap.Reason);
        Assert.Equal(3, await Task.Run(() => add(1, 2)));
    }

    [Fact]
    public void Deep_recursion_traps_when_called_from_a_small_stack_thread()
    {
        var recurse = _instance.GetFunction<int, int>("recurse")!;
        var trap = OnThread(() => Assert.Throws<TrapException>(() => recurse(0)), 256 << 10, out _);
        Assert.Equal(TrapKind.CallStackExhausted, trap.Kind);
        Assert.Equal(0u, _store.Handle.Inner.StackLimit);
    }

    [Fact]
    public async Task Budget_larger_than_the_thread_stack_hands_the_call_off()
    {
        using var big = new Guest(new EngineConfig { MaxWasmStack = 12 << 20 });
        var where = big.Instance.GetFunction<int>("where")!;
        int poolThread = 0;
        int ranOn = await Task.Run(() =>
        {
            poolThread = Environment.CurrentManagedThreadId;
            return where();
        });
        Assert.NotEqual(poolThread, ranOn);
        var trap = Assert.Throws<TrapException>(() => big.Instance.GetFunction<int, int>("recurse")!(0));
        Assert.Equal(TrapKind.CallStackExhausted, trap.Kind);
    }

    [Fact]
    public void Reentrant_calls_nest_when_host_calls_back_into_the_guest()
    {
        Assert.Equal(100, _guest.Down(100));
        Assert.Equal(50, OnThread(() => _guest.Down(50), 256 << 10, out _));
    }

    [Fact]
    public async Task Deep_reentrancy_traps_cleanly_and_the_store_recovers()
    {
        var trap = await Task.Run(() => Assert.Throws<TrapException>(() => _guest.Down(int.MaxValue)));
        Assert.Equal(TrapKind.CallStackExhausted, trap.Kind);
        Assert.Equal(0u, _store.Handle.Inner.StackLimit);
        Assert.Equal(10, _guest.Down(10));
    }

    [Fact]
    public void Host_exception_becomes_a_trap_carrying_it_when_the_host_function_is_typed()
    {
        var fail = _instance.GetAction("fail")!;
        var trap = Assert.Throws<TrapException>(fail);
        Assert.Equal(TrapKind.HostError, trap.Kind);
        Assert.IsType<InvalidOperationException>(trap.InnerException);
        Assert.Equal("host says no", trap.Reason);
        Assert.Equal("call_fail", trap.WasmBacktrace.Single());
    }

    [Fact]
    public void Typed_references_pass_through_when_funcref_and_externref()
    {
        var idFunc = _instance.GetFunction<Function, Function>("id_func")!;
        var idExtern = _instance.GetFunction<object, object>("id_extern")!;
        var add = _instance.GetFunction("add")!;
        var back = idFunc(add);
        Assert.Equal(5, back.Invoke(2, 3));
        var token = new object();
        Assert.Same(token, idExtern(token));
        Assert.Null(idExtern(null!));
    }

    [Fact]
    public void Multi_value_results_cross_as_tuples_when_typed()
    {
        var swap = _instance.GetFunction<int, long, (long, int)>("swap")!;
        Assert.Equal((5L, 3), swap(3, 5));
        Assert.Equal((9L, 7), OnThread(() => swap(7, 9), 256 << 10, out _));
        Assert.Equal(3 + 2, _instance.GetFunction<int, int, int>("divmod_sum")!(17, 5));
        Assert.Throws<InvalidCastException>(() => _instance.GetFunction<int, long, (int, long)>("swap"));
        Assert.Throws<NotSupportedException>(() => _instance.GetFunction<int, long, (Function, int)>("swap"));
    }

    [Fact]
    public void Typed_call_throws_when_the_store_is_disposed()
    {
        var add = _instance.GetFunction<int, int, int>("add")!;
        _store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => add(1, 2));
    }

    [Fact]
    public void Typed_host_function_answers_the_value_convention_when_called_through_its_callback()
    {
        var binding = new HostBinding((Func<int, long, long>)((a, b) => a + b), new Caller(_store.Handle), new FuncType([ValType.I32, ValType.I64], [ValType.I64]));
        var results = new Value[1];
        binding.Callback([Value.I32(2), Value.I64(40)], results);
        Assert.Equal(42, results[0].AsI64);
    }

    [Fact]
    public void Thread_stack_bounds_are_read_when_the_thread_size_is_known()
    {
        var (low, here, high) = OnThread(() => (ThreadStack.Low, ThreadStack.Current(), ThreadStack.High), 4 << 20, out _);
        Assert.NotEqual(ThreadStack.Unknown, low);
        // glibc may hand the thread a cached stack of up to four times the size asked for.
        Assert.InRange((long)(high - low), (4 << 20) - (64 << 10), 16 << 20);
        Assert.InRange(here, low, high);
    }

    private static long OnBigStack(Func<long> body) => OnThread(body, 16 << 20, out _);

    private static T OnThread<T>(Func<T> body, int stackSize, out int threadId)
    {
        T result = default!;
        Exception? error = null;
        int id = 0;
        var thread = new Thread(
            () =>
            {
                id = Environment.CurrentManagedThreadId;
                try
                {
                    result = body();
                }
                catch (Exception e)
                {
                    error = e;
                }
            },
            stackSize);
        thread.Start();
        thread.Join();
        threadId = id;
        if (error is not null)
        {
            throw new InvalidOperationException("the thread failed", error);
        }

        return result;
    }

    /// <summary>The test module instantiated in its own engine and store.</summary>
    private sealed class Guest : IDisposable
    {
        private readonly Func<int, int> _down;

        public Guest(EngineConfig config)
        {
            var engine = new Engine(config);
            Store = new Store<object?>(engine, "state");
            var linker = new Linker(engine);
            linker.DefineFunction("host", "add", (int a, int b) => a + b);
            linker.DefineFunction("host", "add_with_caller", (Caller caller, int a, int b) => caller.Data is null ? -1 : a + b);
            linker.DefineFunction("host", "where", () => Environment.CurrentManagedThreadId);
            linker.DefineFunction("host", "reenter", (int n) => Down(n));
            linker.DefineFunction("host", "fail", () => throw new InvalidOperationException("host says no"));
            linker.DefineFunction("host", "divmod", (int a, int b) => (a / b, a % b));
            Instance = linker.Instantiate(Store, Module.FromText(engine, Wat));
            _down = Instance.GetFunction<int, int>("down")!;
        }

        public Store<object?> Store { get; }

        public ModuleInstance Instance { get; }

        public int Down(int n) => _down(n);

        public void Dispose() => Store.Dispose();
    }
}
