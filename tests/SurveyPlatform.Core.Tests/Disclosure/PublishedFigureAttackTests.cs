using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Disclosure;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Tests.Disclosure;

/// <summary>
/// docs/anonymity.md rule 7 from the attacker's side: the attacks of the anonymity issue on published figures, each
/// performed by <see cref="LinearAttacker"/> (exact linear algebra on the published numbers, no code of the disclosure
/// module). Each recovered a small group's size, and often its answers, from what the engine published before
/// disclosure control covered the whole release.
/// </summary>
public class PublishedFigureAttackTests
{
    private const int K = 10;
    private static readonly SurveyDefinition Standard = TestSurveys.Standard;

    private sealed class Rows
    {
        private readonly ResponseTableBuilder _builder = new(Standard);

        public Rows Add(int count, params (string Key, string Value)[] answers)
        {
            for (var i = 0; i < count; i++)
            {
                var row = _builder.NewRow();
                foreach (var (key, value) in answers) Assert.Null(_builder.Set(key, row, value));
            }
            return this;
        }

        public ResponseTable Build() => _builder.Build();
    }

    private static IndicatorReport Publish(ResponseTable table, params string[] by) =>
        IndicatorEngine.Compute(table, new EngineOptions { MinCell = K, Breakdowns = [.. by.Select(b => Breakdown.Parse(b, Standard))] });

    /// <summary>Every group a reader of the report can name: those it withholds, and every category of the attacker's keys.</summary>
    private static List<string> Attack(IndicatorReport report, params string[] keys)
    {
        var attacker = new LinearAttacker(Standard, keys, splitsNotAsked: []);
        attacker.Read(report, "victim_chill");
        var withheld = report.Find("victim_chill")!.Groups.Where(g => g.Estimate.N is null)
            .Select(g => ($"{g.By} = {g.Value}", attacker.Group(g.By, g.Value))).ToList();
        // Everyone on neither side of the status gap: people who refused or skipped the question.
        var gap = Standard.Indicators.Single(i => i.Id == "status_gap");
        var sides = attacker.Side(gap.GroupA!).Concat(attacker.Side(gap.GroupB!)).ToHashSet();
        withheld.Add(("neither side of status_gap", attacker.Where(_ => true).Where(c => !sides.Contains(c)).ToList()));
        return attacker.Attack(withheld, K);
    }

    private static (string, string) Chill(bool agree) => ("chill_victim", agree ? "agree_some" : "disagree_some");

    /// <summary>The 404 responses: 218 born here, 182 born abroad, 4 who refused to say (none of them chilled).</summary>
    private static ResponseTable FourRefusers() => new Rows()
        .Add(100, ("born_here", "yes"), Chill(true)).Add(118, ("born_here", "yes"), Chill(false))
        .Add(110, ("born_here", "no"), Chill(true)).Add(72, ("born_here", "no"), Chill(false))
        .Add(4, ("born_here", "refuse"), Chill(false))
        .Build();

    [Fact]
    public void The_gap_between_born_abroad_and_born_here_does_not_give_back_the_hidden_refusers()
    {
        // Before: "born abroad" was hidden next to the 4 refusers, but the status gap still published n = 182 + 218 = 400,
        // so 404 − 400 = 4 refusers, and with the numerators, their answers.
        var report = Publish(FourRefusers(), "born_here");
        Assert.Empty(Attack(report, "born_here"));
        var gap = report.Find("status_gap")!.Overall;
        Assert.False(gap.IsPresented && report.Find("victim_chill")!.Groups.Any(g => g.Value == "refuse" && !g.Estimate.IsPresented),
            "a gap whose side is hidden is published");
    }

    [Fact]
    public void Groups_no_table_lists_cannot_be_worked_out_from_the_overall_and_a_gap()
    {
        // No breakdown at all: the overall n (404) minus the status gap's n (400) named a group nobody listed. Two of
        // the four chilled, so no group is all alike: the size alone must not come out.
        var table = new Rows()
            .Add(100, ("born_here", "yes"), Chill(true)).Add(118, ("born_here", "yes"), Chill(false))
            .Add(110, ("born_here", "no"), Chill(true)).Add(72, ("born_here", "no"), Chill(false))
            .Add(2, ("born_here", "refuse"), Chill(false)).Add(2, ("born_here", "refuse"), Chill(true))
            .Build();
        Assert.Empty(Attack(Publish(table), "born_here"));
        Assert.Empty(Attack(Publish(FourRefusers()), "born_here"));
    }

    [Fact]
    public void People_who_left_a_question_blank_cannot_be_worked_out_either()
    {
        var table = new Rows()
            .Add(80, ("born_here", "yes"), Chill(true)).Add(70, ("born_here", "yes"), Chill(false))
            .Add(90, ("born_here", "no"), Chill(true)).Add(60, ("born_here", "no"), Chill(false))
            .Add(3, Chill(true))
            .Build();
        Assert.Empty(Attack(Publish(table, "born_here"), "born_here"));
        Assert.Empty(Attack(Publish(table), "born_here"));
    }

    /// <summary>
    /// Area by born here, where area_1 has 3 people born abroad: withheld in the crossed table with one neighbour in its
    /// row and one in its column, and nothing more, so a row with a single withheld cell gave that cell back by
    /// subtraction from the one-way table, and then the 3; the 5 who refused to say, in area 3, came out the same way.
    /// </summary>
    private static ResponseTable CrossedAreas() => new Rows()
        .Add(30, ("area", "area_1"), ("born_here", "yes"), Chill(true)).Add(30, ("area", "area_1"), ("born_here", "yes"), Chill(false))
        .Add(3, ("area", "area_1"), ("born_here", "no"), Chill(true))
        .Add(25, ("area", "area_2"), ("born_here", "yes"), Chill(true)).Add(25, ("area", "area_2"), ("born_here", "yes"), Chill(false))
        .Add(20, ("area", "area_2"), ("born_here", "no"), Chill(true)).Add(20, ("area", "area_2"), ("born_here", "no"), Chill(false))
        .Add(35, ("area", "area_3"), ("born_here", "yes"), Chill(true)).Add(35, ("area", "area_3"), ("born_here", "yes"), Chill(false))
        .Add(5, ("area", "area_3"), ("born_here", "refuse"), Chill(true))
        .Add(25, ("area", "area_3"), ("born_here", "no"), Chill(true)).Add(20, ("area", "area_3"), ("born_here", "no"), Chill(false))
        .Build();

    [Fact]
    public void Hidden_cells_of_a_crossed_table_are_not_recovered_by_subtracting_the_one_way_tables()
    {
        var report = Publish(CrossedAreas(), "area", "born_here", "area x born_here");
        Assert.Empty(Attack(report, "area", "born_here"));
    }

    [Fact]
    public void Without_secondary_suppression_a_single_hidden_cell_is_recovered()
    {
        // The attacker is real: with only the groups under k hidden, a row with one hidden cell gives it back.
        var table = new Rows()
            .Add(30, ("area", "area_1"), ("born_here", "yes"), Chill(true)).Add(30, ("area", "area_1"), ("born_here", "yes"), Chill(false))
            .Add(3, ("area", "area_1"), ("born_here", "no"), Chill(true))
            .Add(12, ("area", "area_1"), ("born_here", "refuse"), Chill(false))
            .Add(11, ("area", "area_1"), Chill(false))
            .Add(40, ("area", "area_2"), ("born_here", "no"), Chill(false))
            .Build();
        var release = DisclosureControl.Publish(table, new EngineOptions
        {
            MinCell = K,
            Breakdowns = [Breakdown.Of("area"), Breakdown.Of("area", "born_here")],
        }, new ReleaseOptions { PrimaryOnly = true });
        var found = Attack(release.Report, "area", "born_here");
        Assert.Contains("area x born_here = area_1 x no: exactly 3 people", found);
        Assert.False(release.Audit.Passed);
        Assert.Empty(Attack(Publish(table, "area", "area x born_here"), "area", "born_here"));
    }
}
