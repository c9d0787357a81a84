using System.Reflection.Emit;
using Kiln.Runtime;

namespace Kiln.Compiler;

/// <summary>
/// Values generated code needs that belong to this process, not to the module: canonical type ids, indices into
/// <see cref="OpaqueConstants"/> and method ids for exception filters. A <see cref="DynamicMethod"/> embeds them as
/// constants; a persisted method loads them from static readonly fields that its assembly's type initializer fills when
/// the assembly is loaded (see <see cref="PersistedTarget"/>), which the JIT folds back into constants.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private static int s_nextMethodId;

    /// <summary>A new id for a compiled method: unique in the process.</summary>
    public static int NewMethodId() => Interlocked.Increment(ref s_nextMethodId);

    /// <summary>Pushes the canonical id of type <paramref name="typeIndex"/>.</summary>
    private void EmitTypeId(int typeIndex)
    {
        if (_persisted is null)
        {
            _il.Emit(OpCodes.Ldc_I4, _cm.TypeIds[typeIndex]);
        }
        else
        {
            _il.Emit(OpCodes.Ldsfld, _persisted.TypeIdSlot(typeIndex));
        }
    }

    /// <summary>Pushes the index in <see cref="OpaqueConstants.F32"/> of the constant with these bits.</summary>
    private void EmitF32ConstantIndex(int bits)
    {
        if (_persisted is null)
        {
            _il.Emit(OpCodes.Ldc_I4, OpaqueConstants.IndexOfF32(bits));
        }
        else
        {
            _il.Emit(OpCodes.Ldsfld, _persisted.F32IndexSlot(bits));
        }
    }

    /// <summary>Pushes the index in <see cref="OpaqueConstants.F64"/> of the constant with these bits.</summary>
    private void EmitF64ConstantIndex(long bits)
    {
        if (_persisted is null)
        {
            _il.Emit(OpCodes.Ldc_I4, OpaqueConstants.IndexOfF64(bits));
        }
        else
        {
            _il.Emit(OpCodes.Ldsfld, _persisted.F64IndexSlot(bits));
        }
    }

    /// <summary>Pushes this method's id (see <see cref="GuestException.DelegateTo"/>).</summary>
    private void EmitMethodId()
    {
        if (_persisted is null)
        {
            _il.Emit(OpCodes.Ldc_I4, _methodId);
        }
        else
        {
            _il.Emit(OpCodes.Ldsfld, _persisted.MethodIdSlot(_method));
        }
    }
}
