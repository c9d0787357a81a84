using System.Diagnostics.Metrics;

namespace Kiln.Http;

/// <summary>
/// The server's instruments, on the meter <see cref="MeterName"/>: requests, latency, instantiations, traps and
/// timeouts, each tagged with the route. <c>kiln serve</c> exports them in Prometheus format at <c>/metrics</c>.
/// </summary>
public static class KilnHttpMetrics
{
    /// <summary>The meter name to subscribe to (OpenTelemetry's <c>AddMeter</c>).</summary>
    public const string MeterName = "Kiln.Http";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("kiln.http.requests", "{request}", "Requests handled, by route and status code.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "kiln.http.request.duration",
        "s",
        "Time from routing to the end of the response, by route.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly Counter<long> Instantiations = Meter.CreateCounter<long>("kiln.http.instantiations", "{instance}", "Handler instances created (one per request that reaches a guest).");

    private static readonly Counter<long> Traps = Meter.CreateCounter<long>("kiln.http.traps", "{trap}", "Requests whose guest trapped, ran out of fuel or exited non-zero.");

    private static readonly Counter<long> Timeouts = Meter.CreateCounter<long>("kiln.http.timeouts", "{timeout}", "Requests whose guest was interrupted at its timeout.");

    // Status codes boxed once: a tag value is an object, and every request records one.
    private static readonly object[] BoxedStatus = [.. Enumerable.Range(0, 600).Select(s => (object)s)];

    internal static void Request(string route, int status, double seconds)
    {
        var r = new KeyValuePair<string, object?>("route", route);
        Requests.Add(1, r, new KeyValuePair<string, object?>("status", (uint)status < (uint)BoxedStatus.Length ? BoxedStatus[status] : status));
        Duration.Record(seconds, r);
    }

    internal static void Instantiated(string route) => Instantiations.Add(1, new KeyValuePair<string, object?>("route", route));

    internal static void Failed(string route, HandlerFailure failure)
    {
        var r = new KeyValuePair<string, object?>("route", route);
        if (failure == HandlerFailure.Trap)
        {
            Traps.Add(1, r);
        }
        else if (failure == HandlerFailure.Timeout)
        {
            Timeouts.Add(1, r);
        }
    }
}
