using Kiln.Binary;

namespace Kiln.Runtime;

/// <summary>
/// Something an instance exports or imports: a <see cref="FunctionInstance"/>, <see cref="TableInstance"/>,
/// <see cref="LinearMemory"/>, <see cref="GlobalInstance"/> or <see cref="TagInstance"/>, tagged with its kind.
/// </summary>
internal readonly record struct ExternValue(ExternKind Kind, object Target)
{
    public static ExternValue Of(FunctionInstance f) => new(ExternKind.Function, f);

    public static ExternValue Of(TableInstance t) => new(ExternKind.Table, t);

    public static ExternValue Of(LinearMemory m) => new(ExternKind.Memory, m);

    public static ExternValue Of(GlobalInstance g) => new(ExternKind.Global, g);

    public static ExternValue Of(TagInstance t) => new(ExternKind.Tag, t);
}
