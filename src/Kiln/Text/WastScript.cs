namespace Kiln.Text;

/// <summary>A parsed <c>.wast</c> script.</summary>
internal sealed record WastScript(IReadOnlyList<WastCommand> Commands);
