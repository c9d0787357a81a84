namespace Kiln.Sqlite;

/// <summary>Which export of a Wasm SQL function a <see cref="GuestCallPlan"/> describes.</summary>
internal enum GuestRole
{
    /// <summary>A scalar function: <c>(args..., [null mask]) -> result</c>.</summary>
    Scalar,

    /// <summary>An aggregate's step: <c>(i32 state, args..., [null mask]) -> i32 state</c>.</summary>
    Step,

    /// <summary>An aggregate's final: <c>(i32 state) -> result</c>.</summary>
    Final,
}
