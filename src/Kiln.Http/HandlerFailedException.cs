namespace Kiln.Http;

/// <summary>A handler could not produce a response; <see cref="Failure"/> says why and <see cref="StatusCode"/> what the client gets.</summary>
public sealed class HandlerFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HandlerFailedException(HandlerFailure failure, string message, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
    }

    /// <summary>Creates a <see cref="HandlerFailure.Trap"/> failure.</summary>
    public HandlerFailedException()
        : this(HandlerFailure.Trap, "the handler failed")
    {
    }

    /// <summary>Creates a <see cref="HandlerFailure.Trap"/> failure with <paramref name="message"/>.</summary>
    public HandlerFailedException(string message)
        : this(HandlerFailure.Trap, message)
    {
    }

    /// <summary>Creates a <see cref="HandlerFailure.Trap"/> failure with <paramref name="message"/> and its cause.</summary>
    public HandlerFailedException(string message, Exception innerException)
        : this(HandlerFailure.Trap, message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public HandlerFailure Failure { get; }

    /// <summary>The HTTP status for the client.</summary>
    public int StatusCode => Failure switch
    {
        HandlerFailure.Timeout => 504,
        HandlerFailure.BadResponse => 502,
        HandlerFailure.RequestTooLarge => 413,
        _ => 500,
    };
}
