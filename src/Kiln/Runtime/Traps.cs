using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Kiln.Runtime;

/// <summary>
/// Throw helpers for generated code. They must not be marked <c>NoInlining</c>: the JIT's inliner then sees that they
/// never return and makes each call a cold throw block, so nothing is live across the trap path. Marked
/// <c>NoInlining</c>, every bounds check looked like a call that returns, and the register allocator spilled the loop's
/// values around it (matmul ran three times slower).
/// </summary>
internal static class Traps
{
    [DoesNotReturn]
    public static void Throw(TrapKind kind) => throw new TrapException(kind);

    /// <summary>A trap about one table element; the message names it, as the reference interpreter's does.</summary>
    [DoesNotReturn]
    public static void Throw(TrapKind kind, ulong index) =>
        throw new TrapException(kind, TrapException.MessageOf(kind) + " " + index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>For unconditional traps: generated code throws the result, which ends the IL block cleanly.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception Create(TrapKind kind) => new TrapException(kind);

    [DoesNotReturn]
    public static void MemoryOutOfBounds() => throw new TrapException(TrapKind.MemoryOutOfBounds);

    [DoesNotReturn]
    public static void StackExhausted() => throw new TrapException(TrapKind.CallStackExhausted);

    /// <summary>Wasmtime's wording; <see cref="TrapException.MessageOf"/> predates these kinds.</summary>
    public const string OutOfFuelMessage = "all fuel consumed by WebAssembly";

    public const string InterruptedMessage = "interrupt";

    /// <summary>The fuel check fired: leaves the store at zero fuel (not negative) so added fuel counts in full.</summary>
    [DoesNotReturn]
    public static void OutOfFuel(Store store)
    {
        store.Fuel = 0;
        throw new TrapException(TrapKind.OutOfFuel, OutOfFuelMessage);
    }

    /// <summary>The epoch check fired: the deadline passed or cancellation moved it to 0.</summary>
    [DoesNotReturn]
    public static void Interrupted() => throw new TrapException(TrapKind.Interrupted, InterruptedMessage);

    [DoesNotReturn]
    public static void NullReference() => throw new TrapException(TrapKind.NullReference);
}
