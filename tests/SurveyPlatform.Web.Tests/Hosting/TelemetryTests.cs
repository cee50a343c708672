using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Hosting;

/// <summary>Metrics and traces say how the platform is doing, and nothing of a respondent (docs/anonymity.md).</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Exported_metrics_and_traces_hold_no_address_agent_answer_or_code_of_a_respondent()
    {
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        await using var factory = new PlatformFactory()
            .With("Telemetry:Enabled", "true")
            .WithServices(s =>
            {
                s.ConfigureOpenTelemetryTracerProvider(b => b.AddInMemoryExporter(activities));
                s.ConfigureOpenTelemetryMeterProvider(b => b.AddInMemoryExporter(metrics));
            });
        using var client = factory.CreateBrowser();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("TelemetryProbePhone/4.2");
        client.DefaultRequestHeaders.Add(ClientAddresses.Header, "203.0.113.77");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.23");
        var respondent = new Respondent(client, "community-trust");
        using (var open = new HttpRequestMessage(HttpMethod.Get, "/s/community-trust?lang=en&code=QWERT-YUIOP"))
            await respondent.SendAsync(open);
        var answers = new Dictionary<string, string[]>(StandardAnswers.ForeignBornVictim) { ["comments"] = ["TelemetryMarkerAnswer"] };
        await StandardAnswers.CompleteAsync(respondent, answers);
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, respondent.Status);

        factory.Service<TracerProvider>().ForceFlush();
        factory.Service<MeterProvider>().ForceFlush();

        var exported = new StringBuilder();
        lock (activities)
        {
            foreach (var activity in activities)
            {
                exported.AppendLine($"{activity.DisplayName} {activity.OperationName} {activity.StatusDescription}");
                foreach (var tag in activity.TagObjects)
                    exported.AppendLine($"  {tag.Key}={tag.Value}");
                foreach (var e in activity.Events)
                    exported.AppendLine($"  event {e.Name} {string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}"))}");
            }
        }
        foreach (var metric in metrics)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                exported.Append(metric.Name);
                foreach (var tag in point.Tags)
                    exported.Append(CultureInfoInvariant($" {tag.Key}={tag.Value}"));
                exported.AppendLine();
            }
        }
        var text = exported.ToString();

        Assert.Contains("surveyplatform.submissions outcome=accepted", text);
        Assert.Contains("http.server.request.duration", text);
        Assert.Contains("/s/{slug}", text);
        foreach (var needle in new[] { "203.0.113.77", "198.51.100.23", "TelemetryProbePhone", "QWERT", "YUIOP", "TelemetryMarkerAnswer", "code=QWERT", "area_2" })
            Assert.False(text.Contains(needle, StringComparison.OrdinalIgnoreCase), $"an exported signal holds '{needle}':\n{text}");
    }

    private static string CultureInfoInvariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
