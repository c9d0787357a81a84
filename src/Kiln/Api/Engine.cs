namespace Kiln;

/// <summary>
/// The compilation environment modules are loaded into: it holds the <see cref="EngineConfig"/> every module built
/// with it shares. Create one per application and share it; it is thread-safe and holds no native resources.
/// </summary>
public sealed class Engine
{
    /// <summary>Creates an engine with <paramref name="config"/>, or the defaults when null.</summary>
    public Engine(EngineConfig? config = null)
    {
        Config = config?.Clone() ?? new EngineConfig();
    }

    /// <summary>A copy of the settings the engine was created with; changing it afterwards has no effect.</summary>
    public EngineConfig Config { get; }
}
