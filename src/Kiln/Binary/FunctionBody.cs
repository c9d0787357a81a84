namespace Kiln.Binary;

/// <summary>A function's declared locals (parameters not included) and its instructions.</summary>
internal sealed record FunctionBody(LocalGroup[] Locals, Expr Body)
{
    /// <summary>Total number of declared locals.</summary>
    public long LocalCount
    {
        get
        {
            long n = 0;
            foreach (var g in Locals)
            {
                n += g.Count;
            }

            return n;
        }
    }
}
