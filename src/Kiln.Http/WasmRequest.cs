using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kiln.Http;

/// <summary>
/// Runs one request through a handler's executor and turns a failure into the status it deserves (trap 500,
/// timeout 504, malformed output 502), logging the cause on the server and recording metrics. The host never goes down
/// with a guest.
/// </summary>
public static class WasmRequest
{
    /// <summary>Serves <paramref name="context"/> with <paramref name="handler"/>, for the path match <paramref name="match"/>.</summary>
    public static async Task HandleAsync(HttpContext context, WasmHandler handler, RouteMatch match)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(match);
        long started = Stopwatch.GetTimestamp();
        string route = match.Pattern.Text;
        try
        {
            await handler.Executor.ExecuteAsync(context, handler, match).ConfigureAwait(false);
        }
        catch (HandlerFailedException e)
        {
            KilnHttpMetrics.Failed(route, e.Failure);
            Logger(context)?.LogWarning("{Method} {Path}: handler {Handler} (route {Route}) failed: {Reason}", context.Request.Method, context.Request.Path.Value, handler.Spec.Name, route, e.Message);
            await WriteErrorAsync(context, e.StatusCode).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            // An engine or host failure the executor did not foresee: still one 500, never the server down.
            Logger(context)?.LogError(e, "{Method} {Path}: handler {Handler} (route {Route}) failed unexpectedly: {Reason}", context.Request.Method, context.Request.Path.Value, handler.Spec.Name, route, e.Message);
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError).ConfigureAwait(false);
        }
        finally
        {
            KilnHttpMetrics.Request(route, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>Writes an error status with its reason phrase as a plain-text body, unless the response has started.</summary>
    public static async Task WriteErrorAsync(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        if (response.HasStarted)
        {
            // Too late for a status: cut the connection so the client sees a failure, not a short body.
            context.Abort();
            return;
        }

        response.Clear();
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync($"{status} {ReasonPhrases.GetReasonPhrase(status)}\n").ConfigureAwait(false);
    }

    private static ILogger? Logger(HttpContext context) =>
        context.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Kiln.Http");
}
