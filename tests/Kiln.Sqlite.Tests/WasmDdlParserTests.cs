using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite.Tests;

public sealed class WasmDdlParserTests
{
    private static WasmDdlStatement? Parse(string sql)
    {
        var statements = SqlStatementSplitter.Split(sql);
        Assert.Single(statements);
        return WasmDdlParser.TryParse(sql, statements[0]);
    }

    private static string ParseError(string sql) => Assert.Throws<SqliteException>(() => Parse(sql)).Message;

    [Fact]
    public void Parser_reads_the_seed_statement()
    {
        var create = Assert.IsType<CreateFunctionStatement>(Parse("CREATE FUNCTION similarity(text, text) RETURNS float\nAS 'path/to/semantic.wasm' LANGUAGE wasm;"));

        Assert.Equal("path/to/semantic.wasm", create.ModulePath);
        Assert.False(create.OrReplace);
        Assert.Equal(("similarity", false, SqlValueType.Real, "similarity", false, false), (create.Definition.Name, create.Definition.IsAggregate, create.Definition.Returns, create.Definition.Export, create.Definition.CalledOnNullInput, create.Definition.IsDeterministic));
        Assert.Equal([SqlValueType.Text, SqlValueType.Text], create.Definition.Parameters);
    }

    [Fact]
    public void Parser_accepts_any_case_order_quotes_comments_and_named_parameters()
    {
        var create = Assert.IsType<CreateFunctionStatement>(Parse(""""
            create /* c */ or replace aggregate "My ""Agg"""( a text, b varchar(20), c double precision, d BIGINT ) -- comment
              returns blob deterministic called on null input language 'WASM' export 'it''s' as 'dir/m.wasm'
            """"));

        var d = create.Definition;
        Assert.True(create.OrReplace);
        Assert.Equal("My \"Agg\"", d.Name);
        Assert.True(d.IsAggregate);
        Assert.Equal([SqlValueType.Text, SqlValueType.Text, SqlValueType.Real, SqlValueType.Integer], d.Parameters);
        Assert.Equal(SqlValueType.Blob, d.Returns);
        Assert.Equal("it's", d.Export);
        Assert.True(d.CalledOnNullInput);
        Assert.True(d.IsDeterministic);
        Assert.Equal("dir/m.wasm", create.ModulePath);
    }

    [Fact]
    public void Parser_reads_drop_with_if_exists_and_a_signature()
    {
        var drop = Assert.IsType<DropFunctionStatement>(Parse("DROP AGGREGATE IF EXISTS [median](real)"));

        Assert.Equal("median", drop.Name);
        Assert.True(drop.IsAggregate);
        Assert.True(drop.IfExists);
    }

    [Theory]
    [InlineData("SELECT 'CREATE FUNCTION f() RETURNS int'")]
    [InlineData("CREATE TABLE function(x)")]
    [InlineData("CREATE TEMP TABLE t(x)")]
    [InlineData("DROP TABLE functions")]
    [InlineData("-- CREATE FUNCTION f() RETURNS int AS 'x' LANGUAGE wasm\nSELECT 1")]
    public void Parser_leaves_ordinary_sql_to_sqlite(string sql) => Assert.Null(Parse(sql));

    [Theory]
    [InlineData("CREATE FUNCTION f(text) RETURNS real AS 'm.wasm'", "CREATE FUNCTION: missing LANGUAGE wasm")]
    [InlineData("CREATE FUNCTION f(text) RETURNS real LANGUAGE wasm", "CREATE FUNCTION: missing AS 'module.wasm'")]
    [InlineData("CREATE FUNCTION f(text) RETURNS real AS 'm.wasm' LANGUAGE plpgsql", "CREATE FUNCTION: unsupported language 'plpgsql': only LANGUAGE wasm is understood")]
    [InlineData("CREATE FUNCTION f(jsonb) RETURNS real AS 'm.wasm' LANGUAGE wasm", "CREATE FUNCTION: unknown type 'jsonb': use integer, real, text or blob")]
    [InlineData("CREATE FUNCTION f(text) AS 'm.wasm' LANGUAGE wasm", "CREATE FUNCTION: syntax error near \"AS\": expected RETURNS")]
    [InlineData("CREATE FUNCTION f(text RETURNS real AS 'm.wasm' LANGUAGE wasm", "CREATE FUNCTION: syntax error near \"RETURNS\": expected , or ) in the parameter list")]
    [InlineData("CREATE FUNCTION f(text) RETURNS real AS 'm.wasm' AS 'n.wasm' LANGUAGE wasm", "CREATE FUNCTION: syntax error near \"AS\": this clause is given twice")]
    [InlineData("CREATE FUNCTION f(text) RETURNS real AS 'm.wasm' LANGUAGE wasm VOLATILE DETERMINISTIC", "this clause is given twice")]
    [InlineData("CREATE FUNCTION f(text) RETURNS real AS 'm.wasm' LANGUAGE wasm RETURNS NULL", "CREATE FUNCTION: syntax error at the end of the statement: expected ON")]
    [InlineData("CREATE FUNCTION", "CREATE FUNCTION: syntax error at the end of the statement: expected a function name")]
    [InlineData("DROP FUNCTION f g", "DROP FUNCTION: syntax error near \"g\": expected the end of the statement")]
    public void Parser_names_what_is_wrong(string sql, string message) => Assert.Contains(message, ParseError(sql));
}
