namespace Kiln.Examples.PluginHost;

/// <summary>How a plugin call ended.</summary>
public enum PluginOutcome
{
    /// <summary>It returned a string.</summary>
    Ok,

    /// <summary>It trapped (e.g. an out-of-bounds access after its memory reached the limit).</summary>
    Trapped,

    /// <summary>The host stopped it: out of fuel, or past its timeout.</summary>
    Stopped,

    /// <summary>It does not follow the plugin ABI (missing export, wrong signature, result out of bounds).</summary>
    Broken,

    /// <summary>It could not be loaded: not a valid module, or it imports something the host does not offer.</summary>
    Rejected,
}
