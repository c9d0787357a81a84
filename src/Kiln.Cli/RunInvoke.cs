using System.Globalization;
using System.Numerics;
using Kiln.Wasi;

namespace Kiln.Cli;

/// <summary><c>kiln run --invoke FUNC MODULE ARGS...</c>: calls one export with numbers from the command line and prints its results, one per line.</summary>
internal static class RunInvoke
{
    public static int Call(ModuleInstance instance, string name, IReadOnlyList<string> args, TextWriter output, KilnWasiContext wasi)
    {
        var culture = CultureInfo.InvariantCulture;
        var function = instance.GetFunction(name) ?? throw new ArgumentException($"the module exports no function \"{name}\"");
        var type = function.Type;
        if (args.Count != type.Parameters.Count)
        {
            throw new ArgumentException($"{name} {type} takes {type.Parameters.Count} argument{(type.Parameters.Count == 1 ? "" : "s")}, got {args.Count}");
        }

        var values = new object?[args.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Parse(args[i], type.Parameters[i], culture)
                ?? throw new FormatException($"argument {i + 1} of {name} is not a valid {KindName(type.Parameters[i])}: {args[i]}");
        }

        // A reactor module sets itself up in _initialize before any other export is called, as Wasmtime does it.
        if (name != "_initialize" && instance.GetFunction("_initialize") is { Type.Parameters.Count: 0, Type.Results.Count: 0 } init)
        {
            init.Invoke();
        }

        object? result = function.Invoke(values);
        wasi.Flush();
        foreach (var value in result is object?[] many ? many : type.Results.Count == 0 ? [] : [result])
        {
            output.WriteLine(RunCommand.Format(value, culture));
        }

        return 0;
    }

    /// <summary>A command-line number as a value of <paramref name="kind"/>; integers may be given signed or unsigned, in decimal or 0x hex; null when it does not parse.</summary>
    internal static object? Parse(string text, ValueKind kind, CultureInfo culture)
    {
        switch (kind)
        {
            case ValueKind.Int32:
                if (int.TryParse(text, NumberStyles.Integer, culture, out int i32))
                {
                    return i32;
                }

                if (uint.TryParse(text, NumberStyles.Integer, culture, out uint u32) || TryHex(text, out u32))
                {
                    return (int)u32;
                }

                return null;
            case ValueKind.Int64:
                if (long.TryParse(text, NumberStyles.Integer, culture, out long i64))
                {
                    return i64;
                }

                if (ulong.TryParse(text, NumberStyles.Integer, culture, out ulong u64) || TryHex(text, out u64))
                {
                    return (long)u64;
                }

                return null;
            case ValueKind.Float32:
                return TryFloat(text, culture, out double f32) ? (float)f32 : null;
            case ValueKind.Float64:
                return TryFloat(text, culture, out double f64) ? f64 : null;
            default:
                throw new ArgumentException($"a {KindName(kind)} argument cannot be given on the command line");
        }
    }

    private static string KindName(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => "i32",
        ValueKind.Int64 => "i64",
        ValueKind.Float32 => "f32",
        ValueKind.Float64 => "f64",
        ValueKind.V128 => "v128",
        ValueKind.FuncRef => "funcref",
        ValueKind.ExternRef => "externref",
        _ => "reference",
    };

    private static bool TryHex<T>(string text, out T value)
        where T : IBinaryInteger<T>
    {
        value = default!;
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && T.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value!);
    }

    private static bool TryFloat(string text, CultureInfo culture, out double value)
    {
        switch (text.TrimStart('+'))
        {
            case "inf" or "infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
            case "nan" or "-nan":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, culture, out value);
        }
    }
}
