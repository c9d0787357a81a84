namespace Kiln.Sqlite;

/// <summary>The SQL type of a Wasm function's parameter or result, which fixes how it crosses into the guest (docs/sqlite.md).</summary>
public enum SqlValueType
{
    /// <summary>A 64-bit integer: Wasm <c>i64</c>, or <c>i32</c> when the export declares it (values must fit).</summary>
    Integer,

    /// <summary>A double: Wasm <c>f64</c>, or <c>f32</c> when the export declares it.</summary>
    Real,

    /// <summary>UTF-8 text: a pointer and a length into guest memory.</summary>
    Text,

    /// <summary>Bytes: a pointer and a length into guest memory.</summary>
    Blob,
}
