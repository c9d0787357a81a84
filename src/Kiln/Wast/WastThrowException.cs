namespace Kiln.Wast;

/// <summary>Thrown by an <see cref="IWastExecutor"/> when a Wasm exception (<c>throw</c>) escapes the called function.</summary>
internal sealed class WastThrowException(string message) : Exception(message);
