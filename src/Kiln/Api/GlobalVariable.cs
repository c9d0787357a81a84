using Kiln.Runtime;

namespace Kiln;

/// <summary>A global variable of an instance (named so because <c>Global</c> is taken by the module model).</summary>
public sealed class GlobalVariable
{
    internal GlobalVariable(GlobalInstance inner, StoreHandle store)
    {
        Inner = inner;
        Store = store;
    }

    internal StoreHandle Store { get; }

    /// <summary>The global's value type.</summary>
    public ValueKind Kind => ValueConversion.Kind(Inner.Type.Type);

    /// <summary>True when the guest (and the host) may change it.</summary>
    public bool IsMutable => Inner.Type.Mutable;

    /// <summary>The value, boxed as in <see cref="Function.Invoke"/>; setting an immutable global throws <see cref="InvalidOperationException"/>.</summary>
    public object? Value
    {
        get => ValueConversion.Box(Inner.Value, Store);
        set
        {
            if (!IsMutable)
            {
                throw new InvalidOperationException("the global is immutable");
            }

            Inner.Value = ValueConversion.Unbox(value, Inner.Type.Type);
        }
    }

    internal GlobalInstance Inner { get; }
}
