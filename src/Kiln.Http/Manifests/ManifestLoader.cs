namespace Kiln.Http.Manifests;

/// <summary>Reads a manifest of any supported format, chosen by its name and content.</summary>
public static class ManifestLoader
{
    /// <summary>
    /// Reads <paramref name="path"/>: <c>*.yml</c>/<c>*.yaml</c> as <c>serverless.yml</c>; a TOML file with
    /// <c>spin_manifest_version</c> as <c>spin.toml</c>; any other TOML file as <c>kiln.toml</c>.
    /// <paramref name="defaults"/> fill in limits the manifest does not set.
    /// </summary>
    /// <exception cref="ManifestException">The manifest is malformed or names something that does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ServeManifest Load(string path, HandlerLimits? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        defaults ??= HandlerLimits.None;
        string text = File.ReadAllText(path);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is ".yml" or ".yaml")
        {
            return ServerlessYamlReader.Read(path, text, defaults);
        }

        if (ext != ".toml")
        {
            throw new ManifestException(path, 0, "unknown manifest format: expected kiln.toml, spin.toml or serverless.yml (or a .wasm/.wat handler)");
        }

        return IsSpin(text) ? SpinTomlReader.Read(path, text, defaults) : KilnTomlReader.Read(path, text, defaults);
    }

    // Only the key at the start of a line counts; a comment mentioning it does not.
    private static bool IsSpin(string text) =>
        text.Split('\n').Any(l => l.TrimStart().StartsWith("spin_manifest_version", StringComparison.Ordinal));
}
