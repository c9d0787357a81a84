using System.Text;
using Kiln.Binary;

namespace Kiln.Text;

/// <summary>
/// Parses <c>.wast</c> scripts into <see cref="WastScript"/>s. The script is tokenized once with
/// <see cref="WatLexer"/>, and text modules are parsed by <see cref="WatParser"/> from the same tokens.
/// </summary>
/// <remarks>
/// Text modules are parsed here (a broken one makes the script malformed, as in the reference interpreter);
/// <c>module quote</c> text and <c>module binary</c> bytes are kept for the runner, since checking them is what
/// <c>assert_malformed</c> is about.
/// </remarks>
internal sealed partial class WastParser
{
    private readonly List<WatToken> _tokens;
    private int _pos;

    private WastParser(byte[] source)
    {
        // Annotations are kept for WatParser, which reads (@custom) and (@name) inside modules; elsewhere they are skipped.
        _tokens = WatLexer.Tokenize(source, keepAnnotations: true);
    }

    /// <summary>Parses a script; throws <see cref="WatParseException"/> when it is malformed.</summary>
    public static WastScript Parse(string text, string? fileName = null) => Parse(Encoding.UTF8.GetBytes(text), fileName);

    /// <summary>Parses a script from its UTF-8 bytes; throws <see cref="WatParseException"/> when it is malformed.</summary>
    public static WastScript Parse(byte[] source, string? fileName = null)
    {
        var parser = new WastParser(source);
        return new WastScript(parser.ParseCommands()) { FileName = fileName };
    }

    /// <summary>The next token that is not part of an annotation.</summary>
    private WatToken Current
    {
        get
        {
            while (_tokens[_pos].Kind == WatTokenKind.Annotation)
            {
                SkipAnnotation();
            }

            return _tokens[_pos];
        }
    }

    private List<WastCommand> ParseCommands()
    {
        var commands = new List<WastCommand>();
        if (IsInlineModule())
        {
            int line = Current.Line;
            var module = new WastModule(WastModuleKind.Text, null) { Parsed = WatParser.ParseModuleFields(_tokens, ref _pos, null), Line = line };
            Expect(WatTokenKind.Eof);
            commands.Add(new WastModuleCommand(line, module));
            return commands;
        }

        while (Current.Kind != WatTokenKind.Eof)
        {
            commands.Add(ParseCommand());
        }

        return commands;
    }

    // A script may instead be a bare list of module fields: one inline module (see inline-module.wast).
    private bool IsInlineModule() =>
        HeadKeyword() is "type" or "rec" or "import" or "func" or "table" or "memory" or "global" or "export"
            or "start" or "elem" or "data" or "tag";

    /// <summary>The keyword after the <c>(</c> at the current position, if that is what is there.</summary>
    private string? HeadKeyword()
    {
        if (Current.Kind != WatTokenKind.LParen)
        {
            return null;
        }

        int start = _pos++;
        string? keyword = Current.Kind == WatTokenKind.Keyword ? Current.Text : null;
        _pos = start;
        return keyword;
    }

    private WastCommand ParseCommand()
    {
        _ = Current;
        int start = _pos;
        var open = Expect(WatTokenKind.LParen);
        if (Current.Kind != WatTokenKind.Keyword)
        {
            throw Error("unexpected token", Current);
        }

        string keyword = Current.Text;
        int line = open.Line;
        switch (keyword)
        {
            case "module":
                _pos = start;
                var defined = ParseModule();
                return defined.Instance is { } instance
                    ? new WastInstanceCommand(line, instance.Name, instance.Definition)
                    : new WastModuleCommand(line, defined.Module!);
            case "register":
                {
                    _pos++;
                    string name = ExpectString();
                    string? instanceName = Current.Kind == WatTokenKind.Id ? Next().Text : null;
                    ExpectRParen();
                    return new WastRegisterCommand(line, name, instanceName);
                }

            case "invoke":
            case "get":
                _pos = start;
                return new WastActionCommand(line, ParseAction());
            case "assert_return":
                {
                    _pos++;
                    var action = ParseAction();
                    var results = new List<WastResult>();
                    while (Current.Kind == WatTokenKind.LParen)
                    {
                        results.Add(ParseResult());
                    }

                    ExpectRParen();
                    return new WastAssertReturn(line, action, [.. results]);
                }

            case "assert_trap":
                {
                    _pos++;
                    WastAction? action = null;
                    WastModule? trapModule = null;
                    if (HeadKeyword() == "module")
                    {
                        trapModule = ParseModule().Module ?? throw Error("unexpected token", open);
                    }
                    else
                    {
                        action = ParseAction();
                    }

                    string message = ExpectString();
                    ExpectRParen();
                    return new WastAssertTrap(line, action, trapModule, message);
                }

            case "assert_exhaustion":
                {
                    _pos++;
                    var action = ParseAction();
                    string message = ExpectString();
                    ExpectRParen();
                    return new WastAssertExhaustion(line, action, message);
                }

            case "assert_exception":
                {
                    _pos++;
                    var action = ParseAction();
                    ExpectRParen();
                    return new WastAssertException(line, action);
                }

            case "assert_invalid":
            case "assert_invalid_custom":
            case "assert_malformed":
            case "assert_malformed_custom":
            case "assert_unlinkable":
                {
                    _pos++;
                    var module = ParseModule().Module ?? throw Error("unexpected token", open);
                    string message = ExpectString();
                    ExpectRParen();
                    return keyword switch
                    {
                        "assert_unlinkable" => new WastAssertUnlinkable(line, module, message),
                        "assert_invalid" or "assert_invalid_custom" => new WastAssertInvalid(line, module, message, keyword.EndsWith("_custom", StringComparison.Ordinal)),
                        _ => new WastAssertMalformed(line, module, message, keyword.EndsWith("_custom", StringComparison.Ordinal)),
                    };
                }

            default:
                throw Error("unknown operator", Current);
        }
    }

    /// <summary>
    /// <c>(module $id? field*)</c>, <c>(module $id? binary "..."*)</c>, <c>(module $id? quote "..."*)</c>, each
    /// optionally with <c>definition</c> after <c>module</c>, or <c>(module instance $inst? $def?)</c>.
    /// </summary>
    private (WastModule? Module, (string? Name, string? Definition)? Instance) ParseModule()
    {
        var open = Expect(WatTokenKind.LParen);
        ExpectKeyword("module");
        bool definition = false;
        if (Current is { Kind: WatTokenKind.Keyword, Text: "instance" })
        {
            _pos++;
            string? first = Current.Kind == WatTokenKind.Id ? Next().Text : null;
            string? second = Current.Kind == WatTokenKind.Id ? Next().Text : null;
            ExpectRParen();
            return (null, (first, second));
        }

        if (Current is { Kind: WatTokenKind.Keyword, Text: "definition" })
        {
            definition = true;
            _pos++;
        }

        string? name = Current.Kind == WatTokenKind.Id ? Next().Text : null;
        if (Current is { Kind: WatTokenKind.Keyword, Text: "binary" or "quote" })
        {
            bool binary = Next().Text == "binary";
            var bytes = new List<byte>();
            while (Current.Kind == WatTokenKind.String)
            {
                bytes.AddRange(Next().Bytes);
            }

            ExpectRParen();
            var kind = binary ? WastModuleKind.Binary : WastModuleKind.Quote;
            return (new WastModule(kind, name) { IsDefinition = definition, Bytes = [.. bytes], Line = open.Line }, null);
        }

        // The head, with the script-only "definition" keyword and annotations anywhere, is read here: WatParser gets the fields.
        var parsed = WatParser.ParseModuleFields(_tokens, ref _pos, name);
        ExpectRParen();
        return (new WastModule(WastModuleKind.Text, name) { IsDefinition = definition, Parsed = parsed, Line = open.Line }, null);
    }

    /// <summary><c>(invoke $id? "name" const*)</c> or <c>(get $id? "name")</c>.</summary>
    private WastAction ParseAction()
    {
        Expect(WatTokenKind.LParen);
        var head = Current;
        bool isGet = head is { Kind: WatTokenKind.Keyword, Text: "get" };
        if (!isGet && head is not { Kind: WatTokenKind.Keyword, Text: "invoke" })
        {
            throw Error("unexpected token", head);
        }

        _pos++;
        string? module = Current.Kind == WatTokenKind.Id ? Next().Text : null;
        string field = ExpectString();
        var args = new List<WastValue>();
        if (!isGet)
        {
            while (Current.Kind == WatTokenKind.LParen)
            {
                args.Add(ParseConst());
            }
        }

        ExpectRParen();
        return new WastAction(isGet, module, field, [.. args]);
    }

    private WatToken Next()
    {
        var token = Current;
        _pos++;
        return token;
    }

    /// <summary>Moves past the annotation that starts at the current token, through its closing parenthesis.</summary>
    private void SkipAnnotation()
    {
        var open = _tokens[_pos++];
        for (int depth = 1; depth > 0; _pos++)
        {
            switch (_tokens[_pos].Kind)
            {
                case WatTokenKind.LParen or WatTokenKind.Annotation:
                    depth++;
                    break;
                case WatTokenKind.RParen:
                    depth--;
                    break;
                case WatTokenKind.Eof:
                    throw Error("unclosed annotation", open);
            }
        }
    }

    private WatToken Expect(WatTokenKind kind)
    {
        var token = Current;
        if (token.Kind != kind)
        {
            throw Error(token.Kind == WatTokenKind.Eof ? "unexpected end of input" : "unexpected token", token);
        }

        _pos++;
        return token;
    }

    private void ExpectRParen() => Expect(WatTokenKind.RParen);

    private void ExpectKeyword(string keyword)
    {
        if (Current.Kind != WatTokenKind.Keyword || Current.Text != keyword)
        {
            throw Error("unexpected token", Current);
        }

        _pos++;
    }

    private string ExpectString() => Encoding.UTF8.GetString(Expect(WatTokenKind.String).Bytes);

    private static WatParseException Error(string reason, WatToken at) => new(reason, at.Line, at.Column);
}
