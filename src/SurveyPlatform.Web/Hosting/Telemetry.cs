using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SurveyPlatform.Data;

namespace SurveyPlatform.Web.Hosting;

/// <summary>The <c>Telemetry</c> configuration section.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";
    /// <summary>
    /// Collect metrics and traces. On by itself when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (they are then exported by
    /// OTLP, with the other standard <c>OTEL_*</c> settings); off otherwise, so that an installation without a collector pays nothing.
    /// </summary>
    public bool Enabled { get; set; }
}

/// <summary>
/// Metrics and traces by OpenTelemetry (docs/architecture.md, "Observability"): the framework's request durations per
/// route (page latencies), the platform's submission outcomes, the writer's queue depth and failures, database faults.
/// No signal carries a respondent's address, agent, answers or code: traces keep the route, the method and the status
/// only (<see cref="PrivacyProcessor"/>), and the platform's metrics are counts by outcome.
/// </summary>
public static class Telemetry
{
    public const string MeterName = "SurveyPlatform";

    public static void AddPlatformTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 };
        builder.Services.AddSingleton<PlatformMetrics>();
        if (!options.Enabled && !otlp)
            return;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("surveyplatform"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(MeterName, StoreMetrics.MeterName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o =>
                {
                    // Health probes every few seconds would drown the traces people look at. A respondent's request is
                    // never traced: its start time and status would record the moment of a post (docs/anonymity.md rule 2);
                    // the platform's submission metrics count respondents without a time of their own.
                    o.Filter = http => !http.Request.Path.StartsWithSegments("/healthz") && !Features.Respond.RespondentLogging.IsRespondentPath(http.Request.Path);
                    o.RecordException = false; // exception messages may quote what was sent
                })
                .AddProcessor(new PrivacyProcessor()));
        if (otlp)
            telemetry.UseOtlpExporter();
    }

    public static void UseSubmissionMetrics(this WebApplication app) => app.UseMiddleware<SubmissionMetrics>();
}

/// <summary>The platform's own instruments (meter <see cref="Telemetry.MeterName"/>).</summary>
public sealed class PlatformMetrics
{
    private static readonly Meter Meter = new(Telemetry.MeterName);

    /// <summary>Final posts of the survey by outcome: <c>accepted</c>, or refused as <c>closed</c>, <c>rejected</c>, <c>rate_limited</c>, <c>failed</c>.</summary>
    public Counter<long> Submissions { get; } = Meter.CreateCounter<long>("surveyplatform.submissions", "{post}",
        "Respondent posts that ended the survey (accepted) or were refused, by outcome.");

    /// <summary>Requests that failed because the database did not answer or refused the write.</summary>
    public Counter<long> DatabaseErrors { get; } = Meter.CreateCounter<long>("surveyplatform.database.errors", "{error}",
        "Requests and health probes that failed on the database.");
}

/// <summary>
/// Counts respondent posts by the status of their answer, without reading anything of the request: a redirect to the
/// thank-you page is an accepted submission; 410, 400, 429 and 5xx are refusals. Posts that only move between pages are not counted.
/// </summary>
public sealed class SubmissionMetrics(RequestDelegate next, PlatformMetrics metrics)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.StartsWithSegments("/s"))
        {
            await next(http);
            return;
        }
        try
        {
            await next(http);
        }
        finally
        {
            var status = http.Response.StatusCode;
            var outcome = status switch
            {
                StatusCodes.Status303SeeOther when http.Response.Headers.Location.ToString().Contains("/thanks", StringComparison.Ordinal) => "accepted",
                StatusCodes.Status410Gone => "closed",
                StatusCodes.Status400BadRequest => "rejected",
                StatusCodes.Status429TooManyRequests => "rate_limited",
                >= 500 => "failed",
                _ => null,
            };
            if (outcome is not null)
                metrics.Submissions.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}

/// <summary>
/// Keeps in a finished trace only what says which page was served and how: drops every tag that could name a client
/// (address, port, user agent), the query string (a one-time code may travel in it), full URLs and headers.
/// </summary>
public sealed class PrivacyProcessor : BaseProcessor<Activity>
{
    private static readonly string[] Dropped =
    [
        "client.address", "client.port", "network.peer.address", "network.peer.port", "user_agent.original",
        "url.query", "url.full", "http.url", "http.target", "http.client_ip", "http.user_agent", "net.peer.ip", "net.sock.peer.addr",
    ];

    public override void OnEnd(Activity activity)
    {
        foreach (var tag in Dropped)
            activity.SetTag(tag, null);
        foreach (var tag in activity.TagObjects.Select(t => t.Key).Where(k => k.StartsWith("http.request.header.", StringComparison.Ordinal)
                     || k.StartsWith("http.response.header.", StringComparison.Ordinal)).ToList())
        {
            activity.SetTag(tag, null);
        }

        activity.SetStatus(activity.Status, null); // a status description may quote an exception
    }
}
