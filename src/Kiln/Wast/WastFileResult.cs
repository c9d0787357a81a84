namespace Kiln.Wast;

/// <summary>
/// The outcome of running one <c>.wast</c> script. <see cref="Passed"/> and <see cref="Failed"/> count
/// assertions (<c>assert_*</c> commands) only; <see cref="Failures"/> lists the failed assertions and also the
/// other commands that failed (a module that did not load, an <c>invoke</c> that trapped), in script order.
/// </summary>
/// <param name="File">The script's name as the caller gave it.</param>
/// <param name="Passed">Assertions that passed.</param>
/// <param name="Failed">Assertions that failed.</param>
/// <param name="Failures">Every failed command, assertion or not.</param>
public sealed record WastFileResult(string File, int Passed, int Failed, IReadOnlyList<WastFailure> Failures)
{
    /// <summary>True when no command failed.</summary>
    public bool Succeeded => Failures.Count == 0;
}
