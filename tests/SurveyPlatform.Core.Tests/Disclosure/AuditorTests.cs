using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Disclosure;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Tests.Disclosure;

/// <summary>
/// The built-in auditor (docs/anonymity.md rule 7, "The auditor"): for every withheld group, the smallest and largest
/// size consistent with everything published, skip logic included, and whether its people answered alike.
/// </summary>
public class AuditorTests
{
    private static readonly SurveyDefinition Standard = TestSurveys.Standard;

    private static ResponseTable Rows(params (int Count, (string Key, string Value)[] Answers)[] groups)
    {
        var builder = new ResponseTableBuilder(Standard);
        foreach (var (count, answers) in groups)
        {
            for (var i = 0; i < count; i++)
            {
                var row = builder.NewRow();
                foreach (var (key, value) in answers) Assert.Null(builder.Set(key, row, value));
            }
        }

        return builder.Build();
    }

    private static (string, string) Born(string value) => ("born_here", value);
    private static (string, string) Chill(bool agree) => ("chill_victim", agree ? "agree_some" : "disagree_some");

    private static Release Audit(ResponseTable table, int k, bool primaryOnly, params string[] by) => DisclosureControl.Publish(table,
        new EngineOptions { MinCell = k, Breakdowns = [.. by.Select(b => Breakdown.Parse(b, Standard))] },
        new ReleaseOptions { PrimaryOnly = primaryOnly, ExactAudit = true });

    private static AuditFinding Finding(Release release, string group) =>
        release.Audit.Findings.Single(f => f.Figure == "victim_chill" && f.Group == group);

    [Fact]
    public void Two_hidden_groups_that_add_up_to_three_leave_four_possible_sizes_which_is_fewer_than_k_over_2()
    {
        var table = Rows((100, [Born("yes"), Chill(true)]), (100, [Born("no"), Chill(false)]),
            (1, [Born("refuse"), Chill(true)]), (2, [Chill(false)]));
        var release = Audit(table, 10, primaryOnly: true, "born_here");
        var refuse = Finding(release, "born_here = refuse");
        Assert.Equal(0, refuse.Low, 6);
        Assert.Equal(3, refuse.High, 6);
        Assert.Equal(4, refuse.Values);
        Assert.False(refuse.Passed);
        Assert.False(release.Audit.Passed);
        // With k = 5, k/2 = 2.5: four possible sizes are enough for it (and the answers are mixed). Not for everyone on
        // neither side of the status gap, though: the overall minus both sides is exactly those 3.
        var five = Audit(table, 5, primaryOnly: true, "born_here");
        Assert.True(Finding(five, "born_here = refuse").Passed);
        var neither = Finding(five, "neither born_here = no nor born_here = yes");
        Assert.Equal(1, neither.Values);
        Assert.False(neither.Passed);
    }

    [Fact]
    public void A_hidden_group_whose_people_all_answered_no_fails_even_when_wide()
    {
        // 6 refusers and 6 blanks, none chilled: each could hold 0 to 12 people, but together they hold no "yes".
        var table = Rows((100, [Born("yes"), Chill(true)]), (100, [Born("no"), Chill(true)]), (20, [Born("no"), Chill(false)]),
            (6, [Born("refuse"), Chill(false)]), (6, [Chill(false)]));
        var release = Audit(table, 10, primaryOnly: true, "born_here");
        var refuse = Finding(release, "born_here = refuse");
        Assert.True(refuse.Values >= 5);
        Assert.Equal("negative", refuse.Alike);
        Assert.False(refuse.Passed);
        Assert.Contains("everyone in it answered negative", refuse.Verdict(10), StringComparison.Ordinal);
    }

    [Fact]
    public void Answers_a_published_group_already_shows_are_not_held_against_a_hidden_one()
    {
        // Nobody at all is chilled: the overall "0%" says so for everyone, hidden groups included.
        var table = Rows((100, [Born("yes"), Chill(false)]), (100, [Born("no"), Chill(false)]),
            (6, [Born("refuse"), Chill(false)]), (6, [Chill(false)]));
        var release = Audit(table, 10, primaryOnly: true, "born_here");
        Assert.True(Finding(release, "born_here = refuse").Passed);
    }

    [Fact]
    public void Secondary_suppression_makes_every_such_release_pass()
    {
        var table = Rows((100, [Born("yes"), Chill(true)]), (100, [Born("no"), Chill(false)]),
            (1, [Born("refuse"), Chill(true)]), (2, [Chill(false)]));
        var release = Audit(table, 10, primaryOnly: false, "born_here");
        Assert.True(release.Audit.Passed);
        Assert.All(release.Audit.Findings, f => Assert.True(f.Values >= 5 || f.Low >= 10 || f.High < 1, $"{f.Group}: [{f.Low}, {f.High}]"));
    }

    [Fact]
    public void The_status_question_is_asked_only_of_people_born_abroad_and_the_auditor_knows_it()
    {
        // "(not asked)" in the status table is everyone not born abroad: born here (published), refusers and blanks.
        // Published side by side, the two tables would pin the 3 refusers down: (not asked) − born here.
        var table = Rows((50, [Born("yes"), Chill(true)]), (50, [Born("yes"), Chill(false)]),
            (20, [Born("no"), ("status_group", "citizen"), Chill(true)]), (20, [Born("no"), ("status_group", "undocumented"), Chill(false)]),
            (3, [Born("refuse"), Chill(false)]));
        var primary = Audit(table, 10, primaryOnly: true, "born_here", "status_group");
        var refuse = Finding(primary, "born_here = refuse");
        Assert.True(refuse.Values < 5, $"the skip logic ties the tables: [{refuse.Low}, {refuse.High}]");

        var published = Audit(table, 10, primaryOnly: false, "born_here", "status_group").Report.Find("victim_chill")!.Groups;
        var notAsked = published.Single(g => g.By == "status_group" && g.Value == GroupEstimate.NotAsked).Estimate;
        var bornHere = published.Single(g => g.By == "born_here" && g.Value == "yes").Estimate;
        Assert.False(notAsked.N is not null && bornHere.N is not null, "(not asked) and born here = yes both published give the refusers back");
    }

    [Fact]
    public void The_reporting_rate_lists_no_group_of_people_who_were_never_asked_whether_they_reported()
    {
        var table = Rows((60, [("victim_12m", "yes"), ("reported", "yes_all")]), (40, [("victim_12m", "yes"), ("reported", "no")]),
            (200, [("victim_12m", "no")]), (4, [("victim_12m", "refuse")]));
        var groups = IndicatorEngine.Compute(table, new EngineOptions { Breakdowns = [Breakdown.Of("victim_12m")] })
            .Find("reporting_rate")!.Groups;
        Assert.Equal(["yes"], groups.Select(g => g.Value));
    }

    [Fact]
    public void Listing_every_category_says_nothing_empty_groups_are_shown_as_withheld()
    {
        var table = Rows((100, [Born("yes"), ("gender", "woman"), Chill(true)]), (100, [Born("no"), ("gender", "man"), Chill(false)]));
        var groups = IndicatorEngine.Compute(table, new EngineOptions { Breakdowns = [Breakdown.Of("gender")] }).Find("victim_chill")!.Groups;
        Assert.Equal(["woman", "man", "another", "refuse", GroupEstimate.NotAnswered], groups.Select(g => g.Value));
        Assert.All(groups.Skip(2), g => Assert.Equal([Decisions.Privacy], g.Estimate.Reasons));
    }

    [Fact]
    public void People_never_asked_a_question_are_not_counted_with_people_who_left_it_blank()
    {
        var table = Rows((30, [Born("yes"), Chill(true)]),
            (30, [Born("no"), ("status_group", "citizen"), Chill(true)]), (20, [Born("no"), Chill(false)]));
        var groups = IndicatorEngine.Compute(table, new EngineOptions { MinCell = 5, Breakdowns = [Breakdown.Of("status_group")] })
            .Find("victim_chill")!.Groups.ToDictionary(g => g.Value, g => g.Estimate);
        Assert.Equal(30, groups[GroupEstimate.NotAsked].N);
        Assert.Equal(20, groups[GroupEstimate.NotAnswered].N);
        Assert.Equal([GroupEstimate.NotAsked, GroupEstimate.NotAnswered], groups.Keys.TakeLast(2));
    }
}
