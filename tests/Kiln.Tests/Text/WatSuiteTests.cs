using System.Text;
using Kiln.Text;
using Xunit.Abstractions;

namespace Kiln.Tests.Text;

/// <summary>
/// Runs the text parser over every module of the spec suite: text modules must parse, and every
/// <c>assert_malformed (module quote ...)</c> must fail with the expected message (as a prefix).
/// </summary>
public class WatSuiteTests(ITestOutputHelper output)
{
    private sealed class Tally
    {
        public int Parsed;
        public int Malformed;
        public List<string> Failures { get; } = [];
    }

    [Fact]
    public void ParseModule_handles_every_module_of_the_suite()
    {
        string root = WatLexerTests.SuiteRoot();
        var core = new Tally();
        var proposals = new Tally();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (string path in Directory.EnumerateFiles(root, "*.wast", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string rel = Path.GetRelativePath(root, path);
            var tally = rel.StartsWith("proposals", StringComparison.Ordinal) ? proposals : core;
            var tokens = WatLexer.Tokenize(File.ReadAllBytes(path), 1, keepAnnotations: true);
            Walk(tokens, rel, tally);
        }

        output.WriteLine($"lexed and parsed the suite in {clock.ElapsedMilliseconds} ms");
        output.WriteLine($"core: {core.Parsed} text modules parsed, {core.Malformed} malformed quotes rejected, {core.Failures.Count} failures");
        output.WriteLine($"proposals: {proposals.Parsed} parsed, {proposals.Malformed} rejected, {proposals.Failures.Count} failures");
        foreach (string f in core.Failures.Concat(proposals.Failures).Take(200))
        {
            output.WriteLine(f);
        }

        Assert.Empty(core.Failures);
    }

    private static void Walk(List<WatToken> t, string file, Tally tally)
    {
        for (int i = 0; i < t.Count - 1; i++)
        {
            if (t[i].Kind != WatTokenKind.LParen || t[i + 1] is not { Kind: WatTokenKind.Keyword, Text: "module" })
            {
                continue;
            }

            string? parent = i >= 2 && t[i - 2].Kind == WatTokenKind.LParen && t[i - 1].Kind == WatTokenKind.Keyword ? t[i - 1].Text : null;
            int end = SkipForm(t, i);
            int p = i + 2;
            if (t[p] is { Kind: WatTokenKind.Keyword, Text: "definition" })
            {
                p++;
            }

            string? name = t[p].Kind == WatTokenKind.Id ? t[p++].Text : null;
            var head = t[p];
            if (head is { Kind: WatTokenKind.Keyword, Text: "binary" or "instance" })
            {
                i = end - 1;
                continue;
            }

            if (head is { Kind: WatTokenKind.Keyword, Text: "quote" })
            {
                var bytes = new List<byte>();
                for (int k = p + 1; t[k].Kind == WatTokenKind.String; k++)
                {
                    bytes.AddRange(t[k].Bytes);
                }

                string? expected = parent is "assert_malformed" && t[end].Kind == WatTokenKind.String ? Encoding.UTF8.GetString(t[end].Bytes) : null;
                try
                {
                    WatParser.ParseModule([.. bytes], t[i].Line);
                    if (expected is not null)
                    {
                        tally.Failures.Add($"{file}:{t[i].Line}: expected \"{expected}\", parsed fine");
                    }
                    else
                    {
                        tally.Parsed++;
                    }
                }
                catch (WatParseException e) when (expected is not null)
                {
                    if (e.Reason.StartsWith(expected, StringComparison.Ordinal))
                    {
                        tally.Malformed++;
                    }
                    else
                    {
                        tally.Failures.Add($"{file}:{t[i].Line}: expected \"{expected}\", got \"{e.Message}\"");
                    }
                }
                catch (Exception e) when (parent is not "assert_malformed_custom" and not "assert_malformed")
                {
                    tally.Failures.Add($"{file}:{t[i].Line}: quote module rejected: {e.Message}");
                }
                catch (Exception)
                {
                    // assert_malformed_custom and non-parse errors: not a text-format check.
                }

                i = end - 1;
                continue;
            }

            try
            {
                int pos = p;
                var module = WatParser.ParseModuleFields(t, ref pos, name);
                if (t[pos].Kind != WatTokenKind.RParen)
                {
                    throw new WatParseException("unexpected token", t[pos].Line, t[pos].Column);
                }

                tally.Parsed++;
                if (parent is null && Environment.GetEnvironmentVariable("KILN_WAT_VALIDATE") == "1")
                {
                    try
                    {
                        Kiln.Validation.ModuleValidator.Validate(module);
                    }
                    catch (Exception e)
                    {
                        tally.Failures.Add($"{file}:{t[i].Line}: VALIDATION {e.GetType().Name}: {e.Message}");
                    }
                }
            }
            catch (Exception e)
            {
                tally.Failures.Add($"{file}:{t[i].Line}: text module rejected: {e.GetType().Name}: {e.Message}");
            }

            i = end - 1;
        }
    }

    private static int SkipForm(List<WatToken> t, int start)
    {
        int depth = 0;
        for (int p = start; ; p++)
        {
            if (t[p].Kind is WatTokenKind.LParen or WatTokenKind.Annotation)
            {
                depth++;
            }
            else if (t[p].Kind == WatTokenKind.RParen && --depth == 0)
            {
                return p + 1;
            }
            else if (t[p].Kind == WatTokenKind.Eof)
            {
                return p;
            }
        }
    }
}
