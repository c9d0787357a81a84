using Kiln.Binary;
using Kiln.Text;
using Kiln.Validation;

namespace Kiln.Tests.Text;

/// <summary>
/// Every text module of the spec suite (outside proposals) goes WAT → model → bytes → model → bytes: the two byte
/// images must be identical and the decoded module must still validate, so the text parser, the writer and the
/// decoder agree on every construct the suite uses.
/// </summary>
public class WatRoundTripTests
{
    [Fact]
    public void Text_modules_round_trip_through_the_binary_format_when_written_and_decoded()
    {
        string root = WatLexerTests.SuiteRoot();
        int modules = 0;
        var failures = new List<string>();
        foreach (string path in Directory.EnumerateFiles(root, "*.wast", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string rel = Path.GetRelativePath(root, path);
            if (rel.StartsWith("proposals", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var command in WastParser.Parse(File.ReadAllBytes(path), rel).Commands)
            {
                if (command is not WastModuleCommand { Module: { Kind: WastModuleKind.Text, Parsed: { } parsed } })
                {
                    continue;
                }

                modules++;
                byte[] first = ModuleWriter.Write(parsed);
                var decoded = ModuleReader.Decode(first);
                ModuleValidator.Validate(decoded);
                if (!first.AsSpan().SequenceEqual(ModuleWriter.Write(decoded)))
                {
                    failures.Add($"{rel}:{command.Line}");
                }
            }
        }

        Assert.True(modules > 2000, $"only {modules} text modules found under {root}");
        Assert.Empty(failures);
    }
}
