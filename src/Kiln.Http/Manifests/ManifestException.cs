namespace Kiln.Http.Manifests;

/// <summary>A manifest that cannot be served: <see cref="Exception.Message"/> reads <c>FILE:LINE: what is wrong</c>.</summary>
public sealed class ManifestException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/> at <paramref name="line"/> (1-based; 0 when unknown).</summary>
    public ManifestException(string file, int line, string reason, Exception? inner = null)
        : base(line > 0 ? $"{file}:{line}: {reason}" : $"{file}: {reason}", inner)
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ManifestException()
        : this("manifest", 0, "invalid manifest")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ManifestException(string message)
        : this("manifest", 0, message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ManifestException(string message, Exception innerException)
        : this("manifest", 0, message, innerException)
    {
    }

    /// <summary>The manifest file.</summary>
    public string File { get; }

    /// <summary>The 1-based line the problem is on, or 0 when it concerns the whole file.</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the file and line.</summary>
    public string Reason { get; }
}
