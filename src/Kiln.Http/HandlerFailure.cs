namespace Kiln.Http;

/// <summary>Why a request to a handler failed, and so which status the client gets.</summary>
public enum HandlerFailure
{
    /// <summary>The guest trapped, ran out of fuel, or exited with a non-zero code: 500.</summary>
    Trap,

    /// <summary>The guest ran past its timeout and was interrupted: 504.</summary>
    Timeout,

    /// <summary>The guest's output is not a valid response for its ABI (e.g. no CGI header block): 502.</summary>
    BadResponse,

    /// <summary>The module could not be instantiated (a missing import, a start function that trapped): 500.</summary>
    Instantiation,

    /// <summary>The request body is larger than the handler accepts: 413.</summary>
    RequestTooLarge,
}
