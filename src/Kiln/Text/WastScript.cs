namespace Kiln.Text;

/// <summary>A parsed <c>.wast</c> script; <see cref="FileName"/> is where it came from, if known.</summary>
internal sealed record WastScript(IReadOnlyList<WastCommand> Commands)
{
    public string? FileName { get; init; }
}
