namespace Kiln.Runtime;

/// <summary>A thrown Wasm exception as a value (what an <c>exnref</c> points to): its tag and payload.</summary>
internal sealed class ExceptionObject(TagInstance tag, Value[] payload)
{
    public TagInstance Tag { get; } = tag;
    public Value[] Payload { get; } = payload;
}
