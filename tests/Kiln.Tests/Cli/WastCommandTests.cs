using System.Text.Json;
using Kiln.Cli;

namespace Kiln.Tests.Cli;

public sealed class WastCommandTests : IDisposable
{
    private const string Empty = "(module binary \"\\00asm\\01\\00\\00\\00\")";

    private readonly string _folder = Directory.CreateTempSubdirectory("kiln-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string relative, string text)
    {
        string path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Status, string[] Lines, string Error) Kiln(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int status = KilnCli.Run(args, output, error);
        return (status, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), error.ToString());
    }

    [Fact]
    public void Wast_prints_pass_lines_and_the_totals_last_and_exits_0()
    {
        Write("b.wast", $"{Empty}\n(assert_malformed (module binary \"\") \"unexpected end\")");
        var (status, lines, _) = Kiln("wast", _folder);
        Assert.Equal(["PASS b.wast (1)", "1 passed, 0 failed"], lines);
        Assert.Equal(0, status);
    }

    [Fact]
    public void Wast_lists_failures_under_a_failing_file_and_exits_1()
    {
        Write("sub/f.wast", $"(assert_malformed (module binary \"\\00asm\") \"unexpected end\")\n(assert_invalid {Empty} \"type mismatch\")");
        var (status, lines, _) = Kiln("wast", _folder);
        Assert.Equal(1, status);
        Assert.Equal("FAIL sub/f.wast (1/2)", lines[0]);
        Assert.Equal("  line 2: assert_invalid: expected invalid \"type mismatch\", got a valid module", lines[1]);
        Assert.Equal("1 passed, 1 failed", lines[^1]);
    }

    [Fact]
    public void Wast_shows_only_the_first_failures_of_a_file()
    {
        Write("many.wast", string.Concat(Enumerable.Repeat($"(assert_invalid {Empty} \"x\")\n", 8)));
        var (_, lines, _) = Kiln("wast", Path.Combine(_folder, "many.wast"));
        Assert.Equal("FAIL many.wast (0/8)", lines[0]);
        Assert.Equal(5, lines.Count(l => l.StartsWith("  line ", StringComparison.Ordinal)));
        Assert.Equal("  ... and 3 more", lines[6]);
        Assert.Equal("0 passed, 8 failed", lines[^1]);
    }

    [Fact]
    public void Wast_prints_files_sorted_by_path()
    {
        foreach (string name in new[] { "z.wast", "a/b.wast", "m.wast", "a.wast" })
        {
            Write(name, "");
        }

        var (_, lines, _) = Kiln("wast", _folder);
        Assert.Equal(["PASS a.wast (0)", "PASS a/b.wast (0)", "PASS m.wast (0)", "PASS z.wast (0)", "0 passed, 0 failed"], lines);
    }

    [Fact]
    public void Wast_counts_every_assertion_of_a_script_that_does_not_parse()
    {
        Write("broken.wast", $"(assert_invalid {Empty} \"x\")\n(assert_trap (invoke \"f\") \"y\")\n(module");
        var (status, lines, _) = Kiln("wast", _folder);
        Assert.Equal(1, status);
        Assert.Equal("FAIL broken.wast (0/2)", lines[0]);
        Assert.StartsWith("  line 3: script: cannot parse script: ", lines[1]);
        Assert.Equal("0 passed, 2 failed", lines[^1]);
    }

    [Fact]
    public void Wast_json_reports_every_file_with_relative_names()
    {
        Write("x/ok.wast", $"(assert_malformed (module binary \"\") \"unexpected end\")");
        Write("bad.wast", $"(assert_invalid {Empty} \"x\")");
        string json = Path.Combine(_folder, "out.json");
        Kiln("wast", _folder, "--json", json);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var files = doc.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["bad.wast", "x/ok.wast"], files.Select(f => f.GetProperty("file").GetString()));
        var bad = files[0];
        Assert.Equal(0, bad.GetProperty("passed").GetInt32());
        Assert.Equal(1, bad.GetProperty("failed").GetInt32());
        var failure = Assert.Single(bad.GetProperty("failures").EnumerateArray());
        Assert.Equal(1, failure.GetProperty("line").GetInt32());
        Assert.Equal("assert_invalid", failure.GetProperty("command").GetString());
        Assert.Equal("expected invalid \"x\", got a valid module", failure.GetProperty("message").GetString());
        Assert.Equal(1, files[1].GetProperty("passed").GetInt32());
        Assert.Empty(files[1].GetProperty("failures").EnumerateArray());
    }

    [Fact]
    public void Wast_fails_on_a_missing_path()
    {
        var (status, _, error) = Kiln("wast", Path.Combine(_folder, "nope"));
        Assert.Equal(1, status);
        Assert.Contains("no such file or folder", error);
    }

    [Fact]
    public void Help_describes_the_wast_command()
    {
        var (status, lines, _) = Kiln("--help");
        Assert.Equal(0, status);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("wast", StringComparison.Ordinal));
        var (wastStatus, wastLines, _) = Kiln("wast", "--help");
        Assert.Equal(0, wastStatus);
        Assert.Contains(wastLines, l => l.Contains("--json <FILE>", StringComparison.Ordinal));
        Assert.Contains(wastLines, l => l.Contains("<PATH>", StringComparison.Ordinal));
    }

    [Fact]
    public void Wast_without_a_path_is_an_error()
    {
        var (status, _, error) = Kiln("wast");
        Assert.NotEqual(0, status);
        Assert.NotEmpty(error);
    }
}
