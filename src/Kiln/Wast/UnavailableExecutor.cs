using Kiln.Binary;
using Kiln.Text;

namespace Kiln.Wast;

/// <summary>
/// The executor used while Kiln has no execution engine: it can "instantiate" only modules whose instantiation
/// runs no code (no start function, no active segments), so that linking can still be checked; everything that
/// needs execution fails with <see cref="Message"/>.
/// </summary>
internal sealed class UnavailableExecutor : IWastExecutor
{
    public const string Message = "execution engine not available";

    public object Instantiate(WasmModule module, IReadOnlyList<WastExtern> imports)
    {
        bool runsCode = module.Start is not null
            || module.Data.Exists(d => d.Mode == SegmentMode.Active)
            || module.Elements.Exists(e => e.Mode == SegmentMode.Active);
        return runsCode ? throw new NotSupportedException(Message) : module;
    }

    public WastValue[] Invoke(object instance, string name, WastValue[] args) => throw new NotSupportedException(Message);

    public WastValue Get(object instance, string name) => throw new NotSupportedException(Message);

    // Nothing runs, so nothing grows: the declared sizes are the current ones.
    public ulong? CurrentSize(object instance, string name) => null;
}
