using System.Reflection;
using System.Reflection.Emit;
using Kiln.Binary;
using Kiln.Runtime;
using Kiln.Runtime.Gc;

namespace Kiln.Compiler;

/// <summary>
/// The lowering of GC instructions: structs are <see cref="WasmStruct"/> (fields read and written inline from its
/// typed slot arrays), arrays are <see cref="WasmArray{T}"/> with unboxed elements (accessed through small inlinable
/// helpers), i31 values are <see cref="I31Ref"/> (<c>ref.eq</c> is <see cref="RefOps.Eq"/>); type tests compare
/// canonical type ids (see <see cref="GcOps"/>).
/// </summary>
internal sealed partial class FunctionCompiler
{
    private static readonly FieldInfo StructBitsField = typeof(WasmStruct).GetField(nameof(WasmStruct.Bits))!;
    private static readonly FieldInfo StructRefsField = typeof(WasmStruct).GetField(nameof(WasmStruct.Refs))!;

    private bool _gcTypesRegistered;

    /// <summary>Emits <paramref name="op"/> when it is a GC instruction; false otherwise.</summary>
    internal bool EmitGc(Opcode op, ref InstructionReader r)
    {
        if (_persisted is not null)
        {
            // Canonical type ids and subtype displays are baked into GC code in many forms; none is relocated yet.
            throw new NotSupportedException("GC instructions cannot be compiled ahead of time yet");
        }

        if (!_gcTypesRegistered)
        {
            // Objects this code creates and the types it tests against must be known to the cast fast path.
            SubtypeDisplay.Register(_m, _cm.TypeIds);
            _gcTypesRegistered = true;
        }

        int type = (int)r.Index;
        switch (op)
        {
            case Opcode.StructNew:
                EmitStructNew(type, withValues: true);
                break;
            case Opcode.StructNewDefault:
                EmitStructNew(type, withValues: false);
                break;
            case Opcode.StructGet:
                EmitStructGet(type, (int)r.Index2, signed: false);
                break;
            case Opcode.StructGetS:
                EmitStructGet(type, (int)r.Index2, signed: true);
                break;
            case Opcode.StructGetU:
                EmitStructGet(type, (int)r.Index2, signed: false);
                break;
            case Opcode.StructSet:
                EmitStructSet(type, (int)r.Index2);
                break;
            case Opcode.ArrayNew:
                EmitNarrowBelowTop(ArrayElement(type));
                EmitArrayCall(type, "New", pops: 2, pushTypeRef: true, () => _il.Emit(OpCodes.Ldc_I4, _cm.TypeIds[type]));
                break;
            case Opcode.ArrayNewDefault:
                EmitArrayCall(type, "NewDefault", pops: 1, pushTypeRef: true, () => _il.Emit(OpCodes.Ldc_I4, _cm.TypeIds[type]));
                break;
            case Opcode.ArrayNewFixed:
                EmitArrayNewFixed(type, (int)r.Index2);
                break;
            case Opcode.ArrayNewData:
                EmitSegmentCall(type, (int)r.Index2, nameof(GcSegments.NewData), creates: true);
                break;
            case Opcode.ArrayNewElem:
                EmitSegmentCall(type, (int)r.Index2, nameof(GcSegments.NewElem), creates: true);
                break;
            case Opcode.ArrayGet or Opcode.ArrayGetU:
                EmitArrayCall(type, "Get", pops: 2, pushTypeRef: false, null);
                EmitFromStorage(ArrayElement(type), signed: false);
                break;
            case Opcode.ArrayGetS:
                EmitArrayCall(type, "Get", pops: 2, pushTypeRef: false, null);
                EmitFromStorage(ArrayElement(type), signed: true);
                break;
            case Opcode.ArraySet:
                EmitToStorage(ArrayElement(type));
                EmitArrayCall(type, "Set", pops: 3, pushTypeRef: false, null);
                break;
            case Opcode.ArrayLen:
                Pop();
                _il.Emit(OpCodes.Call, Method(typeof(WasmArray), nameof(WasmArray.Len)));
                Push(I32);
                break;
            case Opcode.ArrayFill:
                EmitNarrowBelowTop(ArrayElement(type));
                EmitArrayCall(type, "Fill", pops: 4, pushTypeRef: false, null);
                break;
            case Opcode.ArrayCopy:
                EmitArrayCall(type, "Copy", pops: 5, pushTypeRef: false, null);
                break;
            case Opcode.ArrayInitData:
                EmitSegmentCall(type, (int)r.Index2, nameof(GcSegments.InitData), creates: false);
                break;
            case Opcode.ArrayInitElem:
                EmitSegmentCall(type, (int)r.Index2, nameof(GcSegments.InitElem), creates: false);
                break;
            case Opcode.RefTest or Opcode.RefTestNull:
                Pop();
                EmitTest(r.Heap, op == Opcode.RefTestNull);
                Push(I32);
                break;
            case Opcode.RefCast or Opcode.RefCastNull:
                Pop();
                EmitTypeCheck(r.Heap, op == Opcode.RefCastNull, nameof(GcOps.Cast), nameof(GcOps.CastExact));
                Push(ValType.Ref(r.Heap, op == Opcode.RefCastNull));
                break;
            case Opcode.BrOnCast or Opcode.BrOnCastFail:
                EmitBrOnCast(ref r, fail: op == Opcode.BrOnCastFail);
                break;
            case Opcode.AnyConvertExtern:
                EmitRefConversion(new HeapType(HeapKind.Any));
                break;
            case Opcode.ExternConvertAny:
                EmitRefConversion(HeapType.Extern);
                break;
            case Opcode.RefI31:
                Pop();
                _il.Emit(OpCodes.Call, Method(typeof(GcOps), nameof(GcOps.RefI31)));
                Push(ValType.Ref(new HeapType(HeapKind.I31), false));
                break;
            case Opcode.I31GetS or Opcode.I31GetU:
                Pop();
                _il.Emit(OpCodes.Call, Method(typeof(GcOps), op == Opcode.I31GetS ? nameof(GcOps.I31GetS) : nameof(GcOps.I31GetU)));
                Push(I32);
                break;
            default:
                return false;
        }

        return true;
    }

    private StructType StructTypeAt(int type) => (StructType)_m.Types[type].Composite;

    private ValType ArrayElement(int type) => ((ArrayType)_m.Types[type].Composite).Element.Type;

    /// <summary>The CLR type an array stores a Wasm storage type as (see <see cref="WasmArray{T}"/>).</summary>
    private static Type StorageType(ValType t) => t.Kind switch
    {
        ValTypeKind.I8 => typeof(byte),
        ValTypeKind.I16 => typeof(ushort),
        _ => ClrTypes.Of(t),
    };

    private static ValType Unpacked(ValType t) => t.IsPacked ? ValType.I32 : t;

    /// <summary>Narrows an i32 on the stack to a packed array element; other values are stored as they are.</summary>
    private void EmitToStorage(ValType element)
    {
        if (element.Kind == ValTypeKind.I8)
        {
            _il.Emit(OpCodes.Conv_U1);
        }
        else if (element.Kind == ValTypeKind.I16)
        {
            _il.Emit(OpCodes.Conv_U2);
        }
    }

    /// <summary>Widens a packed array element to i32, sign- or zero-extending.</summary>
    private void EmitFromStorage(ValType element, bool signed)
    {
        switch (element.Kind)
        {
            case ValTypeKind.I8:
                _il.Emit(signed ? OpCodes.Conv_I1 : OpCodes.Conv_U1);
                break;
            case ValTypeKind.I16:
                _il.Emit(signed ? OpCodes.Conv_I2 : OpCodes.Conv_U2);
                break;
        }
    }

    /// <summary>Calls the static helper <paramref name="name"/> of <c>WasmArray&lt;T&gt;</c> for the element type of <paramref name="type"/>.</summary>
    private void EmitArrayCall(int type, string name, int pops, bool pushTypeRef, Action? extraArgs)
    {
        var element = ArrayElement(type);
        var helper = typeof(WasmArray<>).MakeGenericType(StorageType(element)).GetMethod(name)!;
        Pop(pops);
        extraArgs?.Invoke();
        _il.Emit(OpCodes.Call, helper);
        if (pushTypeRef)
        {
            Push(ValType.Ref(HeapType.OfIndex(type), false));
        }
        else if (helper.ReturnType != typeof(void))
        {
            Push(Unpacked(element));
        }
    }

    /// <summary>Narrows the packed array element just below the i32 on top of the stack (array.new's value, array.fill's).</summary>
    private void EmitNarrowBelowTop(ValType element)
    {
        if (!element.IsPacked)
        {
            return;
        }

        var top = Spill(1)[0];
        EmitToStorage(element);
        Reload(top, false);
        Push(I32);
    }

    /// <summary>
    /// Calls the <see cref="GcSegments"/> helper <paramref name="name"/> (generic over the element storage type for data
    /// segments) with the operands, the instance, the segment and, when it <paramref name="creates"/> an array, the type id.
    /// </summary>
    private void EmitSegmentCall(int type, int segment, string name, bool creates)
    {
        var helper = Method(typeof(GcSegments), name);
        if (helper.IsGenericMethodDefinition)
        {
            helper = helper.MakeGenericMethod(StorageType(ArrayElement(type)));
        }

        Pop(creates ? 2 : 4);
        _il.Emit(OpCodes.Ldarg, CtxArg);
        _il.Emit(OpCodes.Ldc_I4, segment);
        if (creates)
        {
            _il.Emit(OpCodes.Ldc_I4, _cm.TypeIds[type]);
        }

        _il.Emit(OpCodes.Call, helper);
        if (creates)
        {
            Push(ValType.Ref(HeapType.OfIndex(type), false));
        }
    }

    private void EmitArrayNewFixed(int type, int count)
    {
        var element = ArrayElement(type);
        var storage = StorageType(element);
        var arrayType = typeof(WasmArray<>).MakeGenericType(storage);
        var values = Spill(count);
        _il.Emit(OpCodes.Ldc_I4, count);
        _il.Emit(OpCodes.Ldc_I4, _cm.TypeIds[type]);
        _il.Emit(OpCodes.Call, arrayType.GetMethod("NewDefault")!);
        if (count > 0)
        {
            var items = Temp(storage.MakeArrayType());
            _il.Emit(OpCodes.Dup);
            _il.Emit(OpCodes.Ldfld, arrayType.GetField("Items")!);
            _il.Emit(OpCodes.Stloc, items);
            for (int i = 0; i < count; i++)
            {
                _il.Emit(OpCodes.Ldloc, items);
                _il.Emit(OpCodes.Ldc_I4, i);
                Reload(values[i], false);
                EmitToStorage(element);
                _il.Emit(OpCodes.Stelem, storage);
            }

            Release(items);
        }

        Push(ValType.Ref(HeapType.OfIndex(type), false));
    }

    private void EmitStructNew(int type, bool withValues)
    {
        var st = StructTypeAt(type);
        var layout = StructLayout.Of(st);
        var values = withValues ? Spill(st.Fields.Length) : [];
        _il.Emit(OpCodes.Ldc_I4, _cm.TypeIds[type]);
        _il.Emit(OpCodes.Ldc_I4, layout.BitSlots);
        _il.Emit(OpCodes.Ldc_I4, layout.RefSlots);
        _il.Emit(OpCodes.Call, Method(typeof(WasmStruct), nameof(WasmStruct.New)));
        for (int i = 0; i < values.Length; i++)
        {
            _il.Emit(OpCodes.Dup);
            EmitFieldStore(st.Fields[i].Type, layout.Slots[i], values[i]);
        }

        Push(ValType.Ref(HeapType.OfIndex(type), false));
    }

    private void EmitStructGet(int type, int field, bool signed)
    {
        var st = StructTypeAt(type);
        var t = st.Fields[field].Type;
        int slot = StructLayout.Of(st).Slots[field];
        Pop();
        _il.Emit(OpCodes.Call, Method(typeof(GcOps), nameof(GcOps.NonNullStruct)));
        if (t.IsRef)
        {
            _il.Emit(OpCodes.Ldfld, StructRefsField);
            _il.Emit(OpCodes.Ldc_I4, slot);
            _il.Emit(OpCodes.Ldelem_Ref);
        }
        else if (t.Kind == ValTypeKind.V128)
        {
            _il.Emit(OpCodes.Ldfld, StructBitsField);
            _il.Emit(OpCodes.Ldc_I4, slot);
            _il.Emit(OpCodes.Call, Method(typeof(WasmStruct), nameof(WasmStruct.GetV128)));
        }
        else
        {
            _il.Emit(OpCodes.Ldfld, StructBitsField);
            _il.Emit(OpCodes.Ldc_I4, slot);
            _il.Emit(OpCodes.Ldelem_I8);
            switch (t.Kind)
            {
                case ValTypeKind.I32:
                    _il.Emit(OpCodes.Conv_I4);
                    break;
                case ValTypeKind.I8:
                    _il.Emit(signed ? OpCodes.Conv_I1 : OpCodes.Conv_U1);
                    break;
                case ValTypeKind.I16:
                    _il.Emit(signed ? OpCodes.Conv_I2 : OpCodes.Conv_U2);
                    break;
                case ValTypeKind.F32:
                    _il.Emit(OpCodes.Conv_U4);
                    _il.Emit(OpCodes.Call, Method(typeof(BitConverter), nameof(BitConverter.UInt32BitsToSingle)));
                    break;
                case ValTypeKind.F64:
                    _il.Emit(OpCodes.Call, Method(typeof(BitConverter), nameof(BitConverter.UInt64BitsToDouble)));
                    break;
            }
        }

        Push(Unpacked(t));
    }

    private void EmitStructSet(int type, int field)
    {
        var st = StructTypeAt(type);
        var value = Spill(1)[0];
        Pop();
        _il.Emit(OpCodes.Call, Method(typeof(GcOps), nameof(GcOps.NonNullStruct)));
        EmitFieldStore(st.Fields[field].Type, StructLayout.Of(st).Slots[field], value);
    }

    /// <summary>With a <see cref="WasmStruct"/> on the stack, stores the value held in <paramref name="value"/> (then released) into a field.</summary>
    private void EmitFieldStore(ValType t, int slot, LocalBuilder value)
    {
        _il.Emit(OpCodes.Ldfld, t.IsRef ? StructRefsField : StructBitsField);
        _il.Emit(OpCodes.Ldc_I4, slot);
        Reload(value, false);
        switch (t.Kind)
        {
            case ValTypeKind.Ref:
                _il.Emit(OpCodes.Stelem_Ref);
                return;
            case ValTypeKind.V128:
                _il.Emit(OpCodes.Call, Method(typeof(WasmStruct), nameof(WasmStruct.SetV128)));
                return;
            case ValTypeKind.I32 or ValTypeKind.I8 or ValTypeKind.I16:
                _il.Emit(OpCodes.Conv_U8);
                break;
            case ValTypeKind.F32:
                _il.Emit(OpCodes.Call, Method(typeof(BitConverter), nameof(BitConverter.SingleToUInt32Bits)));
                _il.Emit(OpCodes.Conv_U8);
                break;
            case ValTypeKind.F64:
                _il.Emit(OpCodes.Call, Method(typeof(BitConverter), nameof(BitConverter.DoubleToUInt64Bits)));
                break;
        }

        _il.Emit(OpCodes.Stelem_I8);
    }

    /// <summary>With a reference on the stack, pushes 1 when it is in <paramref name="heap"/> (or null and <paramref name="nullable"/>), else 0.</summary>
    private void EmitTest(HeapType heap, bool nullable) => EmitTypeCheck(heap, nullable, nameof(GcOps.Test), nameof(GcOps.TestExact));

    /// <summary>Calls the test or cast helper for <paramref name="heap"/>: the exact-id one when the type is final (nothing extends it).</summary>
    private void EmitTypeCheck(HeapType heap, bool nullable, string helper, string exactHelper)
    {
        bool exact = heap.IsConcrete && _m.Types[heap.Index].Final;
        _il.Emit(OpCodes.Ldc_I4, GcOps.HeapCode(heap, _cm.TypeIds));
        _il.Emit(nullable ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Call, Method(typeof(GcOps), exact ? exactHelper : helper));
    }

    /// <summary>
    /// <c>br_on_cast</c> branches with the reference when it passes the test against the second heap type,
    /// <c>br_on_cast_fail</c> when it does not; either way the reference stays on the stack.
    /// </summary>
    private void EmitBrOnCast(ref InstructionReader r, bool fail)
    {
        bool sourceNullable = (r.CastFlags & 1) != 0;
        bool targetNullable = (r.CastFlags & 2) != 0;
        var castType = ValType.Ref(r.Heap2, targetNullable);
        var restType = ValType.Ref(r.Heap, sourceNullable && !targetNullable);
        Pop();
        Push(fail ? restType : castType);
        _il.Emit(OpCodes.Dup);
        EmitTest(r.Heap2, targetNullable);
        if (fail)
        {
            _il.Emit(OpCodes.Ldc_I4_0);
            _il.Emit(OpCodes.Ceq);
        }

        Push(I32);
        EmitBrIf((int)r.Index);
        Pop();
        Push(fail ? castType : restType);
    }

    /// <summary><c>any.convert_extern</c> and <c>extern.convert_any</c>: the object stays as it is (see <see cref="GcOps.IsExternType"/>); only its type changes.</summary>
    private void EmitRefConversion(HeapType result) => Push(ValType.Ref(result, Pop().Nullable));
}
