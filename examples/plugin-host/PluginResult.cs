namespace Kiln.Examples.PluginHost;

/// <summary>What one plugin made of the input, or why it did not.</summary>
/// <param name="Plugin">The plugin's file name.</param>
/// <param name="Outcome">Whether it returned, misbehaved or could not be loaded.</param>
/// <param name="Output">Its output when <paramref name="Outcome"/> is <see cref="PluginOutcome.Ok"/>, otherwise the error.</param>
/// <param name="Log">What it logged, in order.</param>
/// <param name="FuelUsed">Fuel the call consumed (0 when metering is off).</param>
/// <param name="Elapsed">How long the call took, instantiation included.</param>
/// <param name="Backtrace">The WebAssembly functions that were running when it trapped, innermost first.</param>
public sealed record PluginResult(
    string Plugin,
    PluginOutcome Outcome,
    string Output,
    IReadOnlyList<string> Log,
    ulong FuelUsed,
    TimeSpan Elapsed,
    IReadOnlyList<string> Backtrace);
