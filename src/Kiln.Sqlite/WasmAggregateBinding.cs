using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite;

/// <summary>
/// A Wasm aggregate: <c>EXPORT_step(i32 state, args...) -> i32 state</c> per row, then
/// <c>EXPORT_final(i32 state) -> result</c>. The state starts at 0 for each group; the guest allocates what it
/// needs on the first step, returns a handle to it, and frees it in final.
/// </summary>
internal sealed class WasmAggregateBinding : WasmFunctionBinding
{
    private GuestCallPlan? _step;
    private GuestCallPlan? _final;
    private long _planGeneration;
    private object?[] _wasmArgs = [];

    public WasmAggregateBinding(WasmFunctionDefinition definition, GuestInstance guest)
        : base(definition, guest)
    {
    }

    private string StepName => Definition.Export + "_step";

    private string FinalName => Definition.Export + "_final";

    /// <inheritdoc/>
    public override void Verify() => Plans();

    /// <inheritdoc/>
    public override void Register(SqliteConnection connection) =>
        connection.CreateAggregate<AggregateState, object?>(Definition.Name, default, Step, Final, Definition.IsDeterministic);

    /// <inheritdoc/>
    public override void Unregister(SqliteConnection connection) =>
        connection.CreateAggregate(Definition.Name, default(AggregateState), (Func<AggregateState, object?[], AggregateState>)null!, (Func<AggregateState, object?>)null!, Definition.IsDeterministic);

    /// <summary>Adds one row to the running aggregate.</summary>
    internal AggregateState Step(AggregateState state, object?[] args)
    {
        CheckArity(args);
        if (!Definition.CalledOnNullInput && AnyNull(args))
        {
            return state;
        }

        var (step, _) = Plans();
        int handle = Live(state);
        _wasmArgs[0] = handle;
        Marshal(args, step, _wasmArgs, 1);
        int next = (int)Guest.Call(step, _wasmArgs)!;
        return new AggregateState(Guest.Generation, next);
    }

    /// <summary>Gives the aggregate's result.</summary>
    internal object? Final(AggregateState state)
    {
        var (_, final) = Plans();
        int handle = Live(state);
        return Unmarshal(Guest.Call(final, [handle]), final);
    }

    /// <summary>The guest handle of <paramref name="state"/>, checked to belong to the live instance.</summary>
    private int Live(AggregateState state)
    {
        if (state.Generation != 0 && state.Generation != Guest.Generation)
        {
            throw Guest.Error("the aggregate's state was lost: its instance was discarded after a trap");
        }

        return state.Handle;
    }

    private (GuestCallPlan Step, GuestCallPlan Final) Plans()
    {
        _ = Guest.Instance;
        if (_step is null || _final is null || _planGeneration != Guest.Generation)
        {
            _step = GuestCallPlan.Create(Definition, GuestRole.Step, Guest, StepName);
            _final = GuestCallPlan.Create(Definition, GuestRole.Final, Guest, FinalName);
            if (UsesMemory)
            {
                Guest.RequireMemory(allocator: Definition.Parameters.Any(p => p is SqlValueType.Text or SqlValueType.Blob));
            }

            _wasmArgs = new object?[_step.Parameters.Length];
            _planGeneration = Guest.Generation;
        }

        return (_step, _final);
    }
}
