using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Kiln.Binary;

namespace Kiln.Runtime.Gc;

/// <summary>
/// GC helpers called from generated code and constant expressions: null checks, i31, and the type tests behind <c>ref.test</c>, <c>ref.cast</c> and <c>br_on_cast</c>.
/// A heap type reaches the tests as one int (see <see cref="HeapCode"/>): a canonical type id, or minus an abstract kind.
/// </summary>
internal static class GcOps
{
    /// <summary>Largest GC array, in bytes of elements: bigger requests trap instead of exhausting the host.</summary>
    public const long MaxArrayBytes = 1L << 30;

    /// <summary>The int a test receives for <paramref name="heap"/>, whose type indices are resolved through <paramref name="typeIds"/>.</summary>
    public static int HeapCode(HeapType heap, int[] typeIds) => heap.IsConcrete ? typeIds[heap.Index] : -(int)heap.Kind;

    /// <summary>
    /// True for <c>externref</c> types. <c>extern.convert_any</c> and <c>any.convert_extern</c> leave the object as it
    /// is, so only the static type says whether a struct is seen as an external reference or a host object as internal.
    /// </summary>
    public static bool IsExternType(ValType type) => type.IsRef && type.Heap.Kind is HeapKind.Extern or HeapKind.NoExtern;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WasmStruct NonNullStruct(object? s)
    {
        if (s is null)
        {
            ThrowNull("null structure reference");
        }

        return (WasmStruct)s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WasmArray NonNullArray(object? a)
    {
        if (a is null)
        {
            ThrowNull("null array reference");
        }

        return (WasmArray)a;
    }

    /// <summary><c>ref.i31</c>: keeps the low 31 bits.</summary>
    public static object RefI31(int value) => new I31Ref(value & 0x7FFF_FFFF);

    public static int I31GetS(object? i31) => (NonNullI31(i31).Value << 1) >> 1;

    public static int I31GetU(object? i31) => NonNullI31(i31).Value;

    /// <summary><c>ref.test</c>: 1 when <paramref name="r"/> is in the heap type <paramref name="heap"/> (null only if <paramref name="nullable"/>).</summary>
    public static int Test(object? r, int heap, bool nullable)
    {
        if (r is null)
        {
            return nullable ? 1 : 0;
        }

        return IsInstance(r, heap) ? 1 : 0;
    }

    /// <summary><c>ref.cast</c>: <paramref name="r"/> itself, or the "cast failure" trap.</summary>
    public static object? Cast(object? r, int heap, bool nullable)
    {
        if (r is null ? !nullable : !IsInstance(r, heap))
        {
            ThrowCastFailure();
        }

        return r;
    }

    /// <summary>
    /// <c>ref.test</c> against a final concrete type, which no other type can extend: only its exact canonical id
    /// <paramref name="id"/> matches.
    /// </summary>
    public static int TestExact(object? r, int id, bool nullable)
    {
        if (r is null)
        {
            return nullable ? 1 : 0;
        }

        return TypeIdOf(r) == id ? 1 : 0;
    }

    /// <summary><c>ref.cast</c> against a final concrete type (see <see cref="TestExact"/>).</summary>
    public static object? CastExact(object? r, int id, bool nullable)
    {
        if (r is null ? !nullable : TypeIdOf(r) != id)
        {
            ThrowCastFailure();
        }

        return r;
    }

    /// <summary>Traps unless <paramref name="length"/> elements of <paramref name="elementSize"/> bytes fit the GC array limit.</summary>
    public static void CheckAllocation(uint length, int elementSize)
    {
        if ((long)length * elementSize > MaxArrayBytes)
        {
            throw new TrapException(TrapKind.HostError, "out of memory");
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ArrayOutOfBounds() => throw new TrapException(TrapKind.ArrayOutOfBounds);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowCastFailure() => throw new TrapException(TrapKind.CastFailure);

    private static bool IsInstance(object r, int heap)
    {
        if (heap >= 0)
        {
            int id = TypeIdOf(r);
            return id == heap || (id >= 0 && SubtypeDisplay.IsSubtype(id, heap));
        }

        return (HeapKind)(-heap) switch
        {
            HeapKind.Eq => r is WasmStruct or WasmArray or I31Ref,
            HeapKind.I31 => r is I31Ref,
            HeapKind.Struct => r is WasmStruct,
            HeapKind.Array => r is WasmArray,
            HeapKind.None or HeapKind.NoFunc or HeapKind.NoExtern or HeapKind.NoExn => false,

            // Validation keeps the operand inside the target's hierarchy, so any non-null value is in its top type.
            _ => true,
        };
    }

    /// <summary>The canonical type id of a struct, array or function; -1 for other objects (i31, host references).</summary>
    private static int TypeIdOf(object r) => r switch
    {
        WasmStruct s => s.TypeId,
        WasmArray a => a.TypeId,
        FunctionInstance f => f.TypeId,
        _ => -1,
    };

    private static I31Ref NonNullI31(object? r)
    {
        if (r is null)
        {
            ThrowNull("null i31 reference");
        }

        return (I31Ref)r;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNull(string message) => throw new TrapException(TrapKind.NullReference, message);
}
