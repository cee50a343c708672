using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Reports.Tests;

/// <summary>Report inputs made from the standard survey: synthetic responses run through the real indicator engine.</summary>
internal static class Samples
{
    public const string Organization = "Riverside Immigrant Rights Coalition";
    public const string ResultsUrl = "https://results.example.org/riverside-2026";
    public static readonly DateTimeOffset GeneratedAt = new(2026, 5, 4, 12, 0, 0, TimeSpan.Zero);

    public static readonly SurveyDefinition Survey =
        DefinitionLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "surveys", "community-trust.survey.json"));

    public static readonly IReadOnlyList<Breakdown> Breakdowns =
        [Breakdown.Of("born_here"), Breakdown.Of("household_concern"), Breakdown.Of("area"), Breakdown.Of("age_group"), Breakdown.Of("lang")];

    /// <summary>With waves, also by wave and by area in each wave (the brief's results by area over time).</summary>
    public static readonly IReadOnlyList<Breakdown> WaveBreakdowns = [.. Breakdowns, Breakdown.Of("wave"), Breakdown.Of("area", "wave")];

    private static readonly Lazy<(ResponseTable Table, IndicatorReport Report)> TwoWaves = new(() => Compute(1600, ["2025-Q4", "2026-Q2"], seed: 11));
    private static readonly Lazy<(ResponseTable Table, IndicatorReport Report)> OneWave = new(() => Compute(900, [], seed: 5));

    /// <summary>1,600 responses in two waves at two sites: trends and a difference in differences.</summary>
    public static IndicatorReport WithTrends => TwoWaves.Value.Report;

    /// <summary>900 responses, one wave: no trends.</summary>
    public static IndicatorReport SingleWave => OneWave.Value.Report;

    public static ResponseTable WithTrendsTable => TwoWaves.Value.Table;

    public static (ResponseTable Table, IndicatorReport Report) Compute(int count, IReadOnlyList<string> waves, int seed, int minCell = 10)
    {
        var table = SyntheticResponses.Generate(Survey, new SyntheticOptions
        {
            Count = count,
            Seed = seed,
            Waves = waves,
            Sites = waves.Count > 0 ? ["north", "south"] : [],
        });
        var report = IndicatorEngine.Compute(table, new EngineOptions
        {
            Breakdowns = waves.Count > 0 ? WaveBreakdowns : Breakdowns,
            MinCell = minCell,
            Did = waves.Count > 0 ? ("north", "south") : null,
            InputSha256 = "9f2c5a7e41d0b3c8e6f1a2b4c7d9e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2",
        });
        return (table, report);
    }

    public static ReportRequest Request(ReportKind kind, string language, IndicatorReport? report = null) =>
        new(kind, report ?? WithTrends, language, Organization)
        {
            Survey = Survey,
            PublicResultsUrl = ResultsUrl,
            GeneratedAt = GeneratedAt,
            SoftwareVersion = "0.1.0",
            Place = "Riverside County",
            FieldworkStart = new DateOnly(2026, 3, 2),
            FieldworkEnd = new DateOnly(2026, 4, 12),
            ResponseCounts = report is null ? Counts(WithTrendsTable) : [],
        };

    public static IReadOnlyList<ResponseCounts> Counts(ResponseTable table) =>
        ResponseCounts.From(Core.Disclosure.DisclosureControl.Publish(table, new EngineOptions(),
            new Core.Disclosure.ReleaseOptions { CountsBy = [ResponseTable.Lang, ResponseTable.Wave] }));
}
