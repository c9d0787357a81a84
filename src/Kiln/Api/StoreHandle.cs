using Kiln.Runtime;

namespace Kiln;

/// <summary>
/// The non-generic part of a <see cref="Store{T}"/> that instances, functions and memories point back to: the runtime
/// store, the host data, the memories to free on dispose, and the interruption state (deadline, cancellation).
/// </summary>
internal sealed class StoreHandle(Engine engine, object? data)
{
    private readonly List<LinearMemory> _memories = [];
    private readonly Lock _interrupt = new();
    private bool _disposed;
    private ulong _deadline = ulong.MaxValue;
    private CancellationToken _token;
    private CancellationTokenRegistration _registration;

    public Engine Engine { get; } = engine;

    public object? Data { get; set; } = data;

    public Runtime.Store Inner { get; } = new(engine.Epoch, engine.Config.ConsumeFuel, engine.Config.EpochInterruption);

    public CancellationToken CancellationToken
    {
        get => _token;
        set
        {
            lock (_interrupt)
            {
                // Unregister, not Dispose: Dispose would wait for a running callback, which waits for this lock.
                _registration.Unregister();
                _token = value;
                Arm();
                // Cancellation forces the next check to fire by moving the deadline, so the hot path never reads the token.
                // The callback holds the store weakly: a long-lived token must not keep an undisposed store alive.
                _registration = value.CanBeCanceled ? value.UnsafeRegister(OnCancelled, new WeakReference<StoreHandle>(this)) : default;
            }
        }
    }

    /// <summary>Sets the epoch at which running code is interrupted (absolute, in engine epochs).</summary>
    public void SetDeadline(ulong epoch)
    {
        lock (_interrupt)
        {
            _deadline = epoch;
            Arm();
        }
    }

    private static void OnCancelled(object? state)
    {
        if (((WeakReference<StoreHandle>)state!).TryGetTarget(out var handle))
        {
            lock (handle._interrupt)
            {
                handle.Arm();
            }
        }
    }

    private void Arm() => Volatile.Write(ref Inner.EpochDeadline, _token.IsCancellationRequested ? 0 : _deadline);

    public void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, typeof(Store<>));

    /// <summary>Remembers the memories an instance defined, to free them with the store.</summary>
    public void Adopt(Instance instance, int importedMemories)
    {
        lock (_memories)
        {
            for (int i = importedMemories; i < instance.Memories.Length; i++)
            {
                _memories.Add(instance.Memories[i]);
            }
        }
    }

    public void Dispose()
    {
        lock (_memories)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _registration.Unregister();
            foreach (var m in _memories)
            {
                m.Dispose();
            }

            _memories.Clear();
        }
    }
}
