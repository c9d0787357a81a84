namespace Kiln.Wast;

/// <summary>Thrown by an <see cref="IWastExecutor"/> when Wasm code traps; <see cref="Exception.Message"/> is the spec's trap message.</summary>
internal sealed class WastTrapException(string message) : Exception(message);
