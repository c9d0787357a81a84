namespace Kiln.Sqlite.Tests;

public sealed class SqlScriptTests
{
    [Fact]
    public void Split_keeps_semicolons_inside_literals_and_identifiers_and_drops_comments_between()
    {
        var statements = SqlScript.Split("""
            SELECT 'a;b', "c;d", [e;f], `g;h`; -- one; two
            /* x; y */ SELECT 2;;
            SELECT 'it''s'
            """);

        Assert.Equal(["SELECT 'a;b', \"c;d\", [e;f], `g;h`", "SELECT 2", "SELECT 'it''s'"], statements.Select(s => s.Replace("\r", "")).Select(s => s.Trim()));
    }

    [Fact]
    public void Split_keeps_a_trigger_body_in_one_statement()
    {
        var statements = SqlScript.Split("""
            CREATE TRIGGER t AFTER INSERT ON a BEGIN
              INSERT INTO b VALUES (CASE WHEN new.x > 0 THEN 1 ELSE 0 END);
              DELETE FROM c;
            END;
            SELECT 1;
            """);

        Assert.Equal(2, statements.Count);
        Assert.EndsWith("END", statements[0]);
        Assert.Equal("SELECT 1", statements[1]);
    }

    [Theory]
    [InlineData("SELECT 1;", true)]
    [InlineData("SELECT 1; -- done", true)]
    [InlineData("SELECT 1", false)]
    [InlineData("SELECT ';", false)]
    [InlineData("", false)]
    [InlineData("CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b;", false)]
    [InlineData("CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; END;", true)]
    public void IsComplete_tells_whether_input_ends_a_statement(string text, bool complete) =>
        Assert.Equal(complete, SqlScript.IsComplete(text));

    [Fact]
    public void Split_reports_an_unterminated_literal()
    {
        var e = Assert.Throws<FormatException>(() => SqlScript.Split("SELECT 'abc"));

        Assert.Equal("unterminated string literal starting at offset 7", e.Message);
    }
}
