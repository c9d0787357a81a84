using Microsoft.Data.Sqlite;

namespace Kiln.Sqlite;

/// <summary>
/// Recognises and parses the statements Kiln adds to SQLite's dialect:
/// <code>
/// CREATE [OR REPLACE] FUNCTION name([param] type, ...) RETURNS type AS 'file.wasm' LANGUAGE wasm
///     [EXPORT 'symbol'] [RETURNS NULL ON NULL INPUT | STRICT | CALLED ON NULL INPUT] [[NOT] DETERMINISTIC]
/// CREATE [OR REPLACE] AGGREGATE ... (the same clauses)
/// DROP FUNCTION|AGGREGATE [IF EXISTS] name [(type, ...)]
/// </code>
/// The clauses after <c>RETURNS type</c> may come in any order. Keywords are case-insensitive.
/// </summary>
internal sealed class WasmDdlParser
{
    private readonly string _text;
    private readonly IReadOnlyList<SqlToken> _tokens;
    private readonly string _what;
    private int _pos;

    private WasmDdlParser(string text, IReadOnlyList<SqlToken> tokens, string what)
    {
        _text = text;
        _tokens = tokens;
        _what = what;
    }

    /// <summary>The Wasm DDL statement <paramref name="statement"/> is, or null when it is ordinary SQL for SQLite.</summary>
    /// <exception cref="SqliteException">It is a Wasm DDL statement but not a well-formed one.</exception>
    public static WasmDdlStatement? TryParse(string text, SqlStatement statement)
    {
        var t = statement.Tokens;
        if (t.Count < 2)
        {
            return null;
        }

        if (t[0].Is(text, "CREATE"))
        {
            int k = t.Count > 3 && t[1].Is(text, "OR") && t[2].Is(text, "REPLACE") ? 3 : 1;
            if (k < t.Count && (t[k].Is(text, "FUNCTION") || t[k].Is(text, "AGGREGATE")))
            {
                var parser = new WasmDdlParser(text, t, "CREATE " + t[k].Value(text).ToUpperInvariant()) { _pos = k + 1 };
                return parser.ParseCreate(orReplace: k == 3, aggregate: t[k].Is(text, "AGGREGATE"));
            }
        }
        else if (t[0].Is(text, "DROP") && (t[1].Is(text, "FUNCTION") || t[1].Is(text, "AGGREGATE")))
        {
            var parser = new WasmDdlParser(text, t, "DROP " + t[1].Value(text).ToUpperInvariant()) { _pos = 2 };
            return parser.ParseDrop(t[1].Is(text, "AGGREGATE"));
        }

        return null;
    }

    private CreateFunctionStatement ParseCreate(bool orReplace, bool aggregate)
    {
        string name = Name("a function name");
        var parameters = ParameterTypes(required: true);
        Expect("RETURNS");
        var returns = Type();
        string? module = null;
        string? export = null;
        string? language = null;
        bool? calledOnNull = null;
        bool? deterministic = null;
        while (_pos < _tokens.Count)
        {
            var start = _tokens[_pos];
            if (Accept("AS"))
            {
                Once(module, start);
                module = Literal("the module file after AS");
            }
            else if (Accept("LANGUAGE"))
            {
                Once(language, start);
                language = Literal("a language name");
            }
            else if (Accept("EXPORT"))
            {
                Once(export, start);
                export = Literal("the export name");
            }
            else if (Accept("RETURNS"))
            {
                Once(calledOnNull, start);
                Expect("NULL");
                Expect("ON");
                Expect("NULL");
                Expect("INPUT");
                calledOnNull = false;
            }
            else if (Accept("STRICT"))
            {
                Once(calledOnNull, start);
                calledOnNull = false;
            }
            else if (Accept("CALLED"))
            {
                Once(calledOnNull, start);
                Expect("ON");
                Expect("NULL");
                Expect("INPUT");
                calledOnNull = true;
            }
            else if (Accept("DETERMINISTIC") || Accept("IMMUTABLE"))
            {
                Once(deterministic, start);
                deterministic = true;
            }
            else if (Accept("NOT"))
            {
                Once(deterministic, start);
                Expect("DETERMINISTIC");
                deterministic = false;
            }
            else if (Accept("VOLATILE"))
            {
                Once(deterministic, start);
                deterministic = false;
            }
            else
            {
                throw Error(start, "expected AS, LANGUAGE, EXPORT, RETURNS NULL ON NULL INPUT, CALLED ON NULL INPUT or DETERMINISTIC");
            }
        }

        if (module is null)
        {
            throw Fail("missing AS 'module.wasm'");
        }

        if (language is null)
        {
            throw Fail("missing LANGUAGE wasm");
        }

        if (!language.Equals("wasm", StringComparison.OrdinalIgnoreCase))
        {
            throw Fail($"unsupported language '{language}': only LANGUAGE wasm is understood");
        }

        if (module.Length == 0 || (export is not null && export.Length == 0))
        {
            throw Fail(module.Length == 0 ? "the module file name is empty" : "the export name is empty");
        }

        var definition = new WasmFunctionDefinition(name, aggregate, parameters, returns, export ?? name, calledOnNull ?? false, deterministic ?? false);
        return new CreateFunctionStatement(definition, module, orReplace);
    }

    private DropFunctionStatement ParseDrop(bool aggregate)
    {
        bool ifExists = false;
        if (Accept("IF"))
        {
            Expect("EXISTS");
            ifExists = true;
        }

        string name = Name("a function name");
        if (_pos < _tokens.Count)
        {
            ParameterTypes(required: false);
        }

        if (_pos < _tokens.Count)
        {
            throw Error(_tokens[_pos], "expected the end of the statement");
        }

        return new DropFunctionStatement(name, aggregate, ifExists);
    }

    /// <summary>Parses <c>([name] type, ...)</c>; with <paramref name="required"/> false an absent list is an empty one.</summary>
    private List<SqlValueType> ParameterTypes(bool required)
    {
        var types = new List<SqlValueType>();
        if (!AcceptSymbol('('))
        {
            if (required)
            {
                throw Error(Current(), "expected ( after the function name");
            }

            return types;
        }

        if (AcceptSymbol(')'))
        {
            return types;
        }

        while (true)
        {
            // A parameter may be named, as in PostgreSQL: "(a text, b text)". The name is not used.
            if (_pos + 1 < _tokens.Count && _tokens[_pos].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier
                && _tokens[_pos + 1].Kind == SqlTokenKind.Word && SqlTypes.Parse(_tokens[_pos + 1].Value(_text)) is not null)
            {
                _pos++;
            }

            types.Add(Type());
            if (AcceptSymbol(')'))
            {
                return types;
            }

            if (!AcceptSymbol(','))
            {
                throw Error(Current(), "expected , or ) in the parameter list");
            }
        }
    }

    private SqlValueType Type()
    {
        var token = Current();
        if (token.Kind != SqlTokenKind.Word)
        {
            throw Error(token, "expected a type (integer, real, text or blob)");
        }

        _pos++;
        string name = token.Value(_text);
        if (name.Equals("double", StringComparison.OrdinalIgnoreCase))
        {
            Accept("PRECISION");
        }

        // A size, as in varchar(40), is accepted and ignored, as SQLite does.
        if (AcceptSymbol('('))
        {
            while (_pos < _tokens.Count && (_tokens[_pos].Kind == SqlTokenKind.Number || _tokens[_pos].IsSymbol(_text, ',')))
            {
                _pos++;
            }

            if (!AcceptSymbol(')'))
            {
                throw Error(Current(), "expected ) after the type's size");
            }
        }

        return SqlTypes.Parse(name) ?? throw Fail($"unknown type '{name}': use integer, real, text or blob");
    }

    private string Name(string what)
    {
        var token = Current();
        if (token.Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier))
        {
            throw Error(token, "expected " + what);
        }

        _pos++;
        return token.Value(_text);
    }

    private string Literal(string what)
    {
        var token = Current();
        if (token.Kind is not (SqlTokenKind.String or SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier))
        {
            throw Error(token, "expected " + what);
        }

        _pos++;
        return token.Value(_text);
    }

    private bool Accept(string keyword)
    {
        if (_pos < _tokens.Count && _tokens[_pos].Is(_text, keyword))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private bool AcceptSymbol(char symbol)
    {
        if (_pos < _tokens.Count && _tokens[_pos].IsSymbol(_text, symbol))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void Expect(string keyword)
    {
        if (!Accept(keyword))
        {
            throw Error(Current(), "expected " + keyword);
        }
    }

    private void Once(object? seen, SqlToken clause)
    {
        if (seen is not null)
        {
            throw Error(clause, "this clause is given twice");
        }
    }

    /// <summary>The token at the cursor; at the end, an empty token past the last one.</summary>
    private SqlToken Current() => _pos < _tokens.Count ? _tokens[_pos] : new SqlToken(SqlTokenKind.Symbol, _tokens[^1].End, 0);

    private SqliteException Error(SqlToken token, string expected)
    {
        string near = token.Length == 0 ? "at the end of the statement" : $"near \"{token.Span(_text)}\"";
        return Fail($"syntax error {near}: {expected}");
    }

    private SqliteException Fail(string message) => new($"{_what}: {message}", SqliteErrorCodes.Error);
}
