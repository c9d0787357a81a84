using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Kiln.Runtime;

/// <summary>
/// Runs guest code on threads with a known, large stack, so the prologue check (<see cref="Store.StackLimit"/>) can trap
/// with "call stack exhausted" well before .NET's own stack overflow (which would kill the process). Calls made from
/// a guest thread (host functions calling back in) run inline; others are handed to an idle worker.
/// </summary>
internal static unsafe class GuestThread
{
    /// <summary>Stack reserved for each guest thread.</summary>
    public const int StackSize = 64 << 20;

    /// <summary>
    /// Stack guest frames may use. Kept small on purpose: a trap unwinds every guest frame, and .NET unwinding costs
    /// microseconds per frame, so a deeper stack makes "call stack exhausted" take seconds.
    /// </summary>
    public const int GuestStack = 4 << 20;

    [ThreadStatic]
    private static nuint t_limit;

    private static readonly ConcurrentBag<Worker> Idle = [];

    /// <summary>True on a guest thread.</summary>
    public static bool IsGuestThread => t_limit != 0;

    public static void Run(Store store, Action action)
    {
        if (t_limit != 0)
        {
            RunHere(store, action);
            return;
        }

        if (!Idle.TryTake(out var worker))
        {
            worker = new Worker();
        }

        try
        {
            worker.Execute(store, action);
        }
        finally
        {
            Idle.Add(worker);
        }
    }

    private static void RunHere(Store store, Action action)
    {
        nuint saved = store.StackLimit;
        store.StackLimit = t_limit;
        try
        {
            action();
        }
        finally
        {
            store.StackLimit = saved;
        }
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim _start = new(0);
        private readonly SemaphoreSlim _done = new(0);
        private Store? _store;
        private Action? _action;
        private ExceptionDispatchInfo? _error;

        public Worker()
        {
            var thread = new Thread(Loop, StackSize) { IsBackground = true, Name = "kiln guest" };
            thread.Start();
        }

        public void Execute(Store store, Action action)
        {
            _store = store;
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
            int top;
            // Everything below the guest part stays free for host code, the JIT compiling a method on first call, and the largest guest frame.
            t_limit = (nuint)(&top) - (nuint)GuestStack;
            while (true)
            {
                _start.Wait();
                try
                {
                    RunHere(_store!, _action!);
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
