namespace Kiln.Binary;

internal ref partial struct ModuleReader
{
    /// <summary>What kind of block is open, as far as the binary grammar cares (which of else/catch/delegate may follow).</summary>
    private enum Frame : byte
    {
        Block,
        If,
        Else,
        Try,
        TryCatch,
        TryCatchAll,
    }

    /// <summary>
    /// Walks an instruction sequence from the current position through the <c>end</c> that closes it, checking every
    /// encoding and the block structure, and returns it as an <see cref="Expr"/> over the module's bytes.
    /// </summary>
    private Expr ReadExpr(bool functionBody)
    {
        int start = _r.Position;

        // The reader sees the rest of the module, as the reference interpreter does: a body whose declared size is
        // too small runs into the next bytes and then fails the size check.
        var code = new InstructionReader(_bytes.Span[start..], _r.BaseOffset + start, _r.Section);
        int depth = 0;
        while (true)
        {
            var op = code.Read();
            switch (op)
            {
                case Opcode.Block or Opcode.Loop or Opcode.TryTable:
                    Push(ref depth, Frame.Block);
                    break;
                case Opcode.If:
                    Push(ref depth, Frame.If);
                    break;
                case Opcode.Try:
                    Push(ref depth, Frame.Try);
                    break;
                case Opcode.Else:
                    Replace(depth, Frame.If, Frame.If, Frame.Else, code.InstructionOffset);
                    break;
                case Opcode.Catch:
                    Replace(depth, Frame.Try, Frame.TryCatch, Frame.TryCatch, code.InstructionOffset);
                    break;
                case Opcode.CatchAll:
                    Replace(depth, Frame.Try, Frame.TryCatch, Frame.TryCatchAll, code.InstructionOffset);
                    break;
                case Opcode.Delegate:
                    if (depth == 0 || (Frame)_frames[depth - 1] != Frame.Try)
                    {
                        throw new WasmDecodeException("misplaced DELEGATE opcode", code.InstructionOffset, _r.Section);
                    }

                    depth--;
                    break;
                case Opcode.End:
                    if (depth == 0)
                    {
                        int length = code.Offset - (_r.BaseOffset + start);
                        _r.Position = start + length;
                        return new Expr(_bytes.Slice(start, length), _r.BaseOffset + start);
                    }

                    depth--;
                    break;
                case Opcode.MemoryInit or Opcode.DataDrop or Opcode.ArrayNewData or Opcode.ArrayInitData:
                    _usesDataIndex |= functionBody;
                    break;
            }
        }
    }

    private void Push(ref int depth, Frame frame)
    {
        if (depth == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[depth++] = (byte)frame;
    }

    /// <summary>
    /// Moves the innermost block from <paramref name="from1"/> or <paramref name="from2"/> to <paramref name="to"/>
    /// (if → else, try → catch). Anywhere else the reference decoder ends the block there and expects its <c>end</c>.
    /// </summary>
    private readonly void Replace(int depth, Frame from1, Frame from2, Frame to, int offset)
    {
        var top = depth == 0 ? (Frame?)null : (Frame)_frames[depth - 1];
        if (top != from1 && top != from2)
        {
            throw new WasmDecodeException("END opcode expected", offset, _r.Section);
        }

        _frames[depth - 1] = (byte)to;
    }
}
