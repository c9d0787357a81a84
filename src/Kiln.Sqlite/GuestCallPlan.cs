using System.Text;
using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite;

/// <summary>
/// How the SQL values of one call map onto an export's Wasm parameters and result (the value ABI of
/// docs/sqlite.md), checked against the export's actual type. Integers may be <c>i64</c> or <c>i32</c> and reals
/// <c>f64</c> or <c>f32</c>, as the export declares; text and blobs are an <c>i32</c> pointer and <c>i32</c> length.
/// </summary>
internal sealed class GuestCallPlan
{
    private GuestCallPlan(Function export, string exportName, ValueKind[] parameters, Function? postReturn, Func<object?[], object?>? invoke)
    {
        Export = export;
        Invoke = invoke;
        ExportName = exportName;
        PostReturn = postReturn;
        Parameters = parameters;
    }

    /// <summary>The export called.</summary>
    public Function Export { get; }

    /// <summary>The export's typed caller (<see cref="TypedCall"/>); null when only <see cref="Function.Invoke"/> can call it.</summary>
    public Func<object?[], object?>? Invoke { get; }

    /// <summary><c>cabi_post_EXPORT(i32 retptr)</c>, which frees a text or blob result once the host copied it; null when not exported.</summary>
    public Function? PostReturn { get; }

    /// <summary>The export's name.</summary>
    public string ExportName { get; }

    /// <summary>The Wasm type of each parameter slot, as the export declares it.</summary>
    public ValueKind[] Parameters { get; }

    /// <summary>Finds the export <paramref name="exportName"/> of <paramref name="guest"/>'s instance and checks that it has the type the ABI wants for <paramref name="role"/> of <paramref name="definition"/>.</summary>
    /// <exception cref="SqliteException">It has another type; the message gives both.</exception>
    public static GuestCallPlan Create(WasmFunctionDefinition definition, GuestRole role, GuestInstance guest, string exportName)
    {
        var export = guest.RequireFunction(exportName);
        var wanted = Wanted(definition, role, out var wantedResult);
        var type = export.Type;
        bool ok = type.Parameters.Count == wanted.Count && type.Results.Count == 1;
        for (int i = 0; ok && i < wanted.Count; i++)
        {
            ok = wanted[i].Contains(type.Parameters[i]);
        }

        if (ok)
        {
            ok = wantedResult.Contains(type.Results[0]);
        }

        if (!ok)
        {
            string needs = Describe(wanted, wantedResult);
            bool alternatives = wanted.Any(w => w.Length > 1) || wantedResult.Length > 1;
            throw guest.Error(
                $"export '{exportName}' has type {type}, but {definition.Signature} needs {needs}"
                + (alternatives ? " (i32 may stand for i64 and f32 for f64)" : string.Empty));
        }

        var post = definition.Returns is SqlValueType.Text or SqlValueType.Blob ? guest.Instance.GetFunction("cabi_post_" + exportName) : null;
        ValueKind[] parameters = [.. type.Parameters];
        var invoke = TypedCall.Create(guest.Instance, exportName, parameters, type.Results[0]);
        return new GuestCallPlan(export, exportName, parameters, post, invoke);
    }

    /// <summary>The accepted Wasm types of each parameter slot and of the (single) result, preferred type first.</summary>
    private static List<ValueKind[]> Wanted(WasmFunctionDefinition definition, GuestRole role, out ValueKind[] result)
    {
        ValueKind[] i32 = [ValueKind.Int32];
        var slots = new List<ValueKind[]>();
        if (role == GuestRole.Final)
        {
            slots.Add(i32);
            result = Slots(definition.Returns, isResult: true);
            return slots;
        }

        if (role == GuestRole.Step)
        {
            slots.Add(i32);
        }

        foreach (var p in definition.Parameters)
        {
            if (p is SqlValueType.Text or SqlValueType.Blob)
            {
                slots.Add(i32);
                slots.Add(i32);
            }
            else
            {
                slots.Add(Slots(p, isResult: false));
            }
        }

        if (definition.CalledOnNullInput)
        {
            slots.Add(i32);
        }

        result = role == GuestRole.Step ? i32 : Slots(definition.Returns, isResult: true);
        return slots;
    }

    private static ValueKind[] Slots(SqlValueType type, bool isResult) => type switch
    {
        SqlValueType.Integer => [ValueKind.Int64, ValueKind.Int32],
        SqlValueType.Real => [ValueKind.Float64, ValueKind.Float32],
        _ when isResult => [ValueKind.Int32],
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static string Describe(List<ValueKind[]> parameters, ValueKind[] result)
    {
        var sb = new StringBuilder("(func");
        if (parameters.Count > 0)
        {
            sb.Append(" (param ").AppendJoin(' ', parameters.Select(p => Name(p[0]))).Append(')');
        }

        sb.Append(" (result ").Append(Name(result[0])).Append(')');

        return sb.Append(')').ToString();
    }

    private static string Name(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => "i32",
        ValueKind.Int64 => "i64",
        ValueKind.Float32 => "f32",
        _ => "f64",
    };
}
