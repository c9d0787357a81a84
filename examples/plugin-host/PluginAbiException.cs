namespace Kiln.Examples.PluginHost;

/// <summary>A plugin does not follow the plugin ABI (see README.md): a missing export, a wrong signature, a result outside its memory.</summary>
public sealed class PluginAbiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PluginAbiException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
