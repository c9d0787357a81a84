using Microsoft.AspNetCore.Http;

namespace Kiln.Http;

/// <summary>
/// A handler ABI: how a request reaches a guest and how its answer comes back. WAGI (<see cref="WagiExecutor"/>) is
/// CGI over WASI preview 1; the component model's <c>wasi:http/incoming-handler</c> is the next one, added beside it.
/// </summary>
public interface IWasmExecutor
{
    /// <summary>Defines on <paramref name="linker"/> every import this ABI gives guests; called once per handler module.</summary>
    void Define(Linker linker);

    /// <summary>
    /// Runs one request in a fresh instance of <paramref name="handler"/> and writes the response. Guest failures
    /// are thrown as <see cref="HandlerFailedException"/>; the caller turns them into error responses.
    /// </summary>
    Task ExecuteAsync(HttpContext context, WasmHandler handler, RouteMatch match);
}
