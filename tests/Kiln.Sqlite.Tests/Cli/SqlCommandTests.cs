using Kiln.Cli;

namespace Kiln.Sqlite.Tests.Cli;

public sealed class SqlCommandTests
{
    private static (int Status, string Output, string Error) Kiln(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int status = KilnCli.Run(args, output, error);
        return (status, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Kiln_sql_runs_the_seed_statements_and_prints_a_table()
    {
        using var db = new TempDatabase();
        Directory.CreateDirectory(Path.Combine(db.Directory, "path/to"));
        File.Copy(Path.Combine(db.Directory, "semantic.wasm"), Path.Combine(db.Directory, "path/to/semantic.wasm"));

        var (status, output, error) = Kiln(
            "sql", db.Path, "--module-dir", db.Directory,
            "-e", File.ReadAllText(Path.Combine(db.Directory, "products.sql")),
            "-e", """
                CREATE FUNCTION similarity(text, text) RETURNS float
                AS 'path/to/semantic.wasm' LANGUAGE wasm;
                SELECT * FROM products WHERE similarity(description, 'wireless headphones') > 0.8;
                """);

        Assert.Equal("", error);
        Assert.Equal(0, status);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id | name          | description                                                  | price", lines[0]);
        Assert.StartsWith(" 1 | Aria Pro      | Wireless headphones with active noise", lines[2]);
        Assert.EndsWith("| 249.0", lines[2]);
        Assert.Contains("Aria Lite", lines[3]);
        Assert.Contains("Nomad Headset", lines[4]);
        Assert.Equal("(3 rows)", lines[5]);
    }

    [Fact]
    public void Kiln_sql_reopens_the_database_with_its_functions()
    {
        using var db = new TempDatabase();
        Assert.Equal(0, Kiln("sql", db.Path, "--module-dir", db.Directory, "-e", "CREATE FUNCTION slugify(text) RETURNS text AS 'slugify.wasm' LANGUAGE wasm").Status);

        var (status, output, _) = Kiln("sql", db.Path, "-e", "SELECT slugify('Kiln SQL') AS slug");

        Assert.Equal(0, status);
        Assert.Equal("slug\n--------\nkiln-sql\n(1 row)\n", output);
    }

    [Fact]
    public void Kiln_sql_reports_a_failing_statement_and_exits_1()
    {
        using var db = new TempDatabase();
        db.WriteModule("loop.wat", """(module (func (export "spin") (param i64) (result i64) (loop $l (br $l)) (i64.const 0)))""");

        var (status, _, error) = Kiln(
            "sql", db.Path, "--module-dir", db.Directory, "--timeout", "50ms",
            "-e", "CREATE FUNCTION spin(integer) RETURNS integer AS 'loop.wat' LANGUAGE wasm; SELECT spin(1);");

        Assert.Equal(1, status);
        Assert.Equal("Error: spin: interrupt: the call ran longer than its limit of 50 ms\n", error);
    }

    [Fact]
    public void Kiln_sql_rejects_a_bad_limit()
    {
        using var db = new TempDatabase();

        var (status, _, error) = Kiln("sql", db.Path, "--max-memory", "lots", "-e", "SELECT 1");

        Assert.Equal(1, status);
        Assert.Contains("Error: invalid value 'lots'", error);
    }

    [Fact]
    public void Shell_reads_statements_across_lines_and_runs_dot_commands()
    {
        using var db = new TempDatabase();
        var options = new SqlOptions(db.Path, [], db.Options);
        var input = new StringReader("""
            CREATE FUNCTION slugify(text)
              RETURNS text AS 'slugify.wasm' LANGUAGE wasm;
            .functions
            SELECT slugify('A;B') AS s; SELECT nope();
            SELECT 2 AS two;
            .quit
            SELECT 3;
            """);
        var output = new StringWriter();
        var error = new StringWriter();

        int status = SqlCommand.Run(options, input, interactive: true, output, error);

        Assert.Equal(0, status);
        string text = output.ToString().ReplaceLineEndings("\n");
        Assert.Contains("function slugify(text) RETURNS text\n", text);
        Assert.Contains("a-b\n(1 row)", text);
        Assert.Contains("two\n---\n  2\n(1 row)", text);
        Assert.DoesNotContain("  3\n", text);
        Assert.Contains("kiln> ", text);
        Assert.Equal("Error: no such function: nope\n", error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Script_on_standard_input_stops_at_the_first_error()
    {
        using var db = new TempDatabase();
        var options = new SqlOptions(db.Path, [], db.Options);
        var output = new StringWriter();
        var error = new StringWriter();

        int status = SqlCommand.Run(options, new StringReader("SELECT 1 AS one;\nSELECT nope();\nSELECT 2 AS two;\n"), interactive: false, output, error);

        Assert.Equal(1, status);
        Assert.Contains("one", output.ToString());
        Assert.DoesNotContain("two", output.ToString());
        Assert.DoesNotContain("kiln>", output.ToString());
    }
}
