using System.Collections.Concurrent;

namespace Kiln.Http;

/// <summary>
/// A few dedicated threads with large stacks that run guests, so requests queue here instead of each blocking a
/// thread-pool thread: with one thread per concurrent request, 64 connections meant 64 threads fighting for two
/// cores and the thread pool starving. The large stack lets the engine run guest code inline on these threads.
/// </summary>
internal sealed class GuestPool
{
    private const int StackSize = 16 << 20;
    private readonly BlockingCollection<WorkItem> _queue = [];

    private GuestPool(int threads)
    {
        for (int i = 0; i < threads; i++)
        {
            new Thread(Loop, StackSize) { IsBackground = true, Name = "kiln guest runner" }.Start();
        }
    }

    /// <summary>The pool every handler shares: two threads per core (guests blocked in a WASI sleep still leave one running), at least four.</summary>
    public static GuestPool Shared { get; } = new(Math.Max(4, 2 * Environment.ProcessorCount));

    /// <summary>Runs <paramref name="work"/> on a pool thread; the task completes (off that thread) with its outcome.</summary>
    public Task RunAsync(Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(new WorkItem(work, done));
        return done.Task;
    }

    private void Loop()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            try
            {
                item.Work();
                item.Done.SetResult();
            }
            catch (Exception e)
            {
                item.Done.SetException(e);
            }
        }
    }

    private sealed record WorkItem(Action Work, TaskCompletionSource Done);
}
