using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite;

/// <summary>
/// A Wasm SQL function registered on one connection: converts SQL values to the value ABI and back around calls
/// into its <see cref="GuestInstance"/>. Microsoft.Data.Sqlite keeps the registration across Close/Open and removes
/// it from pooled handles, so a binding lives as long as its connection (or until dropped or replaced).
/// </summary>
internal abstract class WasmFunctionBinding : IDisposable
{
    private readonly List<int> _byteCounts = [];

    protected WasmFunctionBinding(WasmFunctionDefinition definition, GuestInstance guest)
    {
        Definition = definition;
        Guest = guest;
    }

    /// <summary>What the function was declared as.</summary>
    public WasmFunctionDefinition Definition { get; }

    /// <summary>The sandbox it runs in.</summary>
    public GuestInstance Guest { get; }

    /// <summary>True when a parameter or the result is text or a blob, so the module must export its memory.</summary>
    protected bool UsesMemory =>
        Definition.Returns is SqlValueType.Text or SqlValueType.Blob || Definition.Parameters.Any(p => p is SqlValueType.Text or SqlValueType.Blob);

    /// <summary>Creates the binding <paramref name="definition"/> asks for.</summary>
    public static WasmFunctionBinding Create(WasmFunctionDefinition definition, GuestInstance guest) =>
        definition.IsAggregate ? new WasmAggregateBinding(definition, guest) : new WasmScalarBinding(definition, guest);

    /// <summary>Instantiates the module now and checks its exports, so that a bad definition fails at CREATE time.</summary>
    /// <exception cref="SqliteException">The module or its exports do not fit the definition.</exception>
    public abstract void Verify();

    /// <summary>Registers the function on <paramref name="connection"/>, replacing any function of that name.</summary>
    public abstract void Register(SqliteConnection connection);

    /// <summary>Removes the function from <paramref name="connection"/>.</summary>
    public abstract void Unregister(SqliteConnection connection);

    /// <inheritdoc/>
    public void Dispose() => Guest.Dispose();

    /// <summary>Checks the argument count (the function is registered as variadic so the message can be this clear).</summary>
    protected void CheckArity(object?[] args)
    {
        if (args.Length != Definition.Parameters.Count)
        {
            throw Guest.Error($"takes {Definition.Parameters.Count} argument{(Definition.Parameters.Count == 1 ? "" : "s")} ({string.Join(", ", Definition.Parameters.Select(SqlTypes.Name))}), got {args.Length}");
        }
    }

    /// <summary>True when some argument is NULL.</summary>
    protected static bool AnyNull(object?[] args) => Array.IndexOf(args, null) >= 0 || Array.IndexOf(args, DBNull.Value) >= 0;

    /// <summary>
    /// Converts <paramref name="args"/> into the Wasm arguments of <paramref name="plan"/> from slot
    /// <paramref name="slot"/> on: numbers directly, text and blobs copied into the scratch buffer, then the NULL mask
    /// for <c>CALLED ON NULL INPUT</c>.
    /// </summary>
    protected void Marshal(object?[] args, GuestCallPlan plan, object?[] wasm, int slot)
    {
        int total = 0;
        _byteCounts.Clear();
        for (int i = 0; i < args.Length; i++)
        {
            if (Definition.Parameters[i] is SqlValueType.Text or SqlValueType.Blob)
            {
                int count = args[i] switch
                {
                    null or DBNull => 0,
                    byte[] b => b.Length,
                    var v => Encoding.UTF8.GetByteCount(TextOf(v)),
                };
                _byteCounts.Add(count);
                total = checked(total + count);
            }
        }

        int address = total > 0 ? Guest.Reserve(total) : 0;
        int text = 0;
        int mask = 0;
        for (int i = 0; i < args.Length; i++)
        {
            var value = args[i];
            bool isNull = value is null or DBNull;
            if (isNull)
            {
                mask |= 1 << i;
            }

            switch (Definition.Parameters[i])
            {
                case SqlValueType.Integer:
                    long n = isNull ? 0 : IntegerOf(value!, i);
                    if (plan.Parameters[slot] == ValueKind.Int32)
                    {
                        wasm[slot++] = n is >= int.MinValue and <= int.MaxValue
                            ? (int)n
                            : throw Guest.Error($"argument {i + 1} ({n}) does not fit the export's i32 parameter");
                    }
                    else
                    {
                        wasm[slot++] = n;
                    }

                    break;
                case SqlValueType.Real:
                    double d = isNull ? 0 : RealOf(value!, i);
                    wasm[slot] = plan.Parameters[slot] == ValueKind.Float32 ? (object)(float)d : d;
                    slot++;
                    break;
                default:
                    int length = _byteCounts[text++];
                    var target = length > 0 ? Guest.Span(address, length) : [];
                    if (value is byte[] bytes)
                    {
                        bytes.CopyTo(target);
                    }
                    else if (!isNull)
                    {
                        Encoding.UTF8.GetBytes(TextOf(value!), target);
                    }

                    wasm[slot++] = address;
                    wasm[slot++] = length;
                    address += length;
                    break;
            }
        }

        if (Definition.CalledOnNullInput)
        {
            wasm[slot] = mask;
        }
    }

    /// <summary>Converts the Wasm result of <paramref name="plan"/> to a SQL value (null for NULL).</summary>
    protected object? Unmarshal(object? result, GuestCallPlan plan)
    {
        switch (Definition.Returns)
        {
            case SqlValueType.Integer:
                return result is int i ? (long)i : (long)result!;
            case SqlValueType.Real:
                // SQLite has no NaN: it stores NULL for one, and so does a Wasm function returning NaN.
                double d = result is float f ? f : (double)result!;
                return double.IsNaN(d) ? null : d;
            default:
                int retptr = (int)result!;
                if (retptr == 0)
                {
                    return null;
                }

                bool isText = Definition.Returns == SqlValueType.Text;
                var bytes = Guest.ReadReturnArea(retptr, isText ? "text" : "blob");
                object value;
                if (isText)
                {
                    if (!Utf8.IsValid(bytes))
                    {
                        int bad = FirstInvalidUtf8(bytes);
                        throw Guest.Error($"returned text that is not valid UTF-8 (at byte {bad} of {bytes.Length})");
                    }

                    value = Encoding.UTF8.GetString(bytes);
                }
                else
                {
                    value = bytes.ToArray();
                }

                if (plan.PostReturn is { } post)
                {
                    Guest.Call(post, [retptr]);
                }

                return value;
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length && Rune.DecodeFromUtf8(bytes[i..], out _, out int length) == OperationStatus.Done)
        {
            i += length;
        }

        return i;
    }

    /// <summary>A number or blob as text, the way SQLite converts it.</summary>
    private static string TextOf(object value) => value switch
    {
        string s => s,
        long n => n.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private long IntegerOf(object value, int index) => value switch
    {
        long n => n,
        double d when d >= long.MinValue && d < 9.2233720368547758E18 => (long)d,
        string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) => n,
        _ => throw Guest.Error($"argument {index + 1} must be an integer, got {Describe(value)}"),
    };

    private double RealOf(object value, int index) => value switch
    {
        double d => d,
        long n => n,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
        _ => throw Guest.Error($"argument {index + 1} must be a real number, got {Describe(value)}"),
    };

    private static string Describe(object value) => value switch
    {
        string s => $"text '{(s.Length > 40 ? s[..40] + "..." : s)}'",
        byte[] b => $"a blob of {b.Length} bytes",
        _ => value.GetType().Name,
    };
}
