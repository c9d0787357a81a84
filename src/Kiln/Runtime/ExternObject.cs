namespace Kiln.Runtime;

/// <summary>A host-made external reference, such as the spec scripts' <c>(ref.extern N)</c>; equal when the numbers are.</summary>
internal sealed record ExternObject(ulong Id);
