namespace Kiln.Wasi;

/// <summary>The guest's standard input: a stream, never seekable.</summary>
internal sealed class StdinDescriptor(Stream stream, bool isTerminal) : Descriptor
{
    internal Stream Stream { get; } = stream;

    internal bool IsTerminal { get; } = isTerminal;
}
