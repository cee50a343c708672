using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Reports.Tests;

/// <summary>
/// A small data set built answer by answer with <see cref="ResponseTableBuilder"/>, so that some groups
/// are withheld: only 3 people chose gender "another" (privacy), few answered in Arabic, and area_4 is thin.
/// </summary>
internal static class SmallSample
{
    public const int AnotherGender = 3;

    public static readonly Lazy<IndicatorReport> Report = new(Build);

    private static IndicatorReport Build()
    {
        var survey = Samples.Survey;
        var random = new Random(42);
        var builder = new ResponseTableBuilder(survey);
        string Pick(params string[] codes) => codes[random.Next(codes.Length)];
        string Agree() => random.NextDouble() < 0.45 ? Pick("agree_strong", "agree_some") : Pick("disagree_some", "disagree_strong", "dont_know");
        for (var i = 0; i < 260; i++)
        {
            var row = builder.NewRow();
            void Set(string key, string value) => Assert.Null(builder.Set(key, row, value));
            Set("area", i % 13 == 0 ? "area_4" : Pick("area_1", "area_2", "area_3"));
            Set("age_group", Pick("18_24", "25_34", "35_44", "45_54", "55_64", "65_plus"));
            Set("gender", i < AnotherGender ? "another" : Pick("woman", "man"));
            var bornHere = Pick("yes", "no");
            Set("born_here", bornHere);
            if (bornHere == "no") Set("status_group", Pick("citizen", "permanent_resident", "other_documented", "undocumented"));
            Set("household_concern", Pick("yes", "no", "dont_know"));
            Set("home_language", Pick("en", "es", "vi"));
            foreach (var key in new[] { "chill_victim", "chill_info", "chill_witness", "chill_dv", "fear_contact", "less_safe" }) Set(key, Agree());
            Set("stops_without_reason", Pick("very_often", "somewhat_often", "not_too_often", "never"));
            Set("police_share_belief", Pick("yes", "no", "dont_know"));
            var victim = random.NextDouble() < 0.25 ? "yes" : "no";
            Set("victim_12m", victim);
            if (victim == "yes")
            {
                var reported = Pick("yes_all", "yes_some", "no");
                Set("reported", reported);
                if (reported != "yes_all") Set("why_not", Pick("immigration_fear", "not_serious", "police_wont_help immigration_fear"));
            }
            Set("trust_respect", random.Next(0, 11).ToString());
            Set("trust_listen", random.Next(0, 11).ToString());
            Set("safety", random.Next(0, 11).ToString());
            Set("policy_uplift", Pick("more_likely", "no_change", "less_likely"));
            Set("lang", i % 40 == 0 ? "ar" : Pick("en", "es"));
        }
        var table = builder.Build();
        return IndicatorEngine.Compute(table, new EngineOptions
        {
            Breakdowns = [Breakdown.Of("gender"), Breakdown.Of("area"), Breakdown.Of("born_here"), Breakdown.Of("lang")],
            MinCell = 10,
        });
    }
}
