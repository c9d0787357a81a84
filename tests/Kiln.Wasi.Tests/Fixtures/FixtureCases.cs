namespace Kiln.Wasi.Tests.Fixtures;

/// <summary>The C fixtures and the trap cases of <c>traps.c</c>, shared by the Wasmtime-engine and Kiln-engine comparisons.</summary>
public static class FixtureCases
{
    public static TheoryData<string> Programs => ["basics", "files", "escape", "readonly", "edges", "libc"];

    public static TheoryData<string> TrapCases =>
    [
        "clockid", "whence", "advice", "signal", "oflags", "fdflags", "lookupflags", "rights", "fstflags",
        "oob-iovec", "misaligned", "oob-result", "exit-126", "exit-125",
    ];
}
