using Kiln.Runtime;

namespace Kiln;

/// <summary>
/// The non-generic part of a <see cref="Store{T}"/> that instances, functions and memories point back to: the runtime
/// store, the host data, and the memories to free on dispose.
/// </summary>
internal sealed class StoreHandle(Engine engine, object? data)
{
    private readonly List<LinearMemory> _memories = [];
    private bool _disposed;

    public Engine Engine { get; } = engine;

    public object? Data { get; set; } = data;

    public Runtime.Store Inner { get; } = new();

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
            foreach (var m in _memories)
            {
                m.Dispose();
            }

            _memories.Clear();
        }
    }
}
