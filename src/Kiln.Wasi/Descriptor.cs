namespace Kiln.Wasi;

/// <summary>An entry of the guest's file descriptor table.</summary>
internal abstract class Descriptor : IDisposable
{
    public virtual void Dispose()
    {
    }
}
