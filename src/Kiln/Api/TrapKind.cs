namespace Kiln;

/// <summary>Why a WebAssembly computation trapped.</summary>
public enum TrapKind
{
    /// <summary>The <c>unreachable</c> instruction ran.</summary>
    Unreachable,

    /// <summary>Integer division or remainder by zero.</summary>
    IntegerDivideByZero,

    /// <summary>Signed division overflow, or a float-to-integer truncation out of range.</summary>
    IntegerOverflow,

    /// <summary>A float-to-integer truncation of NaN.</summary>
    InvalidConversionToInteger,

    /// <summary>A memory access or bulk memory operation outside the memory.</summary>
    MemoryOutOfBounds,

    /// <summary>A table access or bulk table operation outside the table.</summary>
    TableOutOfBounds,

    /// <summary><c>call_indirect</c> with an index outside the table.</summary>
    UndefinedElement,

    /// <summary><c>call_indirect</c> through a null table entry.</summary>
    UninitializedElement,

    /// <summary><c>call_indirect</c> whose callee has another signature.</summary>
    IndirectCallTypeMismatch,

    /// <summary><c>call_ref</c> or <c>return_call_ref</c> on a null reference.</summary>
    NullFunctionReference,

    /// <summary><c>ref.as_non_null</c> (or a GC access) on a null reference.</summary>
    NullReference,

    /// <summary>An atomic access at an address that is not a multiple of its size.</summary>
    UnalignedAtomic,

    /// <summary>The guest used more stack than allowed.</summary>
    CallStackExhausted,

    /// <summary>A GC array index or range was out of bounds.</summary>
    ArrayOutOfBounds,

    /// <summary><c>ref.cast</c> (or a typed conversion) found a value of another type.</summary>
    CastFailure,

    /// <summary>A host function failed.</summary>
    HostError,

    /// <summary>The store's fuel ran out (<see cref="Store{T}.Fuel"/>): "all fuel consumed by WebAssembly".</summary>
    OutOfFuel,

    /// <summary>The store's epoch deadline passed or its cancellation token was cancelled: "interrupt".</summary>
    Interrupted,
}
