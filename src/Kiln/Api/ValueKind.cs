namespace Kiln;

/// <summary>The type of a WebAssembly value, as the host sees it.</summary>
public enum ValueKind
{
    /// <summary><c>i32</c>, a .NET <see cref="int"/>.</summary>
    Int32,

    /// <summary><c>i64</c>, a .NET <see cref="long"/>.</summary>
    Int64,

    /// <summary><c>f32</c>, a .NET <see cref="float"/> (NaN payloads are kept).</summary>
    Float32,

    /// <summary><c>f64</c>, a .NET <see cref="double"/> (NaN payloads are kept).</summary>
    Float64,

    /// <summary><c>v128</c>, a .NET <see cref="System.Runtime.Intrinsics.Vector128{T}"/> of bytes.</summary>
    V128,

    /// <summary><c>funcref</c> (or another function reference type): a <see cref="Function"/> or null.</summary>
    FuncRef,

    /// <summary><c>externref</c>: any .NET object, or null.</summary>
    ExternRef,

    /// <summary>Any other reference type (GC, exceptions); passed through as an opaque object.</summary>
    AnyRef,
}
