using System.Text.Json;
using System.Text.Json.Serialization;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;

namespace SurveyPlatform.Core.Disclosure;

/// <summary>
/// A release as stored (the platform keeps each run's current release): its published figures and counts, already
/// through disclosure control, and nothing else: no withheld number is in it, so reading it back can only show what
/// was published. The indicators' definitions come from the survey definition when it is read.
/// </summary>
public static class ReleaseJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private sealed record Document(
        string Survey, string SurveyVersion, long Responses, bool Weighted, bool Synthetic, string? InputSha256, int MinCell, string CiMethod,
        IReadOnlyList<string> Breakdowns, double DesignEffect, IReadOnlyList<IndicatorDocument> Indicators,
        IReadOnlyList<TrendResult> Trends, IReadOnlyList<DidResult> Dids, IReadOnlyList<CountTable> Counts);

    private sealed record IndicatorDocument(string Id, Estimate Overall, IReadOnlyList<GroupEstimate> Groups);

    public static string Write(Release release)
    {
        var r = release.Report;
        var document = new Document(r.Survey, r.SurveyVersion, r.Responses, r.Weighted, r.Synthetic, r.InputSha256, r.MinCell, r.CiMethod,
            r.Breakdowns, r.WeightingDesignEffect, [.. r.Indicators.Select(i => new IndicatorDocument(i.Id, i.Overall, i.Groups))],
            r.Trends, r.DifferenceInDifferences, release.Counts);
        return JsonSerializer.Serialize(document, Options);
    }

    /// <summary>Reads a stored release; indicators the definition no longer has are left out.</summary>
    public static Release Read(string json, SurveyDefinition definition)
    {
        var d = JsonSerializer.Deserialize<Document>(json, Options) ?? throw new JsonException("An empty release.");
        var indicators = d.Indicators.Select(i => (Stored: i, Definition: definition.Indicators.FirstOrDefault(x => x.Id == i.Id)))
            .Where(x => x.Definition is not null)
            .Select(x => new IndicatorResult { Id = x.Stored.Id, Kind = x.Definition!.Kind, Definition = x.Definition, Overall = x.Stored.Overall, Groups = x.Stored.Groups })
            .ToList();
        var report = new IndicatorReport
        {
            Survey = d.Survey,
            SurveyVersion = d.SurveyVersion,
            Responses = d.Responses,
            Weighted = d.Weighted,
            Synthetic = d.Synthetic,
            InputSha256 = d.InputSha256,
            MinCell = d.MinCell,
            CiMethod = d.CiMethod,
            Breakdowns = d.Breakdowns,
            Indicators = indicators,
            Trends = d.Trends,
            DifferenceInDifferences = d.Dids,
            WeightingDesignEffect = d.DesignEffect,
        };
        return new Release(report, d.Counts, new AuditReport(d.MinCell, []));
    }
}
