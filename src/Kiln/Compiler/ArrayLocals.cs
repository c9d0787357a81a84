using System.Reflection.Emit;
using Kiln.Binary;

namespace Kiln.Compiler;

/// <summary>
/// Locals of a function with more Wasm locals than IL can declare: one heap array per CLR type, allocated (zeroed)
/// in the prologue. Slower than IL locals, but only such huge functions use it, and it keeps their stack frame small.
/// </summary>
internal sealed class ArrayLocals
{
    private readonly ILGenerator _il;
    private readonly Dictionary<Type, (LocalBuilder Array, int Count)> _arrays = [];
    private readonly Type[] _types;
    private readonly int[] _slots;

    public ArrayLocals(ILGenerator il, ValType[] localTypes, int firstLocal)
    {
        _il = il;
        _types = new Type[localTypes.Length];
        _slots = new int[localTypes.Length];
        for (int i = firstLocal; i < localTypes.Length; i++)
        {
            var t = ClrTypes.Of(localTypes[i]);
            _types[i] = t;
            if (!_arrays.TryGetValue(t, out var entry))
            {
                entry = (il.DeclareLocal(t.MakeArrayType()), 0);
            }

            _slots[i] = entry.Count;
            _arrays[t] = (entry.Array, entry.Count + 1);
        }
    }

    public void EmitAllocate()
    {
        foreach (var (type, (array, count)) in _arrays)
        {
            _il.Emit(OpCodes.Ldc_I4, count);
            _il.Emit(OpCodes.Newarr, type);
            _il.Emit(OpCodes.Stloc, array);
        }
    }

    public void EmitLoad(int local)
    {
        _il.Emit(OpCodes.Ldloc, _arrays[_types[local]].Array);
        _il.Emit(OpCodes.Ldc_I4, _slots[local]);
        _il.Emit(OpCodes.Ldelem, _types[local]);
    }

    /// <summary>Stores <paramref name="value"/> into the local.</summary>
    public void EmitStore(int local, LocalBuilder value)
    {
        _il.Emit(OpCodes.Ldloc, _arrays[_types[local]].Array);
        _il.Emit(OpCodes.Ldc_I4, _slots[local]);
        _il.Emit(OpCodes.Ldloc, value);
        _il.Emit(OpCodes.Stelem, _types[local]);
    }
}
