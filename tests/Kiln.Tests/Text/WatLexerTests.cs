using System.Text;
using Kiln.Text;

namespace Kiln.Tests.Text;

public class WatLexerTests
{
    private static List<WatToken> Lex(string s, bool keep = false) => WatLexer.Tokenize(s, 1, keep);

    private static string Kinds(string s, bool keep = false) =>
        string.Join(' ', Lex(s, keep).Select(t => t.Kind switch
        {
            WatTokenKind.LParen => "(",
            WatTokenKind.RParen => ")",
            WatTokenKind.Eof => "EOF",
            var k => $"{k}:{t}",
        }));

    private static string ErrorOf(string s)
    {
        var e = Assert.Throws<WatParseException>(() => Lex(s));
        return e.Reason;
    }

    private static string ErrorOf(byte[] s)
    {
        var e = Assert.Throws<WatParseException>(() => WatLexer.Tokenize(s));
        return e.Reason;
    }

    [Fact]
    public void Tokenize_splits_parens_keywords_ids_numbers_and_strings()
    {
        Assert.Equal("( Keyword:module Id:$m ( Keyword:i32.const Number:-0x1_0 ) String:\"a\" ) EOF", Kinds("(module $m (i32.const -0x1_0) \"a\")"));
    }

    [Fact]
    public void Tokenize_tracks_lines_and_columns()
    {
        var t = Lex("(module\n  (func))");
        Assert.Equal((2, 3), (t[2].Line, t[2].Column));
        Assert.Equal((2, 4), (t[3].Line, t[3].Column));
        var shifted = WatLexer.Tokenize("\n x", firstLine: 10);
        Assert.Equal((11, 2), (shifted[0].Line, shifted[0].Column));
    }

    [Fact]
    public void Tokenize_skips_line_and_nested_block_comments()
    {
        Assert.Equal("Keyword:a Keyword:b Keyword:c EOF", Kinds("a;;x (\nb (; (; ;) ;) c (;;)"));
        Assert.Equal("Keyword:func EOF", Kinds("func;;bla"));
    }

    [Fact]
    public void Tokenize_allows_control_characters_in_comments()
    {
        Assert.Equal("Keyword:x EOF", Kinds("(;\u0000\u0001\u007f;)x"));
    }

    [Fact]
    public void Tokenize_rejects_malformed_utf8_in_comments()
    {
        Assert.Equal("malformed UTF-8 encoding", ErrorOf([.. "(; "u8, 0xFF, .. " ;)"u8]));
    }

    [Fact]
    public void Tokenize_reports_unclosed_comment()
    {
        Assert.Equal("unclosed comment", ErrorOf("(; (; ;)"));
    }

    [Fact]
    public void Tokenize_decodes_all_string_escapes_to_bytes()
    {
        var t = Lex("\"a\\n\\t\\r\\\\\\'\\\"\\00\\ff\\u{41}\\u{1F600}\\u{e9}\"");
        Assert.Equal(WatTokenKind.String, t[0].Kind);
        byte[] expected = [(byte)'a', 10, 9, 13, (byte)'\\', (byte)'\'', (byte)'"', 0, 0xFF, 0x41, 0xF0, 0x9F, 0x98, 0x80, 0xC3, 0xA9];
        Assert.Equal(expected, t[0].Bytes);
    }

    [Theory]
    [InlineData("\"abc", "unclosed string literal")]
    [InlineData("\"a\nb\"", "unclosed string literal")]
    [InlineData("\"a\u0001\"", "illegal control character in string literal")]
    [InlineData("\"\\q\"", "illegal escape")]
    [InlineData("\"\\u{d800}\"", "malformed UTF-8 encoding")]
    public void Tokenize_rejects_bad_strings(string text, string reason)
    {
        Assert.Equal(reason, ErrorOf(text));
    }

    [Fact]
    public void Tokenize_reads_quoted_identifiers()
    {
        var t = Lex("$\"a b\" $\"\\41B\" $x");
        Assert.Equal(["a b", "AB", "x"], t.Take(3).Select(x => x.Text));
        Assert.All(t.Take(3), x => Assert.Equal(WatTokenKind.Id, x.Kind));
    }

    [Theory]
    [InlineData("$")]
    [InlineData("$ x")]
    [InlineData("$\"\"")]
    [InlineData("$\"a\nb\"")]
    [InlineData("$(")]
    public void Tokenize_rejects_empty_identifiers(string text)
    {
        Assert.Equal("empty identifier", ErrorOf(text));
    }

    [Fact]
    public void Tokenize_rejects_identifier_with_malformed_utf8()
    {
        Assert.StartsWith("malformed UTF-8", ErrorOf("$\"\\ef\""));
    }

    [Theory]
    [InlineData("0$l")]
    [InlineData("$\"l\"0")]
    [InlineData("$l\"a\"")]
    [InlineData("\"a\"\"b\"")]
    [InlineData("0x")]
    [InlineData("1x")]
    [InlineData(".0")]
    [InlineData("a,b")]
    [InlineData("{}")]
    public void Tokenize_makes_glued_or_odd_words_reserved(string text)
    {
        Assert.Equal(WatTokenKind.Reserved, Lex(text)[0].Kind);
    }

    [Theory]
    [InlineData("\u0001")]
    [InlineData("\u007f")]
    [InlineData("Heiße")]
    public void Tokenize_rejects_illegal_characters(string text)
    {
        Assert.Equal("illegal character", ErrorOf(text));
    }

    [Fact]
    public void Tokenize_rejects_malformed_utf8_outside_strings()
    {
        Assert.Equal("malformed UTF-8 encoding", ErrorOf([(byte)'a', (byte)' ', 0x80]));
    }

    [Fact]
    public void Tokenize_skips_annotations_unless_asked()
    {
        const string text = "(module (@a x (y \"(\" (@z)) (; ) ;) ) $m)";
        Assert.Equal("( Keyword:module Id:$m ) EOF", Kinds(text));
        Assert.Equal("( Keyword:module Annotation:(@a Keyword:x ( Keyword:y String:\"(\" ( Reserved:@z ) ) ) Id:$m ) EOF", Kinds(text, keep: true));
    }

    [Theory]
    [InlineData("(@)", "empty annotation id")]
    [InlineData("(@ x)", "empty annotation id")]
    [InlineData("(@\"\")", "empty annotation id")]
    [InlineData("(@x (y)", "unclosed annotation")]
    [InlineData("(@x \")", "unclosed string literal")]
    [InlineData("(@a \u0000)", "illegal character")]
    public void Tokenize_rejects_bad_annotations(string text, string reason)
    {
        Assert.Equal(reason, ErrorOf(text));
    }

    [Fact]
    public void Tokenize_reads_quoted_annotation_ids()
    {
        var t = Lex("(@\"a b\" x)", keep: true);
        Assert.Equal((WatTokenKind.Annotation, "a b"), (t[0].Kind, t[0].Text));
    }

    [Fact]
    public void Tokenize_classifies_numbers()
    {
        foreach (string n in new[] { "0", "+1", "-0x1F", "1_000", "1.5", "1e10", "1.e-3", "0x1p4", "0x1.8P-3", "inf", "-inf", "nan", "+nan:0x1_0" })
        {
            Assert.Equal(WatTokenKind.Number, Lex(n)[0].Kind);
        }

        foreach (string k in new[] { "nan:0x", "infinity", "i32.add", "offset=4" })
        {
            Assert.Equal(WatTokenKind.Keyword, Lex(k)[0].Kind);
        }

        foreach (string r in new[] { "1__0", "_1", "1_", "0x_1", "1e", "+", "1.0.0" })
        {
            Assert.Equal(WatTokenKind.Reserved, Lex(r)[0].Kind);
        }
    }

    [Fact]
    public void Tokenize_lexes_every_suite_file()
    {
        string root = SuiteRoot();
        int files = 0;
        foreach (string path in Directory.EnumerateFiles(root, "*.wast", SearchOption.AllDirectories))
        {
            var tokens = WatLexer.Tokenize(File.ReadAllBytes(path));
            Assert.Equal(WatTokenKind.Eof, tokens[^1].Kind);
            files++;
        }

        Assert.True(files > 250);
    }

    internal static string SuiteRoot() => Spec.SpecSuite.Folder;
}
