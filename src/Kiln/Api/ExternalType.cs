using System.Globalization;
using System.Text;

namespace Kiln;

/// <summary>
/// The type of an import or export. <see cref="Kind"/> says which of the other members apply: <see cref="Function"/>
/// for functions and tags, <see cref="Minimum"/>/<see cref="Maximum"/> for memories (in pages) and tables (in elements),
/// <see cref="Element"/> for tables and globals (the global's value type), <see cref="IsMutable"/> for globals.
/// </summary>
public sealed class ExternalType
{
    internal ExternalType(ExternalKind kind)
    {
        Kind = kind;
    }

    /// <summary>What the item is.</summary>
    public ExternalKind Kind { get; }

    /// <summary>The signature of a function, or the payload of a tag; null otherwise.</summary>
    public FunctionType? Function { get; init; }

    /// <summary>A table's element type or a global's value type; null otherwise.</summary>
    public ValueKind? Element { get; init; }

    /// <summary>True for a mutable global.</summary>
    public bool IsMutable { get; init; }

    /// <summary>Initial size of a memory (pages) or table (elements).</summary>
    public ulong Minimum { get; init; }

    /// <summary>Maximum size of a memory (pages) or table (elements), or null when unbounded.</summary>
    public ulong? Maximum { get; init; }

    /// <summary>True for a 64-bit memory or table (memory64).</summary>
    public bool Is64 { get; init; }

    /// <summary>True for a shared memory (threads proposal).</summary>
    public bool IsShared { get; init; }

    /// <summary>The type in WebAssembly text form, e.g. <c>(memory 1 2)</c> or <c>(global (mut i32))</c>.</summary>
    public override string ToString()
    {
        switch (Kind)
        {
            case ExternalKind.Function:
                return Function!.ToString();
            case ExternalKind.Tag:
                return "(tag " + Function + ")";
            case ExternalKind.Global:
                string t = ValueConversion.Name(Element!.Value);
                return IsMutable ? $"(global (mut {t}))" : $"(global {t})";
            default:
                var sb = new StringBuilder(Kind == ExternalKind.Memory ? "(memory " : "(table ");
                if (Is64)
                {
                    sb.Append("i64 ");
                }

                sb.Append(Minimum.ToString(CultureInfo.InvariantCulture));
                if (Maximum is ulong max)
                {
                    sb.Append(' ').Append(max.ToString(CultureInfo.InvariantCulture));
                }

                if (IsShared)
                {
                    sb.Append(" shared");
                }

                if (Kind == ExternalKind.Table)
                {
                    sb.Append(' ').Append(ValueConversion.Name(Element!.Value));
                }

                return sb.Append(')').ToString();
        }
    }
}
