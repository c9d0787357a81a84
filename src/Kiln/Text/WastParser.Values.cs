using Kiln.Binary;

namespace Kiln.Text;

/// <summary>Arguments (constants) and expected results.</summary>
internal sealed partial class WastParser
{
    /// <summary>An argument: <c>(t.const n)</c>, <c>(v128.const shape n*)</c>, <c>(ref.null ht)</c>, <c>(ref.extern n)</c>, <c>(ref.host n)</c>.</summary>
    private WastValue ParseConst()
    {
        Expect(WatTokenKind.LParen);
        var head = ExpectKeywordToken();
        WastValue value = head.Text switch
        {
            "i32.const" => new WastValue(WastValueKind.I32, (uint)ParseInteger(32)),
            "i64.const" => new WastValue(WastValueKind.I64, ParseInteger(64)),
            "f32.const" => new WastValue(WastValueKind.F32, ParseF32()),
            "f64.const" => new WastValue(WastValueKind.F64, ParseF64()),
            "v128.const" => ParseV128(),
            "ref.null" => new WastValue(WastValueKind.RefNull, 0, 0, ParseHeapType()),
            "ref.extern" => new WastValue(WastValueKind.RefExtern, ParseInteger(32)),
            "ref.host" => new WastValue(WastValueKind.RefHost, ParseInteger(32)),
            _ => throw Error("unknown operator", head),
        };
        ExpectRParen();
        return value;
    }

    /// <summary>A result pattern of <c>assert_return</c>.</summary>
    private WastResult ParseResult()
    {
        _ = Current;
        int start = _pos;
        var open = Expect(WatTokenKind.LParen);
        var head = ExpectKeywordToken();
        WastResult result;
        switch (head.Text)
        {
            case "i32.const":
            case "i64.const":
                _pos = start;
                return new WastResult(WastResultKind.Exact) { Value = ParseConst() };
            case "v128.const":
                result = ParseV128Pattern();
                break;
            case "f32.const":
            case "f64.const":
                {
                    bool is32 = head.Text[1] == '3';
                    result = ParseFloatPattern(is32 ? ValType.F32 : ValType.F64, is32 ? 32 : 64);
                    if (result.Kind == WastResultKind.Exact)
                    {
                        result = result with { Value = new WastValue(is32 ? WastValueKind.F32 : WastValueKind.F64, result.Value!.Value.Bits) };
                    }

                    break;
                }

            case "ref.null":
                // The heap type is optional in results: any null matches.
                result = new WastResult(WastResultKind.RefNull);
                if (Current.Kind != WatTokenKind.RParen)
                {
                    result = result with { Value = new WastValue(WastValueKind.RefNull, 0, 0, ParseHeapType()) };
                }

                break;
            case "ref.extern":
            case "ref.host":
                {
                    bool host = head.Text == "ref.host";
                    result = new WastResult(host ? WastResultKind.RefHost : WastResultKind.RefExtern);
                    if (host || Current.Kind != WatTokenKind.RParen)
                    {
                        result = result with { Value = new WastValue(host ? WastValueKind.RefHost : WastValueKind.RefExtern, ParseInteger(32)) };
                    }

                    break;
                }

            case "ref.func":
                result = new WastResult(WastResultKind.RefFunc);
                break;
            case "ref.struct":
                result = new WastResult(WastResultKind.RefStruct);
                break;
            case "ref.array":
                result = new WastResult(WastResultKind.RefArray);
                break;
            case "ref.i31":
                result = new WastResult(WastResultKind.RefI31);
                break;
            case "ref.eq":
                result = new WastResult(WastResultKind.RefEq);
                break;
            case "ref.any":
                result = new WastResult(WastResultKind.RefAny);
                break;
            case "ref.exn":
                result = new WastResult(WastResultKind.RefExn);
                break;
            case "either":
                {
                    var alternatives = new List<WastResult>();
                    while (Current.Kind == WatTokenKind.LParen)
                    {
                        alternatives.Add(ParseResult());
                    }

                    if (alternatives.Count == 0)
                    {
                        throw Error("unexpected token", Current);
                    }

                    result = new WastResult(WastResultKind.Either) { Alternatives = [.. alternatives] };
                    break;
                }

            default:
                throw Error("unknown operator", head);
        }

        if (Current.Kind != WatTokenKind.RParen)
        {
            throw Error("unexpected token", Current.Kind == WatTokenKind.Eof ? open : Current);
        }

        _pos++;
        return result;
    }

    /// <summary>
    /// The lanes of <c>(v128.const shape ...)</c> as a result: <see cref="WastResultKind.Exact"/> when every lane is a
    /// number, otherwise <see cref="WastResultKind.V128Lanes"/> with one pattern per lane.
    /// </summary>
    private WastResult ParseV128Pattern()
    {
        int start = _pos;
        var (shape, lanes, width) = ParseShape();
        if (shape is not (WastLaneShape.F32x4 or WastLaneShape.F64x2))
        {
            _pos = start;
            return new WastResult(WastResultKind.Exact) { Value = ParseV128() };
        }

        var patterns = new WastResult[lanes];
        bool exact = true;
        for (int i = 0; i < lanes; i++)
        {
            patterns[i] = ParseFloatPattern(width == 32 ? ValType.F32 : ValType.F64, width);
            exact &= patterns[i].Kind == WastResultKind.Exact;
        }

        if (!exact)
        {
            return new WastResult(WastResultKind.V128Lanes) { Shape = shape, Lanes = patterns };
        }

        Span<byte> bytes = stackalloc byte[16];
        for (int i = 0; i < lanes; i++)
        {
            WriteLane(bytes, i, width, patterns[i].Value!.Value.Bits);
        }

        return new WastResult(WastResultKind.Exact) { Value = new WastValue(WastValueKind.V128, BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes[8..])) };
    }

    /// <summary>The lanes of <c>(v128.const shape n*)</c>, after <c>v128.const</c>.</summary>
    private WastValue ParseV128()
    {
        var (shape, lanes, width) = ParseShape();
        Span<byte> bytes = stackalloc byte[16];
        for (int i = 0; i < lanes; i++)
        {
            ulong bits = shape switch
            {
                WastLaneShape.F32x4 => ParseF32(),
                WastLaneShape.F64x2 => ParseF64(),
                _ => ParseInteger(width),
            };
            WriteLane(bytes, i, width, bits);
        }

        return new WastValue(WastValueKind.V128, BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes[8..]));
    }

    private (WastLaneShape Shape, int Lanes, int Width) ParseShape()
    {
        var token = ExpectKeywordToken();
        return token.Text switch
        {
            "i8x16" => (WastLaneShape.I8x16, 16, 8),
            "i16x8" => (WastLaneShape.I16x8, 8, 16),
            "i32x4" => (WastLaneShape.I32x4, 4, 32),
            "i64x2" => (WastLaneShape.I64x2, 2, 64),
            "f32x4" => (WastLaneShape.F32x4, 4, 32),
            "f64x2" => (WastLaneShape.F64x2, 2, 64),
            _ => throw Error("unexpected token", token),
        };
    }

    private static void WriteLane(Span<byte> bytes, int lane, int width, ulong bits)
    {
        int size = width / 8;
        for (int b = 0; b < size; b++)
        {
            bytes[(lane * size) + b] = (byte)(bits >> (8 * b));
        }
    }

    /// <summary>A float result position: a number, <c>nan:canonical</c> or <c>nan:arithmetic</c>.</summary>
    private WastResult ParseFloatPattern(ValType type, int width)
    {
        if (Current.Text is "nan:canonical" or "nan:arithmetic")
        {
            var kind = Next().Text == "nan:canonical" ? WastResultKind.NanCanonical : WastResultKind.NanArithmetic;
            return new WastResult(kind) { Type = type };
        }

        ulong bits = width == 32 ? ParseF32() : ParseF64();
        return new WastResult(WastResultKind.Exact) { Value = new WastValue(width == 32 ? WastValueKind.F32 : WastValueKind.F64, bits) };
    }

    private HeapType ParseHeapType()
    {
        var token = Next();
        if (token.Kind == WatTokenKind.Id)
        {
            // A type of some module: a null of it matches any null, so the index itself is not needed.
            return HeapType.OfIndex(-1);
        }

        if (token.Kind == WatTokenKind.Number)
        {
            _pos--;
            return HeapType.OfIndex((int)ParseInteger(32));
        }

        if (token.Kind != WatTokenKind.Keyword)
        {
            throw Error("unexpected token", token);
        }

        return token.Text switch
        {
            "func" => HeapType.Func,
            "extern" => HeapType.Extern,
            "exn" => HeapType.Exn,
            "any" => new HeapType(HeapKind.Any),
            "eq" => new HeapType(HeapKind.Eq),
            "i31" => new HeapType(HeapKind.I31),
            "struct" => new HeapType(HeapKind.Struct),
            "array" => new HeapType(HeapKind.Array),
            "none" => new HeapType(HeapKind.None),
            "nofunc" => new HeapType(HeapKind.NoFunc),
            "noextern" => new HeapType(HeapKind.NoExtern),
            "noexn" => new HeapType(HeapKind.NoExn),
            _ => throw Error("unexpected token", token),
        };
    }

    private WatToken ExpectKeywordToken()
    {
        var token = Current;
        if (token.Kind != WatTokenKind.Keyword)
        {
            throw Error(token.Kind == WatTokenKind.Eof ? "unexpected end of input" : "unexpected token", token);
        }

        _pos++;
        return token;
    }

    /// <summary>An integer literal of <paramref name="bits"/> bits (signed or unsigned range), zero-extended.</summary>
    private ulong ParseInteger(int bits)
    {
        var token = Next();
        return token.Kind == WatTokenKind.Number && NumberLiterals.TryParseInt(token.Text, bits, out ulong value)
            ? value
            : throw NumberError(token);
    }

    private uint ParseF32()
    {
        var token = Next();
        return token.Kind == WatTokenKind.Number && NumberLiterals.TryParseF32(token.Text, out uint value)
            ? value
            : throw NumberError(token);
    }

    private ulong ParseF64()
    {
        var token = Next();
        return token.Kind == WatTokenKind.Number && NumberLiterals.TryParseF64(token.Text, out ulong value)
            ? value
            : throw NumberError(token);
    }

    private static WatParseException NumberError(WatToken token) =>
        Error(token.Kind == WatTokenKind.Number ? "constant out of range" : "unexpected token", token);
}
