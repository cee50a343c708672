using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Tests.Indicators;

public class IndicatorEngineTests
{
    private static readonly SurveyDefinition Standard = TestSurveys.Standard;

    /// <summary>Rows as answers; each dictionary may also carry lang, wave, site and weight.</summary>
    private static ResponseTable Table(IEnumerable<Dictionary<string, string>> rows)
    {
        var builder = new ResponseTableBuilder(Standard);
        foreach (var answers in rows)
        {
            var row = builder.NewRow();
            foreach (var (key, value) in answers)
                Assert.Null(key == "weight" ? builder.SetWeight(row, value) : builder.Set(key, row, value));
        }
        return builder.Build();
    }

    private static IEnumerable<Dictionary<string, string>> Repeat(int count, Dictionary<string, string> answers) =>
        Enumerable.Range(0, count).Select(_ => new Dictionary<string, string>(answers));

    [Fact]
    public void Denominator_counts_dont_know_and_leaves_out_refuse_and_blank()
    {
        var table = Table([
            .. Repeat(30, new() { ["chill_victim"] = "agree_strong" }),
            .. Repeat(20, new() { ["chill_victim"] = "agree_some" }),
            .. Repeat(40, new() { ["chill_victim"] = "disagree_some" }),
            .. Repeat(10, new() { ["chill_victim"] = "dont_know" }),
            .. Repeat(25, new() { ["chill_victim"] = "refuse" }),
            .. Repeat(15, new() { ["gender"] = "woman" }),
        ]);
        var victim = IndicatorEngine.Compute(table).Find("victim_chill")!.Overall;
        Assert.Equal(100, victim.N);
        Assert.Equal(0.5, victim.Value!.Value, 12);
    }

    [Fact]
    public void Reporting_rate_is_among_victims_and_immigration_reason_reads_a_multiple_choice_item()
    {
        var table = Table([
            .. Repeat(40, new() { ["victim_12m"] = "yes", ["reported"] = "yes_all" }),
            .. Repeat(20, new() { ["victim_12m"] = "yes", ["reported"] = "yes_some", ["why_not"] = "immigration_fear not_serious" }),
            .. Repeat(30, new() { ["victim_12m"] = "yes", ["reported"] = "no", ["why_not"] = "not_serious" }),
            .. Repeat(10, new() { ["victim_12m"] = "yes", ["reported"] = "refuse" }),
            .. Repeat(200, new() { ["victim_12m"] = "no" }),
        ]);
        var report = IndicatorEngine.Compute(table);
        var rate = report.Find("reporting_rate")!.Overall;
        Assert.Equal(90, rate.N);
        Assert.Equal(60.0 / 90, rate.Value!.Value, 12);
        var reason = report.Find("immigration_reason")!.Overall;
        Assert.Equal(50, reason.N);
        Assert.Equal(0.4, reason.Value!.Value, 12);
    }

    [Fact]
    public void Trust_score_is_ten_times_the_mean_of_the_answered_items()
    {
        var table = Table([
            .. Repeat(20, new() { ["trust_respect"] = "6", ["trust_listen"] = "8" }),
            .. Repeat(20, new() { ["trust_respect"] = "4" }),
            .. Repeat(5, new() { ["safety"] = "5" }),
        ]);
        var trust = IndicatorEngine.Compute(table).Find("trust_score")!.Overall;
        Assert.Equal(40, trust.N);
        Assert.Equal((20 * 70 + 20 * 40) / 40.0, trust.Value!.Value, 10);
    }

    [Fact]
    public void Groups_under_k_are_hidden_without_n_and_the_next_smallest_group_is_hidden_too()
    {
        var table = Table([
            .. Repeat(120, new() { ["born_here"] = "yes", ["chill_victim"] = "agree_some" }),
            .. Repeat(60, new() { ["born_here"] = "yes", ["chill_victim"] = "disagree_some" }),
            .. Repeat(50, new() { ["born_here"] = "no", ["chill_victim"] = "agree_some" }),
            .. Repeat(40, new() { ["born_here"] = "no", ["chill_victim"] = "disagree_some" }),
            .. Repeat(4, new() { ["born_here"] = "refuse", ["chill_victim"] = "agree_some" }),
        ]);
        var groups = IndicatorEngine.Compute(table, new EngineOptions { Breakdowns = [Breakdown.Of("born_here")] })
            .Find("victim_chill")!.Groups.ToDictionary(g => g.Value, g => g.Estimate);
        Assert.Equal([Decisions.Privacy], groups["refuse"].Reasons);
        Assert.Null(groups["refuse"].N);
        Assert.Null(groups["refuse"].Value);
        Assert.Equal([Decisions.Complementary], groups["no"].Reasons);
        Assert.Null(groups["no"].N);
        Assert.Null(groups["no"].Value);
        Assert.True(groups["yes"].IsPresented);
        Assert.Equal(180, groups["yes"].N);
    }

    [Fact]
    public void Blank_answers_to_the_breakdown_item_form_a_group_that_is_protected_like_any_other()
    {
        var table = Table([
            .. Repeat(100, new() { ["born_here"] = "yes", ["chill_victim"] = "agree_some" }),
            .. Repeat(100, new() { ["born_here"] = "yes", ["chill_victim"] = "disagree_some" }),
            .. Repeat(80, new() { ["born_here"] = "no", ["chill_victim"] = "agree_some" }),
            .. Repeat(3, new() { ["chill_victim"] = "agree_some" }),
        ]);
        var groups = IndicatorEngine.Compute(table, new EngineOptions { Breakdowns = [Breakdown.Of("born_here")] })
            .Find("victim_chill")!.Groups;
        Assert.Equal(GroupEstimate.NotAnswered, groups[^1].Value);
        Assert.Equal([Decisions.Privacy], groups[^1].Estimate.Reasons);
        // Overall (283) minus "yes" (200) would reveal "no" plus the 3 blank rows: "no" must go too.
        Assert.Equal([Decisions.Complementary], groups.Single(g => g.Value == "no").Estimate.Reasons);
    }

    [Fact]
    public void Overall_results_need_at_least_k_respondents()
    {
        var table = Table(Repeat(9, new() { ["chill_victim"] = "agree_some" }));
        var overall = IndicatorEngine.Compute(table).Find("victim_chill")!.Overall;
        Assert.Equal([Decisions.Privacy], overall.Reasons);
        Assert.Null(overall.N);
        Assert.True(IndicatorEngine.Compute(table, new EngineOptions { MinCell = 5 }).Find("victim_chill")!.Overall.N == 9);
    }

    [Fact]
    public void The_privacy_threshold_cannot_go_below_five()
    {
        var table = Table(Repeat(10, new() { ["chill_victim"] = "agree_some" }));
        var e = Assert.Throws<ArgumentException>(() => IndicatorEngine.Compute(table, new EngineOptions { MinCell = 4 }));
        Assert.Contains("5 or more", e.Message);
    }

    [Fact]
    public void A_filter_that_leaves_out_fewer_than_k_rows_is_suppressed_as_differencing()
    {
        var rows = new List<Dictionary<string, string>>();
        rows.AddRange(Repeat(150, new() { ["area"] = "area_1", ["chill_victim"] = "agree_some" }));
        rows.AddRange(Repeat(150, new() { ["area"] = "area_2", ["chill_victim"] = "disagree_some" }));
        rows.AddRange(Repeat(3, new() { ["area"] = "area_3", ["chill_victim"] = "agree_some" }));
        var table = Table(rows);
        // "Everyone but area_3" differs from "everyone" by 3 respondents: publishing both would reveal their answers.
        var filtered = IndicatorEngine.Compute(table, new EngineOptions { Filter = ConditionParser.Parse("area != area_3") });
        var overall = filtered.Find("victim_chill")!.Overall;
        Assert.Equal(Decisions.Suppress, overall.Decision);
        Assert.Equal([Decisions.Differencing], overall.Reasons);
        Assert.Null(overall.Value);
        Assert.Null(overall.N);
        // A filter that leaves out a whole group of k or more is fine.
        var area1 = IndicatorEngine.Compute(table, new EngineOptions { Filter = ConditionParser.Parse("area = area_1") });
        Assert.True(area1.Find("victim_chill")!.Overall.IsPresented);
    }

    [Fact]
    public void Status_gap_is_the_difference_between_born_abroad_and_born_here()
    {
        var table = Table([
            .. Repeat(60, new() { ["born_here"] = "no", ["chill_victim"] = "agree_some" }),
            .. Repeat(40, new() { ["born_here"] = "no", ["chill_victim"] = "disagree_some" }),
            .. Repeat(30, new() { ["born_here"] = "yes", ["chill_victim"] = "agree_some" }),
            .. Repeat(120, new() { ["born_here"] = "yes", ["chill_victim"] = "disagree_some" }),
        ]);
        var report = IndicatorEngine.Compute(table);
        var gap = report.Find("status_gap")!.Overall;
        Assert.Equal(0.6 - 0.2, gap.Value!.Value, 12);
        var seA = Math.Sqrt(100.0 / 99 * 0.6 * 0.4 / 100);
        var seB = Math.Sqrt(150.0 / 149 * 0.2 * 0.8 / 150);
        Assert.Equal(Math.Sqrt(seA * seA + seB * seB), gap.Se!.Value, 10);
        Assert.True(gap.Significant);
        Assert.Equal(250, gap.N);
    }

    [Fact]
    public void Two_way_breakdowns_hide_small_cells_and_enough_others_that_no_row_or_column_gives_them_back()
    {
        var rows = new List<Dictionary<string, string>>();
        foreach (var area in new[] { "area_1", "area_2", "area_3" })
        {
            foreach (var born in new[] { "yes", "no" })
            {
                rows.AddRange(Repeat(area == "area_3" && born == "no" ? 4 : 60,
                    new() { ["area"] = area, ["born_here"] = born, ["chill_victim"] = "agree_some" }));
            }
        }

        var report = IndicatorEngine.Compute(Table(rows), new EngineOptions { Breakdowns = [Breakdown.Of("area", "born_here")] });
        var groups = report.Find("victim_chill")!.Groups.ToDictionary(g => g.Value, g => g.Estimate);
        Assert.Equal([Decisions.Privacy], groups["area_3 x no"].Reasons);
        Assert.Null(groups["area_3 x no"].N);
        // The status gap publishes the "born here = no" total: the column must hide more than the 4.
        Assert.True(groups.Count(g => g.Key.EndsWith(" x no", StringComparison.Ordinal) && g.Value.N is not null) <= 1,
            "in the born_here = no column at least two cells must be hidden");
        Assert.All(groups.Values.Where(g => !g.IsPresented), g => Assert.Null(g.Value));
        var attacker = new Disclosure.LinearAttacker(Standard, ["area", "born_here"]);
        attacker.Read(report, "victim_chill");
        Assert.Empty(attacker.Attack(report.Find("victim_chill")!.Groups.Where(g => g.Estimate.N is null)
            .Select(g => (g.Value, attacker.Group(g.By, g.Value))), 10));
    }

    [Fact]
    public void Trends_compare_consecutive_waves_and_did_compares_the_change_between_sites()
    {
        var rows = new List<Dictionary<string, string>>();
        void Add(string site, string wave, int agree, int disagree)
        {
            rows.AddRange(Repeat(agree, new() { ["site"] = site, ["wave"] = wave, ["chill_victim"] = "agree_some" }));
            rows.AddRange(Repeat(disagree, new() { ["site"] = site, ["wave"] = wave, ["chill_victim"] = "disagree_some" }));
        }
        Add("cook", "2026-Q1", 40, 60);
        Add("cook", "2026-Q2", 60, 40);
        Add("harris", "2026-Q1", 45, 55);
        Add("harris", "2026-Q2", 50, 50);
        var report = IndicatorEngine.Compute(Table(rows), new EngineOptions { Did = ("cook", "harris") });
        var trend = report.Trends.Single(t => t.IndicatorId == "victim_chill");
        Assert.Equal(["2026-Q1", "2026-Q2"], trend.Waves.Select(w => w.Value));
        Assert.Equal(0.55 - 0.425, trend.Changes.Single().Change.Value!.Value, 12);
        var did = report.DifferenceInDifferences.Single(d => d.IndicatorId == "victim_chill");
        Assert.Equal(0.2, did.SiteChange.Value!.Value, 12);
        Assert.Equal(0.05, did.ComparisonChange.Value!.Value, 12);
        Assert.Equal(0.15, did.Did.Value!.Value, 12);
        double V(double p) => 100.0 / 99 * p * (1 - p) / 100;
        Assert.Equal(Math.Sqrt(V(0.4) + V(0.6) + V(0.45) + V(0.5)), did.Did.Se!.Value, 10);
    }

    [Fact]
    public void A_trend_over_three_waves_gives_the_change_from_the_first_to_the_last_wave()
    {
        var rows = new List<Dictionary<string, string>>();
        void Add(string wave, int agree, int disagree)
        {
            rows.AddRange(Repeat(agree, new() { ["wave"] = wave, ["chill_victim"] = "agree_some" }));
            rows.AddRange(Repeat(disagree, new() { ["wave"] = wave, ["chill_victim"] = "disagree_some" }));
        }
        Add("2026-Q1", 40, 60);
        Add("2026-Q2", 42, 58);
        Add("2026-Q3", 50, 50);
        var trend = IndicatorEngine.Compute(Table(rows)).Trends.Single(t => t.IndicatorId == "victim_chill");
        Assert.Equal(2, trend.Changes.Count);
        var whole = trend.FirstToLast!;
        Assert.Equal(("2026-Q1", "2026-Q3"), (whole.From, whole.To));
        Assert.Equal(0.10, whole.Change.Value!.Value, 12);
        double V(double p) => 100.0 / 99 * p * (1 - p) / 100;
        Assert.Equal(Math.Sqrt(V(0.4) + V(0.5)), whole.Change.Se!.Value, 10);
    }

    [Fact]
    public void Weights_change_the_estimate_and_the_design_effect_is_reported()
    {
        var rows = new List<Dictionary<string, string>>();
        rows.AddRange(Repeat(50, new() { ["chill_victim"] = "agree_some", ["weight"] = "3" }));
        rows.AddRange(Repeat(50, new() { ["chill_victim"] = "disagree_some", ["weight"] = "1" }));
        var report = IndicatorEngine.Compute(Table(rows));
        Assert.True(report.Weighted);
        Assert.Equal(0.75, report.Find("victim_chill")!.Overall.Value!.Value, 12);
        Assert.Equal(100 * (50 * 9 + 50) / (200.0 * 200), report.WeightingDesignEffect, 12);
    }

    [Fact]
    public void Breakdowns_are_only_single_choice_items_or_site_wave_lang()
    {
        Assert.Equal(["area", "born_here"], Breakdown.Parse("areaxborn_here", Standard).Keys);
        Assert.Equal(["area", "born_here"], Breakdown.Parse("area x born_here", Standard).Keys);
        Assert.Equal(["site"], Breakdown.Parse("site", Standard).Keys);
        var e = Assert.Throws<ArgumentException>(() => Breakdown.Parse("trust_respect", Standard));
        Assert.Contains("scale item, not a single-choice item", e.Message);
        Assert.Contains("allowed: area, age_group", e.Message);
        Assert.Throws<ArgumentException>(() => Breakdown.Parse("why_not", Standard));
        Assert.Throws<ArgumentException>(() => Breakdown.Parse("shoe_size", Standard));
    }

    [Fact]
    public void Json_follows_the_contract_and_never_carries_numbers_of_suppressed_results()
    {
        var table = SyntheticResponses.Generate(Standard, new SyntheticOptions { Count = 400, Seed = 3 });
        var report = IndicatorEngine.Compute(table, new EngineOptions { Breakdowns = [Breakdown.Of("status_group")], InputSha256 = "abc" });
        using var json = System.Text.Json.JsonDocument.Parse(IndicatorJson.ToJson(report));
        var root = json.RootElement;
        Assert.Equal("community-trust", root.GetProperty("survey").GetString());
        Assert.Equal(400, root.GetProperty("responses").GetInt32());
        Assert.Equal("abc", root.GetProperty("input_sha256").GetString());
        Assert.True(root.GetProperty("synthetic").GetBoolean());
        var indicators = root.GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal(Standard.Indicators.Select(i => i.Id), indicators.Select(i => i.GetProperty("id").GetString()));
        var all = indicators.SelectMany(i => i.GetProperty("groups").EnumerateArray().Append(i.GetProperty("overall"))).ToList();
        Assert.Contains(all, e => e.GetProperty("decision").GetString() == "suppress");
        foreach (var e in all)
        {
            foreach (var field in new[] { "estimate", "se", "ci_low", "ci_high", "n", "n_eff", "decision", "reasons", "flags" })
                Assert.True(e.TryGetProperty(field, out _), $"missing {field}");
            if (e.GetProperty("decision").GetString() != "suppress") continue;
            foreach (var field in new[] { "estimate", "se", "ci_low", "ci_high", "n_eff" })
                Assert.Equal(System.Text.Json.JsonValueKind.Null, e.GetProperty(field).ValueKind);
            var reasons = e.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
            if (reasons.Contains("privacy") || reasons.Contains("complementary"))
                Assert.Equal(System.Text.Json.JsonValueKind.Null, e.GetProperty("n").ValueKind);
        }
        var gap = indicators.Single(i => i.GetProperty("id").GetString() == "status_gap");
        Assert.Equal("difference", gap.GetProperty("kind").GetString());
        Assert.True(gap.GetProperty("overall").TryGetProperty("significant", out _));
    }

    [Fact]
    public void Asking_for_the_wave_and_site_breakdowns_that_trends_and_did_also_use_gives_each_group_once()
    {
        var table = SyntheticResponses.Generate(Standard, new SyntheticOptions { Count = 2000, Seed = 8, Sites = ["cook", "harris"], Waves = ["w1", "w2"] });
        var report = IndicatorEngine.Compute(table, new EngineOptions
        {
            Breakdowns = [Breakdown.Of("wave"), Breakdown.Of("site", "wave")],
            Did = ("cook", "harris"),
        });
        var victim = report.Find("victim_chill")!;
        Assert.Equal(2, victim.Groups.Count(g => g.By == "wave"));
        Assert.Equal(4, victim.Groups.Count(g => g.By == "site x wave"));
        Assert.Single(report.Trends.Single(t => t.IndicatorId == "victim_chill").Changes);
        Assert.True(report.DifferenceInDifferences.Single(d => d.IndicatorId == "victim_chill").Did.IsPresented);
    }
}
