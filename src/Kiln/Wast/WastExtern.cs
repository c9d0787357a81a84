namespace Kiln.Wast;

/// <summary>An import's resolution: the export <paramref name="Name"/> of <paramref name="Instance"/> (a handle from <see cref="IWastExecutor.Instantiate"/>).</summary>
internal readonly record struct WastExtern(object Instance, string Name);
