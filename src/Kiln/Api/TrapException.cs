using System.Diagnostics;

namespace Kiln;

/// <summary>
/// A WebAssembly trap: execution stopped with <see cref="Kind"/>; <see cref="WasmException.Reason"/> is the spec's
/// message (e.g. <c>"integer divide by zero"</c>) and <see cref="WasmBacktrace"/> the guest functions that were running.
/// The store stays usable after a trap.
/// </summary>
public sealed class TrapException : WasmException
{
    /// <summary>Marks the generated methods of guest functions; the rest of the name is the function's display name.</summary>
    internal const string FramePrefix = "wasm:";

    private IReadOnlyList<string>? _backtrace;

    /// <summary>Creates a trap of <paramref name="kind"/> with its spec message.</summary>
    public TrapException(TrapKind kind)
        : this(kind, MessageOf(kind))
    {
    }

    /// <summary>Creates a trap with an explicit message (host errors).</summary>
    public TrapException(TrapKind kind, string reason, Exception? inner = null)
        : base(reason, reason, inner)
    {
        Kind = kind;
    }

    /// <summary>What went wrong.</summary>
    public TrapKind Kind { get; }

    /// <summary>Guest functions on the stack when the trap happened, innermost first, named from the name section when it has them.</summary>
    public IReadOnlyList<string> WasmBacktrace => _backtrace ??= CollectBacktrace();

    /// <summary>The spec's message for <paramref name="kind"/>.</summary>
    public static string MessageOf(TrapKind kind) => kind switch
    {
        TrapKind.Unreachable => "unreachable",
        TrapKind.IntegerDivideByZero => "integer divide by zero",
        TrapKind.IntegerOverflow => "integer overflow",
        TrapKind.InvalidConversionToInteger => "invalid conversion to integer",
        TrapKind.MemoryOutOfBounds => "out of bounds memory access",
        TrapKind.TableOutOfBounds => "out of bounds table access",
        TrapKind.UndefinedElement => "undefined element",
        TrapKind.UninitializedElement => "uninitialized element",
        TrapKind.IndirectCallTypeMismatch => "indirect call type mismatch",
        TrapKind.NullFunctionReference => "null function reference",
        TrapKind.NullReference => "null reference",
        TrapKind.CallStackExhausted => "call stack exhausted",
        TrapKind.UnalignedAtomic => "unaligned atomic",
        TrapKind.ArrayOutOfBounds => "out of bounds array access",
        TrapKind.CastFailure => "cast failure",
        TrapKind.OutOfFuel => "all fuel consumed by WebAssembly",
        TrapKind.Interrupted => "interrupt",
        _ => "host error",
    };

    private List<string> CollectBacktrace()
    {
        var frames = new List<string>();
        foreach (var frame in new StackTrace(this, false).GetFrames())
        {
            string? name = frame.GetMethod()?.Name;
            if (name is not null && name.StartsWith(FramePrefix, StringComparison.Ordinal))
            {
                frames.Add(name[FramePrefix.Length..]);
            }
        }

        return frames;
    }
}
