namespace Kiln.Wasi;

/// <summary>One import of <c>wasi_snapshot_preview1</c> as the engine sees it.</summary>
/// <param name="Name">The import's field name.</param>
/// <param name="Parameters">One letter per parameter: 'i' for i32, 'I' for i64.</param>
/// <param name="HasResult">True when the function returns an errno (an i32); only <c>proc_exit</c> returns nothing.</param>
public sealed record WasiFunction(string Name, string Parameters, bool HasResult);
