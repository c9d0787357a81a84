namespace Kiln.Binary;

/// <summary>A function signature.</summary>
internal sealed class FuncType(ValType[] parameters, ValType[] results) : CompositeType
{
    public ValType[] Params { get; } = parameters;
    public ValType[] Results { get; } = results;

    public override string ToString() => $"[{string.Join(' ', Params)}] -> [{string.Join(' ', Results)}]";
}
