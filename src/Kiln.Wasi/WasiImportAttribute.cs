namespace Kiln.Wasi;

/// <summary>
/// Names the <c>wasi_snapshot_preview1</c> import a method implements. The binding to an engine reflects over these:
/// after the leading <see cref="GuestMemory"/>, an <c>int</c> parameter is a Wasm i32 and a <c>long</c> an i64;
/// an <see cref="Errno"/> result is an i32.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class WasiImportAttribute(string name) : Attribute
{
    /// <summary>The import's field name in module <c>wasi_snapshot_preview1</c>.</summary>
    public string Name { get; } = name;
}
