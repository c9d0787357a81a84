using System.Runtime.Intrinsics;
using Kiln.Binary;

namespace Kiln.Runtime;

/// <summary>
/// A global's storage cell. Generated code reads and writes the field of the global's type directly
/// (<see cref="I32"/>, <see cref="I64"/>, <see cref="F32"/>, <see cref="F64"/>, <see cref="V128"/> or <see cref="Ref"/>).
/// </summary>
internal sealed class GlobalInstance(GlobalType type, int[] typeIds)
{
    public int I32;
    public long I64;
    public float F32;
    public double F64;
    public Vector128<byte> V128;
    public object? Ref;

    public GlobalType Type { get; } = type;

    /// <summary>Canonical ids of the defining module's types, to compare reference types across modules.</summary>
    public int[] TypeIds { get; } = typeIds;

    public Value Value
    {
        get => Type.Type.Kind switch
        {
            ValTypeKind.I32 => Value.I32(I32),
            ValTypeKind.I64 => Value.I64(I64),
            ValTypeKind.F32 => Value.F32(F32),
            ValTypeKind.F64 => Value.F64(F64),
            ValTypeKind.V128 => Value.V128(V128),
            _ => Value.FromRef(Type.Type, Ref),
        };
        set
        {
            switch (Type.Type.Kind)
            {
                case ValTypeKind.I32: I32 = value.AsI32; break;
                case ValTypeKind.I64: I64 = value.AsI64; break;
                case ValTypeKind.F32: F32 = value.AsF32; break;
                case ValTypeKind.F64: F64 = value.AsF64; break;
                case ValTypeKind.V128: V128 = value.AsV128; break;
                default: Ref = value.Ref; break;
            }
        }
    }
}
