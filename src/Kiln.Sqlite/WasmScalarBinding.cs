using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite;

/// <summary>A scalar Wasm SQL function: one export called once per row.</summary>
internal sealed class WasmScalarBinding : WasmFunctionBinding
{
    private GuestCallPlan? _plan;
    private long _planGeneration;
    private object?[] _wasmArgs = [];

    public WasmScalarBinding(WasmFunctionDefinition definition, GuestInstance guest)
        : base(definition, guest)
    {
    }

    /// <inheritdoc/>
    public override void Verify() => Plan();

    /// <inheritdoc/>
    public override void Register(SqliteConnection connection) =>
        connection.CreateFunction<object?>(Definition.Name, Invoke, Definition.IsDeterministic);

    /// <inheritdoc/>
    public override void Unregister(SqliteConnection connection) =>
        connection.CreateFunction(Definition.Name, (Func<object?[], object?>)null!, Definition.IsDeterministic);

    /// <summary>Runs the function for one row.</summary>
    internal object? Invoke(object?[] args)
    {
        CheckArity(args);
        if (!Definition.CalledOnNullInput && AnyNull(args))
        {
            return null;
        }

        var plan = Plan();
        Marshal(args, plan, _wasmArgs, 0);
        var result = Guest.Call(plan, _wasmArgs);
        return Unmarshal(result, plan);
    }

    /// <summary>The call plan for the live instance, made again when a trap replaced it.</summary>
    private GuestCallPlan Plan()
    {
        _ = Guest.Instance;
        if (_plan is null || _planGeneration != Guest.Generation)
        {
            _plan = GuestCallPlan.Create(Definition, GuestRole.Scalar, Guest, Definition.Export);
            if (UsesMemory)
            {
                Guest.RequireMemory(allocator: Definition.Parameters.Any(p => p is SqlValueType.Text or SqlValueType.Blob));
            }

            _wasmArgs = new object?[_plan.Parameters.Length];
            _planGeneration = Guest.Generation;
        }

        return _plan;
    }
}
