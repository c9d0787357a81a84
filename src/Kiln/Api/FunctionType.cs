namespace Kiln;

/// <summary>The signature of a WebAssembly function: parameter and result types.</summary>
public sealed class FunctionType
{
    /// <summary>Creates a signature.</summary>
    public FunctionType(IReadOnlyList<ValueKind> parameters, IReadOnlyList<ValueKind> results)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(results);
        Parameters = [.. parameters];
        Results = [.. results];
    }

    /// <summary>The parameter types, in order.</summary>
    public IReadOnlyList<ValueKind> Parameters { get; }

    /// <summary>The result types, in order.</summary>
    public IReadOnlyList<ValueKind> Results { get; }

    /// <summary>The signature in WebAssembly text form, e.g. <c>(func (param i32 i32) (result i32))</c>.</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder("(func");
        if (Parameters.Count > 0)
        {
            sb.Append(" (param ").AppendJoin(' ', Parameters.Select(ValueConversion.Name)).Append(')');
        }

        if (Results.Count > 0)
        {
            sb.Append(" (result ").AppendJoin(' ', Results.Select(ValueConversion.Name)).Append(')');
        }

        return sb.Append(')').ToString();
    }
}
