using System.Globalization;
using System.Text;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Core.Tests.Indicators;
using SurveyPlatform.Core.Weighting;

namespace SurveyPlatform.Core.Tests.Weighting;

public class RakingTests
{
    private static readonly SurveyDefinition Standard = TestSurveys.Standard;

    private static ResponseTable Sample(int n, int seed, bool weighted)
    {
        var random = new Random(seed);
        var builder = new ResponseTableBuilder(Standard);
        string[] ages = ["18_24", "25_34", "35_44", "45_54", "55_64", "65_plus"];
        for (var i = 0; i < n; i++)
        {
            var row = builder.NewRow();
            // Young people and women over-represented, as online samples often are.
            builder.Set("age_group", row, ages[Math.Min(5, (int)(random.NextDouble() * random.NextDouble() * 7))]);
            builder.Set("gender", row, random.NextDouble() < 0.62 ? "woman" : random.NextDouble() < 0.95 ? "man" : "another");
            builder.Set("area", row, $"area_{random.Next(1, 5)}");
            if (weighted) builder.SetWeight(row, 0.5 + random.NextDouble());
        }
        return builder.Build();
    }

    private static readonly Margin Age = new(Breakdown.Of("age_group"), new Dictionary<string, double>
    {
        ["18_24"] = 1200,
        ["25_34"] = 1800,
        ["35_44"] = 1700,
        ["45_54"] = 1500,
        ["55_64"] = 1300,
        ["65_plus"] = 1500,
    });
    private static readonly Margin Gender = new(Breakdown.Of("gender"), new Dictionary<string, double>
    {
        ["woman"] = 4400,
        ["man"] = 4300,
        ["another"] = 300,
    });

    [Fact]
    public void Raked_weights_meet_every_margin()
    {
        var table = Sample(800, 1, weighted: false);
        var result = Raking.Rake(table, [Age, Gender]);
        Assert.True(result.Converged);
        foreach (var margin in new[] { Age, Gender })
        {
            var column = (CategoryColumn)table[margin.Variables.Keys[0]];
            foreach (var (code, total) in margin.Totals)
            {
                var index = column.IndexOf(code);
                var sum = Enumerable.Range(0, table.Count).Where(r => column.Values[r] == index).Sum(r => result.Weights[r]);
                Assert.Equal(total, sum, 6);
            }
        }
        Assert.True(result.DesignEffect > 1);
    }

    [Fact]
    public void Trimming_keeps_weights_within_bounds_of_the_mean()
    {
        var table = Sample(500, 2, weighted: false);
        var result = Raking.Rake(table, [Age, Gender], new RakingOptions { TrimLower = 0.5, TrimUpper = 2, MaxIterations = 200 });
        var mean = result.Weights.Average();
        Assert.All(result.Weights, w => Assert.InRange(w, 0.5 * mean * 0.999, 2 * mean * 1.001));
        Assert.True(result.Trimmed > 0);
    }

    [Fact]
    public void Margins_that_miss_a_category_present_in_the_data_are_refused_by_name()
    {
        var table = Sample(300, 3, weighted: false);
        var partial = new Margin(Breakdown.Of("gender"), new Dictionary<string, double> { ["woman"] = 4400, ["man"] = 4300 });
        var e = Assert.Throws<MarginsException>(() => Raking.Rake(table, [partial]));
        Assert.Contains(e.Problems, p => p.Contains("'another'") && p.Contains("margin gender"));
    }

    [Fact]
    public void Margins_file_errors_name_the_line_and_column()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "margin,category,total\ngender,woman,4400\ngender,man,-3\nshoe_size,42,10\n");
        var e = Assert.Throws<MarginsException>(() => Raking.ReadMargins(path, Standard));
        Assert.Contains(e.Problems, p => p.Contains("line 3, column total") && p.Contains("'-3'"));
        Assert.Contains(e.Problems, p => p.Contains("line 4, column margin") && p.Contains("shoe_size"));
        File.Delete(path);
    }

    [Trait("Needs", "R")]
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Weights_match_R_survey_rake(bool startWeighted)
    {
        var table = Sample(600, startWeighted ? 5 : 4, startWeighted);
        var ours = Raking.Rake(table, [Age, Gender], new RakingOptions { Epsilon = 1e-9, MaxIterations = 1000 });
        var data = new StringBuilder("age,gender,w0\n");
        for (var r = 0; r < table.Count; r++)
            data.Append(CultureInfo.InvariantCulture, $"{table["age_group"].Text(r)},{table["gender"].Text(r)},{table.Weight(r):R}\n");
        static string Population(string name, Margin m) =>
            $"{name},Freq\n" + string.Concat(m.Totals.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key},{t.Value}\n")));
        var reference = RReference.Run("""
            d <- read.csv("data.csv", colClasses = c("character", "character", "numeric"))
            des <- svydesign(ids = ~1, weights = ~w0, data = d)
            pa <- read.csv("age.csv", colClasses = c("character", "numeric"))
            pg <- read.csv("gender.csv", colClasses = c("character", "numeric"))
            r <- rake(des, list(~age, ~gender), list(pa, pg), control = list(maxit = 1000, epsilon = 1e-9))
            write.csv(data.frame(w = weights(r)), "out.csv", row.names = FALSE)
            """, ("data.csv", data.ToString()), ("age.csv", Population("age", Age)), ("gender.csv", Population("gender", Gender)));
        Assert.Equal(table.Count, reference.Count);
        for (var r = 0; r < table.Count; r++)
        {
            Assert.True(Math.Abs(reference[r].Number("w") - ours.Weights[r]) < 1e-4 * Math.Max(1, ours.Weights[r]),
                $"row {r}: R {reference[r].Number("w")}, ours {ours.Weights[r]}");
        }
    }
}
