using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Core.Tests.Definitions;

namespace SurveyPlatform.Core.Tests.Indicators;

/// <summary>An organizer's own survey declares its own proportions, means and comparisons: the engine computes them as data.</summary>
public class OwnSurveyIndicatorTests
{
    private static readonly SurveyDefinition Mini = DefinitionLoader.Load(TestDefinitions.Valid, TestDefinitions.FileName);

    [Fact]
    public void Indicators_declared_in_a_definition_are_computed_from_its_items()
    {
        var builder = new ResponseTableBuilder(Mini);
        void Add(int count, string born, string? why, string? trust)
        {
            for (var i = 0; i < count; i++)
            {
                var row = builder.NewRow();
                builder.Set("born_here", row, born);
                if (why is not null) builder.Set("why", row, why);
                if (trust is not null) builder.Set("trust", row, trust);
            }
        }
        Add(40, "no", "a", "3");
        Add(20, "no", "b", "5");
        Add(60, "yes", "a b", "8");
        Add(10, "refuse", null, null);
        var report = IndicatorEngine.Compute(builder.Build(), new EngineOptions { Breakdowns = [Breakdown.Of("area")] });
        Assert.Equal(["born_abroad", "why_a", "trust_score", "gap"], report.Indicators.Select(i => i.Id));
        Assert.Equal(60.0 / 120, report.Find("born_abroad")!.Overall.Value!.Value, 12);
        // why_a is among born_here = no, with no excluded codes.
        Assert.Equal(60, report.Find("why_a")!.Overall.N);
        Assert.Equal(40.0 / 60, report.Find("why_a")!.Overall.Value!.Value, 12);
        var trust = report.Find("trust_score")!.Overall;
        Assert.Equal((40 * 30 + 20 * 50 + 60 * 80) / 120.0, trust.Value!.Value, 10);
        var gap = report.Find("gap")!.Overall;
        Assert.Equal((40 * 30 + 20 * 50) / 60.0 - 80, gap.Value!.Value, 10);
    }
}
