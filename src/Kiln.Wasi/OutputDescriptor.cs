namespace Kiln.Wasi;

/// <summary>The guest's standard output or standard error: a write-only stream, never seekable.</summary>
internal sealed class OutputDescriptor(Stream stream, bool isTerminal, bool isStderr) : Descriptor
{
    internal Stream Stream { get; } = stream;

    internal bool IsTerminal { get; } = isTerminal;

    internal bool IsStderr { get; } = isStderr;
}
