namespace Kiln.Runtime;

/// <summary>Exception-handling helpers called from generated code.</summary>
internal static class ExceptionOps
{
    /// <summary>The exception for <c>throw</c> of tag <paramref name="tag"/> with <paramref name="payload"/>; generated code throws it.</summary>
    public static Exception Create(Instance ctx, int tag, Value[] payload)
    {
        var t = ctx.Tags[tag];
        for (int i = 0; i < payload.Length; i++)
        {
            if (t.Type.Params[i].IsRef)
            {
                payload[i] = payload[i] with { Type = t.Type.Params[i] };
            }
        }

        return new GuestException(new ExceptionObject(t, payload));
    }

    /// <summary>The exception for <c>throw_ref</c>.</summary>
    public static Exception Rethrow(object? exn) =>
        exn is ExceptionObject e ? new GuestException(e) : new TrapException(TrapKind.NullReference, "null exception reference");

    /// <summary>Exception filter of every guest handler: a Wasm exception not delegated past this handler.</summary>
    public static int Filter(object exception, int method, int region) =>
        exception is GuestException { DelegateTo: var to } && (to is not { } t || t.Method != method || t.Frame == region) ? 1 : 0;

    /// <summary>Called when a handler takes the exception: any delegation has arrived.</summary>
    public static GuestException Accept(object exception)
    {
        var e = (GuestException)exception;
        e.DelegateTo = null;
        return e;
    }

    /// <summary>Legacy <c>delegate</c>: marks the exception for the handler of <paramref name="region"/> (-1: the caller) and returns it to throw.</summary>
    public static GuestException Delegate(GuestException e, int method, int region)
    {
        e.DelegateTo = (method, region);
        return e;
    }

    public static bool Matches(GuestException e, Instance ctx, int tag) => ReferenceEquals(e.Exception.Tag, ctx.Tags[tag]);

    public static Value Payload(GuestException e, int index) => e.Exception.Payload[index];

    public static object ExnRef(GuestException e) => e.Exception;
}
