namespace Kiln.Text;

/// <summary>A v128 lane interpretation, as written after <c>v128.const</c>.</summary>
internal enum WastLaneShape : byte
{
    I8x16,
    I16x8,
    I32x4,
    I64x2,
    F32x4,
    F64x2,
}
