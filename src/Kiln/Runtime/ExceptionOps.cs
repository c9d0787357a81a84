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

    public static bool Matches(GuestException e, Instance ctx, int tag) => ReferenceEquals(e.Exception.Tag, ctx.Tags[tag]);

    public static Value Payload(GuestException e, int index) => e.Exception.Payload[index];

    public static object ExnRef(GuestException e) => e.Exception;
}
