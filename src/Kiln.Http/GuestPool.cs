namespace Kiln.Http;

/// <summary>
/// Bounds how many guests run at once: two per core (a guest blocked in a WASI sleep still leaves one running), at
/// least four. Requests beyond that wait here, asynchronously, instead of each occupying a thread: with one running
/// guest per connection, 64 connections meant 64 threads fighting for two cores. A guest runs on the thread that
/// acquired its slot, with no hand-off, so a request costs no thread switch (a switch costs ~100 µs on a busy VM).
/// </summary>
internal sealed class GuestPool
{
    private readonly SemaphoreSlim _slots;

    private GuestPool(int slots)
    {
        _slots = new SemaphoreSlim(slots, slots);
    }

    /// <summary>The gate every handler shares.</summary>
    public static GuestPool Shared { get; } = new(Math.Max(4, 2 * Environment.ProcessorCount));

    /// <summary>Waits for a slot, then runs <paramref name="work"/> with its arguments on the current thread (no closure to allocate).</summary>
    public async Task RunAsync<T1, T2, T3>(T1 a1, T2 a2, T3 a3, Action<T1, T2, T3> work)
    {
        await _slots.WaitAsync().ConfigureAwait(false);
        try
        {
            work(a1, a2, a3);
        }
        finally
        {
            _slots.Release();
        }
    }
}
