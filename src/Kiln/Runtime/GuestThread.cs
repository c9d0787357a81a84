using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Kiln.Runtime;

/// <summary>
/// Bounds the native stack guest code may use, so the prologue check (<see cref="Store.StackLimit"/>) traps with
/// "call stack exhausted" well before .NET's own stack overflow (which would kill the process). A call runs inline on
/// the calling thread when that thread's stack bounds are known (<see cref="ThreadStack"/>) and the budget plus
/// <see cref="HostReserve"/> is left below the stack pointer; otherwise it is handed to a worker thread whose stack is
/// sized for the budget.
/// </summary>
internal static class GuestThread
{
    /// <summary>
    /// Stack guest frames may use when the caller names no budget (runtime-level calls: spec scripts, the
    /// instantiator's start function). The public API uses the engine's <c>EngineConfig.MaxWasmStack</c>.
    /// </summary>
    public const int GuestStack = 4 << 20;

    /// <summary>
    /// Stack kept free below a guest's limit for what runs there: the deepest guest frame's overshoot of its prologue
    /// check, host functions the guest calls, the JIT compiling a function on its first call, and exception dispatch
    /// when a trap unwinds.
    /// </summary>
    public const int HostReserve = 256 << 10;

    // Besides the budget, workers keep this much for the worker loop and host code, generously: it is only address space.
    private const int WorkerExtra = 8 << 20;

    private static readonly ConcurrentDictionary<int, ConcurrentBag<Worker>> Idle = new();

    /// <summary>
    /// Prepares <paramref name="store"/> for a guest call on this thread: sets its stack limit <paramref name="budget"/>
    /// bytes below the stack pointer (a nested call, made by a host function the guest called, keeps the outer limit).
    /// Returns false, changing nothing, when this thread has too little stack left; the caller then hands the call to
    /// <see cref="Handoff"/>. Traps "interrupt" when the store's epoch deadline has passed. After the call, restore
    /// <paramref name="saved"/> with <see cref="Exit"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryEnter(Store store, nuint budget, out nuint saved)
    {
        // Functions that make no calls skip the entry check (they finish or reach a loop header's check), so a call
        // from the host checks here: a store past its deadline, or cancelled, runs no guest code at all.
        if (store.EpochInterruption && Volatile.Read(ref store.Epoch.Value) >= Volatile.Read(ref store.EpochDeadline))
        {
            Traps.Interrupted();
        }

        nuint sp = ThreadStack.Current();
        nuint low = ThreadStack.Low;
        nuint limit = store.StackLimit;
        saved = limit;
        // An outer call of this store on this thread set a limit inside this stack: keep it, even when host frames
        // already went below it (the guest then traps at once), so reentrancy cannot stack up fresh budgets.
        if (limit > low && limit < ThreadStack.High)
        {
            return true;
        }

        if (sp <= low || sp - low < budget + HostReserve)
        {
            return false;
        }

        store.StackLimit = sp - budget;
        return true;
    }

    /// <summary>Restores the limit <see cref="TryEnter"/> saved.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Exit(Store store, nuint saved) => store.StackLimit = saved;

    /// <summary>Runs <paramref name="action"/> on an idle worker thread with stack for <paramref name="budget"/>, and waits.</summary>
    public static void Handoff(Store store, nuint budget, Action action)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Min(budget + WorkerExtra, 1u << 30));
        var idle = Idle.GetOrAdd(size, static _ => []);
        if (!idle.TryTake(out var worker))
        {
            worker = new Worker(size);
        }

        try
        {
            worker.Execute(store, budget, action);
        }
        finally
        {
            idle.Add(worker);
        }
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim _start = new(0);
        private readonly SemaphoreSlim _done = new(0);
        private Store? _store;
        private nuint _budget;
        private Action? _action;
        private ExceptionDispatchInfo? _error;

        public Worker(int stackSize)
        {
            var thread = new Thread(Loop, stackSize) { IsBackground = true, Name = "kiln guest" };
            thread.Start();
        }

        public void Execute(Store store, nuint budget, Action action)
        {
            _store = store;
            _budget = budget;
            _action = action;
            _error = null;
            _start.Release();
            _done.Wait();
            _store = null;
            _action = null;
            _error?.Throw();
        }

        private void Loop()
        {
            while (true)
            {
                _start.Wait();
                try
                {
                    if (!TryEnter(_store!, _budget, out nuint saved))
                    {
                        throw new InvalidOperationException("the guest thread's stack is smaller than the guest stack budget");
                    }

                    try
                    {
                        _action!();
                    }
                    finally
                    {
                        Exit(_store!, saved);
                    }
                }
                catch (Exception e)
                {
                    _error = ExceptionDispatchInfo.Capture(e);
                }

                _done.Release();
            }
        }
    }
}
