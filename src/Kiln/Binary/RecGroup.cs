namespace Kiln.Binary;

/// <summary>A recursion group: <paramref name="Count"/> consecutive entries of <see cref="WasmModule.Types"/> from <paramref name="Start"/>.</summary>
internal readonly record struct RecGroup(int Start, int Count);
