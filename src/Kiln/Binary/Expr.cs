namespace Kiln.Binary;

/// <summary>
/// Encoded instructions, kept as bytes (binary format, including the final <c>end</c>) and decoded on demand
/// with <see cref="InstructionReader"/>. <see cref="Offset"/> is where they start in the module's bytes (0 for text modules).
/// </summary>
internal readonly record struct Expr(ReadOnlyMemory<byte> Code, int Offset);
