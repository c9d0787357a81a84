using Kiln.Binary;
using Kiln.Runtime.Gc;
using Kiln.Text;
using Kiln.Wast;

namespace Kiln.Runtime;

/// <summary>
/// The engine behind <c>kiln wast</c>: one store per script; modules are instantiated and invoked with the compiler,
/// traps become <see cref="WastTrapException"/> carrying the spec message.
/// </summary>
internal sealed class KilnWastExecutor : IWastExecutor
{
    private readonly Store _store = new();

    public object Instantiate(WasmModule module, IReadOnlyList<WastExtern> imports)
    {
        try
        {
            int i = 0;
            var resolved = new ExternValue[imports.Count];
            foreach (var imp in imports)
            {
                resolved[i++] = ((Instance)imp.Instance).GetExport(imp.Name);
            }

            int next = 0;
            return Instance.Instantiate(_store, module, (_, _) => resolved[next++]);
        }
        catch (TrapException e)
        {
            throw new WastTrapException(e.Reason);
        }
        catch (GuestException)
        {
            throw new WastThrowException("uncaught exception");
        }
    }

    public WastValue[] Invoke(object instance, string name, WastValue[] args)
    {
        var inst = (Instance)instance;
        if (inst.GetExport(name).Target is not FunctionInstance f)
        {
            throw new InvalidOperationException($"export \"{name}\" is not a function");
        }

        var values = new Value[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            values[i] = ToValue(args[i], f.Type.Params[i]);
        }

        Value[] results;
        try
        {
            results = inst.Invoke(name, values);
        }
        catch (TrapException e)
        {
            throw new WastTrapException(e.Reason);
        }
        catch (GuestException)
        {
            throw new WastThrowException("uncaught exception");
        }

        var output = new WastValue[results.Length];
        for (int i = 0; i < results.Length; i++)
        {
            output[i] = FromValue(results[i] with { Type = f.Type.Results[i] });
        }

        return output;
    }

    public WastValue Get(object instance, string name) => FromValue(((Instance)instance).GetGlobal(name));

    public ulong? CurrentSize(object instance, string name) => ((Instance)instance).GetExport(name).Target switch
    {
        LinearMemory m => m.Pages,
        TableInstance t => t.Size,
        _ => null,
    };

    private static Value ToValue(WastValue v, ValType type) => v.Kind switch
    {
        WastValueKind.I32 => Value.I32((int)v.Bits),
        WastValueKind.I64 => Value.I64((long)v.Bits),
        WastValueKind.F32 => Value.F32Bits((uint)v.Bits),
        WastValueKind.F64 => Value.F64Bits(v.Bits),
        WastValueKind.V128 => new Value(ValType.V128, v.Bits, v.High),
        WastValueKind.RefNull => Value.FromRef(type, null),
        WastValueKind.RefExtern or WastValueKind.RefHost => Value.FromRef(type, new ExternObject(v.Bits)),
        _ => throw new NotSupportedException($"argument kind {v.Kind}"),
    };

    private static WastValue FromValue(Value v) => v.Type.Kind switch
    {
        ValTypeKind.I32 => new WastValue(WastValueKind.I32, (uint)v.Bits),
        ValTypeKind.I64 => new WastValue(WastValueKind.I64, v.Bits),
        ValTypeKind.F32 => new WastValue(WastValueKind.F32, (uint)v.Bits),
        ValTypeKind.F64 => new WastValue(WastValueKind.F64, v.Bits),
        ValTypeKind.V128 => new WastValue(WastValueKind.V128, v.Bits, v.High),
        _ => v.Ref switch
        {
            null => new WastValue(WastValueKind.RefNull, 0, 0, v.Type.Heap),
            FunctionInstance => new WastValue(WastValueKind.RefFunc, 0),
            ExceptionObject => new WastValue(WastValueKind.RefExn, 0),
            ExternObject e => new WastValue(GcOps.IsExternType(v.Type) ? WastValueKind.RefExtern : WastValueKind.RefHost, e.Id),
            _ when GcOps.IsExternType(v.Type) => new WastValue(WastValueKind.RefExternInternal, 0),
            WasmStruct => new WastValue(WastValueKind.RefStruct, 0),
            WasmArray => new WastValue(WastValueKind.RefArray, 0),
            I31Ref i => new WastValue(WastValueKind.RefI31, (uint)i.Value),
            _ => new WastValue(WastValueKind.RefExternInternal, 0),
        },
    };
}
