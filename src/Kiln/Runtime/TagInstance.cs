using Kiln.Binary;

namespace Kiln.Runtime;

/// <summary>An exception tag: identity plus its parameter types (canonical id of its function type).</summary>
internal sealed class TagInstance(FuncType type, int typeId)
{
    public FuncType Type { get; } = type;
    public int TypeId { get; } = typeId;
}
