using System.Text;
using Kiln.Text;

namespace Kiln.Wast;

/// <summary>
/// Runs WebAssembly spec test scripts (<c>.wast</c>): parses a script, then runs its commands in order, counting each
/// <c>assert_*</c> command as one check. It never throws for a bad script or module: every problem becomes a
/// <see cref="WastFailure"/>. A script that cannot be parsed counts all its assertions as failed.
/// </summary>
/// <remarks>Instances are safe to use from several threads at once; each script runs in its own store.</remarks>
public sealed class WastRunner
{
    // Deeply nested modules recurse deeply in the parsers; a large stack keeps that from killing the process.
    private const int StackSize = 64 * 1024 * 1024;

    private readonly Func<IWastExecutor> _createExecutor;

    /// <summary>Creates a runner that uses Kiln's engine to execute modules.</summary>
    public WastRunner()
        : this(static () => new Runtime.KilnWastExecutor())
    {
    }

    /// <summary>Creates a runner whose scripts each get a fresh executor from <paramref name="createExecutor"/>.</summary>
    internal WastRunner(Func<IWastExecutor> createExecutor)
    {
        _createExecutor = createExecutor;
    }

    /// <summary>Runs the script at <paramref name="path"/>, naming it <paramref name="name"/> (default: the path) in the result.</summary>
    public WastFileResult RunFile(string path, string? name = null)
    {
        name ??= path;
        byte[] source;
        try
        {
            source = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new WastFileResult(name, 0, 0, [new WastFailure(0, "script", $"cannot read: {ex.Message}")]);
        }

        return Run(source, name);
    }

    /// <summary>Runs a script given as text, naming it <paramref name="name"/> in the result.</summary>
    public WastFileResult Run(string text, string name) => Run(Encoding.UTF8.GetBytes(text), name);

    /// <summary>
    /// How long one script may run. A script still running then is reported with all its assertions failed, and
    /// left behind on a background thread (Wasm code that loops forever cannot be stopped from outside).
    /// </summary>
    public TimeSpan FileTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Runs a script given as UTF-8 bytes.</summary>
    internal WastFileResult Run(byte[] source, string name)
    {
        WastFileResult? result = null;
        var thread = new Thread(() => result = RunHere(source, name), StackSize) { IsBackground = true, Name = $"wast {name}" };
        thread.Start();
        if (!thread.Join(FileTimeout))
        {
            return new WastFileResult(name, 0, WastParser.CountAssertions(source), [new WastFailure(0, "script", $"timed out after {FileTimeout.TotalSeconds:0.###} s")]);
        }

        return result!;
    }

    private WastFileResult RunHere(byte[] source, string name)
    {
        WastScript script;
        try
        {
            script = WastParser.Parse(source, name);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            string why = ex is WatParseException parse
                ? $"cannot parse script: {parse.Message}"
                : $"cannot parse script: internal error: {ex.GetType().Name}: {ex.Message}";
            int line = ex is WatParseException p ? p.Line : 0;
            return new WastFileResult(name, 0, WastParser.CountAssertions(source), [new WastFailure(line, "script", why)]);
        }

        try
        {
            return new WastSession(_createExecutor()).Run(script, name);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            int count = script.Commands.Count(c => c.IsAssertion);
            return new WastFileResult(name, 0, count, [new WastFailure(0, "script", $"internal error: {ex.GetType().Name}: {ex.Message}")]);
        }
    }
}
