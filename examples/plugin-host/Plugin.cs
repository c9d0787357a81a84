namespace Kiln.Examples.PluginHost;

/// <summary>
/// A plugin file, loaded and linked once (<see cref="Prepared"/>), or the reason it could not be (<see cref="LoadError"/>).
/// Shared by every call and every thread: an <see cref="InstancePre"/> is thread-safe.
/// </summary>
public sealed class Plugin
{
    internal Plugin(string name, InstancePre? prepared, string? loadError)
    {
        Name = name;
        Prepared = prepared;
        LoadError = loadError;
    }

    /// <summary>The file name, e.g. <c>upper.wasm</c>.</summary>
    public string Name { get; }

    /// <summary>The linked module, ready to instantiate; null when it could not be loaded.</summary>
    public InstancePre? Prepared { get; }

    /// <summary>Why the plugin could not be loaded, or null.</summary>
    public string? LoadError { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
