namespace Kiln.Text;

/// <summary>What a result pattern of <c>assert_return</c> accepts.</summary>
internal enum WastResultKind : byte
{
    /// <summary>Exactly <see cref="WastResult.Value"/> (bit-for-bit for floats; for v128 see <see cref="WastResult.Lanes"/>).</summary>
    Exact,
    /// <summary><c>nan:canonical</c> of <see cref="WastResult.Type"/> (f32 or f64).</summary>
    NanCanonical,
    /// <summary><c>nan:arithmetic</c> of <see cref="WastResult.Type"/> (f32 or f64).</summary>
    NanArithmetic,
    /// <summary><c>(v128.const shape ...)</c> whose lanes may be NaN patterns: see <see cref="WastResult.Lanes"/>.</summary>
    V128Lanes,
    /// <summary><c>(ref.null)</c> or <c>(ref.null ht)</c>: any null reference.</summary>
    RefNull,
    /// <summary><c>(ref.func)</c>: any non-null function reference.</summary>
    RefFunc,
    /// <summary><c>(ref.extern)</c> any non-null external reference, or <c>(ref.extern N)</c> when <see cref="WastResult.Value"/> is set.</summary>
    RefExtern,
    /// <summary><c>(ref.host N)</c>.</summary>
    RefHost,
    RefStruct,
    RefArray,
    RefI31,
    RefEq,
    RefAny,
    /// <summary><c>(ref.exn)</c> or any exception reference.</summary>
    RefExn,
    /// <summary><c>(either r1 r2 ...)</c>: any of <see cref="WastResult.Alternatives"/>.</summary>
    Either,
}
