namespace Kiln.Runtime;

/// <summary>A host function's body: reads <paramref name="args"/> (one per parameter) and fills <paramref name="results"/> (one per result).</summary>
internal delegate void HostCallback(Value[] args, Value[] results);
