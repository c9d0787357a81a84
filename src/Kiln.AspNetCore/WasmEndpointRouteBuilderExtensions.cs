using Kiln.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using AspNetRoutePattern = Microsoft.AspNetCore.Routing.Patterns.RoutePattern;
using AspNetRoutePatternFactory = Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory;

namespace Kiln.AspNetCore;

/// <summary>Maps routes of an ASP.NET Core app to WebAssembly handlers: <c>app.MapWasm("/api/{**path}", "handler.wasm")</c>.</summary>
public static class WasmEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves requests matching <paramref name="pattern"/> (an ASP.NET Core route: literals, <c>{name}</c>
    /// parameters, and a final catch-all <c>{**rest}</c> whose value becomes <c>PATH_INFO</c>) with the WAGI handler
    /// <paramref name="modulePath"/>, in a fresh instance per request. The module is compiled and linked now.
    /// Errors become 500 (trap), 504 (timeout) and 502 (malformed output), as with <c>kiln serve</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The pattern has optional or complex segments, which WAGI routes cannot express.</exception>
    /// <exception cref="IOException">The module file cannot be read.</exception>
    /// <exception cref="WasmException">The module is malformed or invalid, or imports something WAGI does not give.</exception>
    public static IEndpointConventionBuilder MapWasm(this IEndpointRouteBuilder endpoints, string pattern, string modulePath, WasmHandlerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(modulePath);
        options ??= new WasmHandlerOptions();
        string fullPath = Path.GetFullPath(modulePath);
        var route = RoutePattern.Parse(ToWagiRoute(AspNetRoutePatternFactory.Parse(pattern), pattern));
        var handler = WasmHandler.Load(new HandlerSpec
        {
            Name = options.Name ?? Path.GetFileNameWithoutExtension(fullPath),
            ModulePath = fullPath,
            Executor = options.Executor,
            Environment = [.. options.Environment],
            Files = [.. options.Files],
            Limits = options.Limits,
        });
        return endpoints.Map(pattern, context => HandleAsync(context, handler, route)).WithDisplayName($"Wasm {handler.Spec.Name} {pattern}");
    }

    private static async Task HandleAsync(HttpContext context, WasmHandler handler, RoutePattern route)
    {
        // The route already matched in ASP.NET Core's terms; re-matching in WAGI's terms yields PATH_INFO and the named segments.
        string path = context.Request.Path.ToUriComponent();
        if (route.Match(path.Length == 0 ? "/" : path) is not { } match)
        {
            await WasmRequest.WriteErrorAsync(context, StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }

        await WasmRequest.HandleAsync(context, handler, match).ConfigureAwait(false);
    }

    // "/api/{id:int}/{**rest}" -> "/api/:id/...".
    private static string ToWagiRoute(AspNetRoutePattern pattern, string text)
    {
        var segments = new List<string>();
        for (int i = 0; i < pattern.PathSegments.Count; i++)
        {
            var parts = pattern.PathSegments[i].Parts;
            if (parts.Count != 1)
            {
                throw new ArgumentException($"route \"{text}\": segment {i + 1} mixes literals and parameters, which a Wasm route cannot express", nameof(pattern));
            }

            switch (parts[0])
            {
                case Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal:
                    segments.Add(literal.Content);
                    break;
                case Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.IsCatchAll:
                    if (i != pattern.PathSegments.Count - 1)
                    {
                        throw new ArgumentException($"route \"{text}\": the catch-all parameter must be last", nameof(pattern));
                    }

                    segments.Add("...");
                    break;
                case Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when !p.IsOptional && p.Default is null:
                    segments.Add(":" + p.Name);
                    break;
                default:
                    throw new ArgumentException($"route \"{text}\": optional parameters and defaults cannot be expressed in a Wasm route; map each form separately", nameof(pattern));
            }
        }

        return "/" + string.Join('/', segments);
    }
}
