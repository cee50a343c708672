using System.Text.Json;
using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Indicators;

/// <summary>
/// Writes an <see cref="IndicatorReport"/> in the JSON contract of indicators.md: numbers unrounded, and
/// suppressed results with null numbers (and null n when suppressed for privacy).
/// </summary>
public static class IndicatorJson
{
    public static void Write(IndicatorReport report, Stream stream, bool indented = true)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        json.WriteStartObject();
        json.WriteString("survey", report.Survey);
        json.WriteString("survey_version", report.SurveyVersion);
        // Below the privacy threshold not even the number of responses is published.
        if (report.PublishedResponses is { } responses) json.WriteNumber("responses", responses); else json.WriteNull("responses");
        json.WriteBoolean("weighted", report.Weighted);
        if (report.Synthetic) json.WriteBoolean("synthetic", true);
        if (report.InputSha256 is { } sha) json.WriteString("input_sha256", sha); else json.WriteNull("input_sha256");
        json.WriteNumber("min_cell", report.MinCell);
        json.WriteString("ci", report.CiMethod);
        json.WriteNumber("design_effect_weighting", report.WeightingDesignEffect);
        json.WriteStartArray("breakdowns");
        foreach (var b in report.Breakdowns) json.WriteStringValue(b);
        json.WriteEndArray();

        json.WriteStartArray("indicators");
        foreach (var indicator in report.Indicators)
        {
            json.WriteStartObject();
            json.WriteString("id", indicator.Id);
            json.WriteString("kind", indicator.Kind.ToString().ToLowerInvariant());
            json.WriteString("label", indicator.Definition.Label.Get("en"));
            json.WritePropertyName("overall");
            WriteEstimate(json, indicator.Overall, indicator.Kind);
            json.WriteStartArray("groups");
            foreach (var group in indicator.Groups) WriteGroup(json, group, indicator.Kind);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("trends");
        foreach (var trend in report.Trends)
        {
            var kind = report.Find(trend.IndicatorId)?.Kind ?? IndicatorKind.Proportion;
            json.WriteStartObject();
            json.WriteString("id", trend.IndicatorId);
            json.WriteStartArray("waves");
            foreach (var wave in trend.Waves) WriteGroup(json, wave, kind);
            json.WriteEndArray();
            json.WriteStartArray("changes");
            foreach (var change in trend.Changes)
            {
                json.WriteStartObject();
                json.WriteString("from", change.From);
                json.WriteString("to", change.To);
                WriteFields(json, change.Change, IndicatorKind.Difference);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("difference_in_differences");
        foreach (var did in report.DifferenceInDifferences)
        {
            json.WriteStartObject();
            json.WriteString("id", did.IndicatorId);
            json.WriteString("site", did.Site);
            json.WriteString("comparison_site", did.ComparisonSite);
            json.WriteString("before", did.Before);
            json.WriteString("after", did.After);
            json.WritePropertyName("site_change");
            WriteEstimate(json, did.SiteChange, IndicatorKind.Difference);
            json.WritePropertyName("comparison_change");
            WriteEstimate(json, did.ComparisonChange, IndicatorKind.Difference);
            json.WritePropertyName("did");
            WriteEstimate(json, did.Did, IndicatorKind.Difference);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string ToJson(IndicatorReport report)
    {
        using var stream = new MemoryStream();
        Write(report, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteGroup(Utf8JsonWriter json, GroupEstimate group, IndicatorKind kind)
    {
        json.WriteStartObject();
        json.WriteString("by", group.By);
        json.WriteString("value", group.Value);
        WriteFields(json, group.Estimate, kind);
        json.WriteEndObject();
    }

    private static void WriteEstimate(Utf8JsonWriter json, Estimate e, IndicatorKind kind)
    {
        json.WriteStartObject();
        WriteFields(json, e, kind);
        json.WriteEndObject();
    }

    private static void WriteFields(Utf8JsonWriter json, Estimate e, IndicatorKind kind)
    {
        var shown = e.IsPresented;
        Number(json, "estimate", shown ? e.Value : null);
        Number(json, "se", shown ? e.Se : null);
        Number(json, "ci_low", shown ? e.CiLow : null);
        Number(json, "ci_high", shown ? e.CiHigh : null);
        if (e.N is { } n) json.WriteNumber("n", n); else json.WriteNull("n");
        Number(json, "n_eff", shown ? e.NEff : null);
        json.WriteString("decision", e.Decision);
        json.WriteStartArray("reasons");
        foreach (var r in e.Reasons) json.WriteStringValue(r);
        json.WriteEndArray();
        json.WriteStartArray("flags");
        foreach (var f in e.Flags) json.WriteStringValue(f);
        json.WriteEndArray();
        if (kind == IndicatorKind.Difference)
        {
            if (shown && e.Significant is { } s) json.WriteBoolean("significant", s); else json.WriteNull("significant");
        }
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) json.WriteNumber(name, v); else json.WriteNull(name);
    }
}
