namespace Kiln.Binary;

/// <summary>The body of a type definition: <see cref="FuncType"/>, <see cref="StructType"/> or <see cref="ArrayType"/>.</summary>
/// <remarks>Equality is by reference; structural comparison (and canonicalisation) is the validator's job.</remarks>
internal abstract class CompositeType;
