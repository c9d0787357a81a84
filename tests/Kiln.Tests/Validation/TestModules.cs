using Kiln.Binary;

namespace Kiln.Tests.Validation;

/// <summary>Builds small modules directly in the module model for validator tests.</summary>
internal static class TestModules
{
    public static Expr Code(params byte[] bytes) => new(bytes, 0);

    /// <summary>A module with one type (the function's) and one function with that body.</summary>
    public static WasmModule Function(FuncType type, byte[] body, params LocalGroup[] locals)
    {
        var m = new WasmModule();
        m.Types.Add(new SubType(type, true, []));
        m.RecGroups.Add(new RecGroup(0, 1));
        m.Functions.Add(0);
        m.Code.Add(new FunctionBody(locals, Code(body)));
        return m;
    }

    public static FuncType Sig(ValType[] parameters, ValType[] results) => new(parameters, results);

    /// <summary>Adds a singleton rec group holding <paramref name="type"/>; returns its index.</summary>
    public static int AddType(WasmModule m, CompositeType type, bool final = true, params int[] supers)
    {
        int index = m.Types.Count;
        m.Types.Add(new SubType(type, final, supers));
        m.RecGroups.Add(new RecGroup(index, 1));
        return index;
    }
}
