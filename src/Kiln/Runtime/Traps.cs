using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Kiln.Runtime;

/// <summary>Throw helpers for generated code: kept out of line so the hot path stays small.</summary>
internal static class Traps
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(TrapKind kind) => throw new TrapException(kind);

    /// <summary>A trap about one table element; the message names it, as the reference interpreter's does.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(TrapKind kind, ulong index) =>
        throw new TrapException(kind, TrapException.MessageOf(kind) + " " + index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>For unconditional traps: generated code throws the result, which ends the IL block cleanly.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception Create(TrapKind kind) => new TrapException(kind);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MemoryOutOfBounds() => throw new TrapException(TrapKind.MemoryOutOfBounds);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void StackExhausted() => throw new TrapException(TrapKind.CallStackExhausted);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void NullReference() => throw new TrapException(TrapKind.NullReference);
}
