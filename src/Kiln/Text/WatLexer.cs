using System.Text;

namespace Kiln.Text;

/// <summary>
/// Splits WebAssembly text (WAT or WAST, as UTF-8 bytes) into <see cref="WatToken"/>s. Skips whitespace, line
/// comments <c>;;</c>, nested block comments <c>(; ;)</c> and, unless asked to keep them, annotations <c>(@id ...)</c>.
/// Errors are <see cref="WatParseException"/>s with the reference interpreter's messages.
/// </summary>
/// <remarks>
/// A token is a maximal run of identifier characters and strings (so <c>$l"a"</c> or <c>0$x</c> is one, reserved,
/// token, as the spec requires). The parser reports reserved tokens as "unknown operator" when it meets them.
/// </remarks>
internal sealed class WatLexer
{
    private readonly byte[] _src;
    private int _pos;
    private int _line;
    private int _lineStart;

    private WatLexer(byte[] source, int firstLine)
    {
        _src = source;
        _line = firstLine;
    }

    /// <summary>Tokenizes <paramref name="text"/>; see <see cref="Tokenize(byte[], int, bool)"/>.</summary>
    public static List<WatToken> Tokenize(string text, int firstLine = 1, bool keepAnnotations = false) =>
        Tokenize(Encoding.UTF8.GetBytes(text), firstLine, keepAnnotations);

    /// <summary>
    /// Tokenizes UTF-8 <paramref name="source"/> (which may contain malformed UTF-8: that is reported as an error).
    /// The list always ends with one <see cref="WatTokenKind.Eof"/> token. With <paramref name="keepAnnotations"/>,
    /// each annotation appears as an <see cref="WatTokenKind.Annotation"/> token, its body, and the closing
    /// <see cref="WatTokenKind.RParen"/>; otherwise annotations are skipped like comments.
    /// </summary>
    public static List<WatToken> Tokenize(byte[] source, int firstLine = 1, bool keepAnnotations = false)
    {
        var lexer = new WatLexer(source, firstLine);
        var tokens = new List<WatToken>(source.Length / 4);
        lexer.Run(tokens, keepAnnotations);
        return tokens;
    }

    private void Run(List<WatToken> tokens, bool keepAnnotations)
    {
        // Depth of parentheses inside the annotation being skipped or kept (0: not in one).
        int annotationDepth = 0;
        bool keeping = false;
        int annotationLine = 0, annotationColumn = 0;
        while (true)
        {
            SkipSpaceAndComments();
            if (_pos >= _src.Length)
            {
                if (annotationDepth > 0)
                {
                    throw new WatParseException("unclosed annotation", annotationLine, annotationColumn);
                }

                tokens.Add(new WatToken(WatTokenKind.Eof, _pos, _pos, _line, Column(_pos)));
                return;
            }

            var token = Next(annotationDepth > 0);
            if (annotationDepth == 0 && token.Kind == WatTokenKind.Annotation)
            {
                annotationDepth = 1;
                keeping = keepAnnotations;
                annotationLine = token.Line;
                annotationColumn = token.Column;
            }
            else if (annotationDepth > 0)
            {
                if (token.Kind == WatTokenKind.LParen)
                {
                    annotationDepth++;
                }
                else if (token.Kind == WatTokenKind.RParen)
                {
                    annotationDepth--;
                }

                if (annotationDepth == 0 && !keeping)
                {
                    continue;
                }
            }

            if (annotationDepth == 0 || keeping)
            {
                tokens.Add(token);
            }
        }
    }

    private int Column(int pos) => pos - _lineStart + 1;

    private WatParseException Error(string reason, int pos) => new(reason, _line, Column(pos));

    private void SkipSpaceAndComments()
    {
        while (_pos < _src.Length)
        {
            byte c = _src[_pos];
            if (c is (byte)' ' or (byte)'\t' or (byte)'\r')
            {
                _pos++;
            }
            else if (c == (byte)'\n')
            {
                NewLine(_pos);
                _pos++;
            }
            else if (c == (byte)';' && Peek(1) == (byte)';')
            {
                _pos += 2;
                while (_pos < _src.Length && _src[_pos] is not ((byte)'\n' or (byte)'\r'))
                {
                    SkipCommentChar();
                }
            }
            else if (c == (byte)'(' && Peek(1) == (byte)';')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    private void NewLine(int newlinePos)
    {
        _line++;
        _lineStart = newlinePos + 1;
    }

    private byte Peek(int ahead) => _pos + ahead < _src.Length ? _src[_pos + ahead] : (byte)0;

    private void SkipBlockComment()
    {
        int startLine = _line, startColumn = Column(_pos);
        _pos += 2;
        int depth = 1;
        while (depth > 0)
        {
            if (_pos >= _src.Length)
            {
                throw new WatParseException("unclosed comment", startLine, startColumn);
            }

            byte c = _src[_pos];
            if (c == (byte)'(' && Peek(1) == (byte)';')
            {
                depth++;
                _pos += 2;
            }
            else if (c == (byte)';' && Peek(1) == (byte)')')
            {
                depth--;
                _pos += 2;
            }
            else if (c == (byte)'\n')
            {
                NewLine(_pos);
                _pos++;
            }
            else
            {
                SkipCommentChar();
            }
        }
    }

    /// <summary>Comments may hold any character, control characters included, but must be valid UTF-8.</summary>
    private void SkipCommentChar()
    {
        if (_src[_pos] < 0x80)
        {
            _pos++;
            return;
        }

        int n = Utf8Length(_src, _pos);
        if (n == 0)
        {
            throw Error("malformed UTF-8 encoding", _pos);
        }

        _pos += n;
    }

    private WatToken Next(bool inAnnotation)
    {
        int start = _pos;
        int column = Column(start);
        byte c = _src[_pos];
        if (c == (byte)'(')
        {
            _pos++;
            if (!inAnnotation && _pos < _src.Length && _src[_pos] == (byte)'@')
            {
                _pos++;
                string id = AnnotationId(start);
                return new WatToken(WatTokenKind.Annotation, start, _pos, _line, column) { Text = id };
            }

            return new WatToken(WatTokenKind.LParen, start, _pos, _line, column);
        }

        if (c == (byte)')')
        {
            _pos++;
            return new WatToken(WatTokenKind.RParen, start, _pos, _line, column);
        }

        return Word(start, column);
    }

    private string AnnotationId(int start)
    {
        int idStart = _pos;
        if (_pos < _src.Length && _src[_pos] == (byte)'"')
        {
            int line = _line, col = Column(start);
            byte[] bytes;
            try
            {
                bytes = ReadString();
            }
            catch (WatParseException e) when (e.Reason != "malformed UTF-8 encoding")
            {
                throw new WatParseException("empty annotation id", line, col);
            }

            if (bytes.Length == 0)
            {
                throw new WatParseException("empty annotation id", line, col);
            }

            return DecodeName(bytes, start);
        }

        while (_pos < _src.Length && IsIdChar(_src[_pos]))
        {
            _pos++;
        }

        if (_pos == idStart)
        {
            throw Error("empty annotation id", start);
        }

        return Encoding.ASCII.GetString(_src, idStart, _pos - idStart);
    }

    /// <summary>A maximal run of identifier characters, reserved characters and strings.</summary>
    private WatToken Word(int start, int column)
    {
        int line = _line;
        int units = 0;
        bool onlyIdChars = true;
        byte[]? firstString = null;
        bool dollarThenString = false;
        while (_pos < _src.Length)
        {
            byte c = _src[_pos];
            if (c == (byte)'"')
            {
                bool afterDollar = units == 1 && onlyIdChars && _pos - start == 1 && _src[start] == (byte)'$';
                int stringAt = _pos;
                byte[] bytes;
                try
                {
                    bytes = ReadString();
                }
                catch (WatParseException) when (afterDollar)
                {
                    // `$"` followed by a string that does not lex is no identifier at all.
                    throw new WatParseException("empty identifier", line, column);
                }

                if (units == 0)
                {
                    firstString = bytes;
                }

                dollarThenString = afterDollar && stringAt == start + 1;
                if (dollarThenString)
                {
                    firstString = bytes;
                }

                onlyIdChars = false;
                units++;
                continue;
            }

            if (IsIdChar(c) || c is (byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}')
            {
                if (units == 0 || _src[_pos - 1] == (byte)'"')
                {
                    units++;
                }

                if (!IsIdChar(c))
                {
                    onlyIdChars = false;
                }

                _pos++;
                continue;
            }

            if (c == (byte)';')
            {
                if (Peek(1) == (byte)';')
                {
                    break;
                }

                onlyIdChars = false;
                if (units == 0 || _src[_pos - 1] == (byte)'"')
                {
                    units++;
                }

                _pos++;
                continue;
            }

            if (c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'(' or (byte)')')
            {
                break;
            }

            if (c >= 0x80 && Utf8Length(_src, _pos) == 0)
            {
                throw Error("malformed UTF-8 encoding", _pos);
            }

            throw Error("illegal character", _pos);
        }

        if (units == 1 && firstString is not null && _src[start] == (byte)'"')
        {
            return new WatToken(WatTokenKind.String, start, _pos, line, column) { Bytes = firstString };
        }

        if (dollarThenString && units == 2)
        {
            if (firstString!.Length == 0)
            {
                throw new WatParseException("empty identifier", line, column);
            }

            return new WatToken(WatTokenKind.Id, start, _pos, line, column) { Text = DecodeName(firstString, start) };
        }

        string text = Encoding.UTF8.GetString(_src, start, _pos - start);
        if (!onlyIdChars || units != 1)
        {
            if (text == "$")
            {
                throw new WatParseException("empty identifier", line, column);
            }

            return new WatToken(WatTokenKind.Reserved, start, _pos, line, column) { Text = text };
        }

        byte first = _src[start];
        if (first == (byte)'$')
        {
            if (text.Length == 1)
            {
                throw new WatParseException("empty identifier", line, column);
            }

            return new WatToken(WatTokenKind.Id, start, _pos, line, column) { Text = text[1..] };
        }

        if (NumberLiterals.IsNumber(text))
        {
            return new WatToken(WatTokenKind.Number, start, _pos, line, column) { Text = text };
        }

        var kind = first is >= (byte)'a' and <= (byte)'z' ? WatTokenKind.Keyword : WatTokenKind.Reserved;
        return new WatToken(kind, start, _pos, line, column) { Text = text };
    }

    private string DecodeName(byte[] bytes, int at)
    {
        if (!IsValidUtf8(bytes))
        {
            throw Error("malformed UTF-8 encoding", at);
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Lexes the string literal at <c>_pos</c> (which is a quote) and returns its bytes.</summary>
    private byte[] ReadString()
    {
        int open = _pos;
        _pos++;
        var buf = new List<byte>();
        while (true)
        {
            if (_pos >= _src.Length || _src[_pos] == (byte)'\n')
            {
                throw Error("unclosed string literal", open);
            }

            byte c = _src[_pos];
            if (c == (byte)'"')
            {
                _pos++;
                return [.. buf];
            }

            if (c == (byte)'\\')
            {
                Escape(buf);
                continue;
            }

            if (c < 0x20 || c == 0x7F)
            {
                throw Error("illegal control character in string literal", _pos);
            }

            if (c < 0x80)
            {
                buf.Add(c);
                _pos++;
                continue;
            }

            int n = Utf8Length(_src, _pos);
            if (n == 0)
            {
                throw Error("malformed UTF-8 encoding", _pos);
            }

            for (int i = 0; i < n; i++)
            {
                buf.Add(_src[_pos + i]);
            }

            _pos += n;
        }
    }

    private void Escape(List<byte> buf)
    {
        int at = _pos;
        _pos++;
        if (_pos >= _src.Length)
        {
            throw Error("unclosed string literal", at);
        }

        byte e = _src[_pos];
        switch (e)
        {
            case (byte)'n': buf.Add((byte)'\n'); _pos++; return;
            case (byte)'r': buf.Add((byte)'\r'); _pos++; return;
            case (byte)'t': buf.Add((byte)'\t'); _pos++; return;
            case (byte)'\\': buf.Add((byte)'\\'); _pos++; return;
            case (byte)'\'': buf.Add((byte)'\''); _pos++; return;
            case (byte)'"': buf.Add((byte)'"'); _pos++; return;
            case (byte)'u':
                UnicodeEscape(buf, at);
                return;
        }

        int h1 = HexValue(e), h2 = HexValue(Peek(1));
        if (h1 < 0 || h2 < 0)
        {
            throw Error("illegal escape", at);
        }

        buf.Add((byte)((h1 << 4) | h2));
        _pos += 2;
    }

    private void UnicodeEscape(List<byte> buf, int at)
    {
        _pos++;
        if (Peek(0) != (byte)'{')
        {
            throw Error("illegal escape", at);
        }

        _pos++;
        long value = 0;
        int digits = 0;
        bool lastUnderscore = false;
        while (true)
        {
            byte c = Peek(0);
            int h = HexValue(c);
            if (h >= 0)
            {
                value = Math.Min(value * 16 + h, 0x7FFFFFFF);
                digits++;
                lastUnderscore = false;
            }
            else if (c == (byte)'_' && digits > 0 && !lastUnderscore)
            {
                lastUnderscore = true;
            }
            else
            {
                break;
            }

            _pos++;
        }

        if (digits == 0 || lastUnderscore || Peek(0) != (byte)'}')
        {
            throw Error("illegal escape", at);
        }

        _pos++;
        if (value is >= 0xD800 and < 0xE000 or > 0x10FFFF)
        {
            throw Error("malformed UTF-8 encoding", at);
        }

        Span<char> chars = stackalloc char[2];
        int n = new Rune((int)value).EncodeToUtf16(chars);
        Span<byte> bytes = stackalloc byte[4];
        int m = Encoding.UTF8.GetBytes(chars[..n], bytes);
        for (int i = 0; i < m; i++)
        {
            buf.Add(bytes[i]);
        }
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>True for the characters an identifier, keyword or number may contain.</summary>
    public static bool IsIdChar(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => true,
        >= (byte)'a' and <= (byte)'z' => true,
        >= (byte)'A' and <= (byte)'Z' => true,
        (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\'' or (byte)'*' or (byte)'+'
            or (byte)'-' or (byte)'.' or (byte)'/' or (byte)':' or (byte)'<' or (byte)'=' or (byte)'>' or (byte)'?'
            or (byte)'@' or (byte)'\\' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~' => true,
        _ => false,
    };

    /// <summary>The length of the well-formed UTF-8 sequence at <paramref name="i"/>, or 0 if it is malformed.</summary>
    private static int Utf8Length(byte[] s, int i)
    {
        byte b = s[i];
        int n;
        int min;
        if (b < 0x80)
        {
            return 1;
        }
        else if (b is >= 0xC2 and <= 0xDF)
        {
            n = 2;
            min = 0x80;
        }
        else if (b is >= 0xE0 and <= 0xEF)
        {
            n = 3;
            min = 0x800;
        }
        else if (b is >= 0xF0 and <= 0xF4)
        {
            n = 4;
            min = 0x10000;
        }
        else
        {
            return 0;
        }

        if (i + n > s.Length)
        {
            return 0;
        }

        int cp = b & (0xFF >> (n + 1));
        for (int k = 1; k < n; k++)
        {
            byte cb = s[i + k];
            if ((cb & 0xC0) != 0x80)
            {
                return 0;
            }

            cp = (cp << 6) | (cb & 0x3F);
        }

        return cp < min || cp > 0x10FFFF || cp is >= 0xD800 and < 0xE000 ? 0 : n;
    }

    /// <summary>True when <paramref name="bytes"/> is well-formed UTF-8 (names must be).</summary>
    public static bool IsValidUtf8(byte[] bytes)
    {
        for (int i = 0; i < bytes.Length;)
        {
            int n = Utf8Length(bytes, i);
            if (n == 0)
            {
                return false;
            }

            i += n;
        }

        return true;
    }
}
