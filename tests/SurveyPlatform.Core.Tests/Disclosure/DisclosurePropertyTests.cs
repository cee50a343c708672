using CsCheck;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Disclosure;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Tests.Disclosure;

/// <summary>
/// Random small communities (15 to 150 people, lopsided so that small groups are common), random breakdowns and k:
/// every release passes its own audit, the independent <see cref="LinearAttacker"/> recovers nothing from it, and on
/// a release with only primary suppression the auditor sees at least what that attacker sees.
/// </summary>
public class DisclosurePropertyTests
{
    private static readonly SurveyDefinition Standard = TestSurveys.Standard;
    private static readonly string[] Breakdowns = ["area", "born_here", "status_group", "household_concern", "victim_12m", "area x born_here", "gender"];

    /// <summary>Picks a code with weights; a weight vector per community makes some answers rare.</summary>
    private static string? Pick(Random random, double[] weights, string?[] codes)
    {
        var x = random.NextDouble() * weights.Sum();
        for (var i = 0; i < codes.Length; i++)
            if ((x -= weights[i]) < 0) return codes[i];
        return codes[^1];
    }

    private sealed record Community(int Seed, int Size, int K, string[] By)
    {
        public ResponseTable Table()
        {
            var random = new Random(Seed);
            double[] Weights(int n) => [.. Enumerable.Range(0, n).Select(_ => Math.Pow(random.NextDouble(), 3) + 0.01)];
            var area = Weights(5);
            var born = Weights(4);
            var status = Weights(6);
            var household = Weights(5);
            var chill = Weights(4);
            var victim = Weights(4);
            var reported = Weights(5);
            var gender = Weights(5);
            var builder = new ResponseTableBuilder(Standard);
            for (var i = 0; i < Size; i++)
            {
                var row = builder.NewRow();
                void Set(string key, string? value)
                {
                    if (value is not null) Assert.Null(builder.Set(key, row, value));
                }
                Set("area", Pick(random, area, ["area_1", "area_2", "area_3", "area_4", null]));
                var b = Pick(random, born, ["yes", "no", "refuse", null]);
                Set("born_here", b);
                if (b == "no") Set("status_group", Pick(random, status, ["citizen", "permanent_resident", "other_documented", "undocumented", "refuse", null]));
                Set("household_concern", Pick(random, household, ["yes", "no", "dont_know", "refuse", null]));
                Set("gender", Pick(random, gender, ["woman", "man", "another", "refuse", null]));
                Set("chill_victim", Pick(random, chill, ["agree_some", "disagree_strong", "refuse", null]));
                var v = Pick(random, victim, ["yes", "no", "refuse", null]);
                Set("victim_12m", v);
                if (v == "yes") Set("reported", Pick(random, reported, ["yes_all", "yes_some", "no", "refuse", null]));
            }
            return builder.Build();
        }

        public EngineOptions Options => new() { MinCell = K, Breakdowns = [.. By.Select(b => Breakdown.Parse(b, Standard))] };
    }

    private static readonly Gen<Community> Communities =
        Gen.Select(Gen.Int[1, 1_000_000], Gen.Int[15, 150], Gen.OneOfConst(5, 10),
            Gen.Int[1, 3].SelectMany(n => Gen.Shuffle(Breakdowns, n)),
            (seed, size, k, by) => new Community(seed, size, k, [.. by.Distinct()]));

    /// <summary>The independent attack on one indicator: withheld groups, every category of its keys, and the status gap's "neither" group.</summary>
    private static List<string> Attack(IndicatorReport report, string indicator, IReadOnlyList<string> keys, int k)
    {
        var attacker = new LinearAttacker(Standard, keys);
        attacker.Read(report, indicator);
        var targets = report.Find(indicator)!.Groups.Where(g => g.Estimate.N is null)
            .Select(g => ($"{g.By} = {g.Value}", attacker.Group(g.By, g.Value))).ToList();
        if (indicator == "victim_chill")
        {
            var gap = Standard.Indicators.Single(i => i.Id == "status_gap");
            var sides = attacker.Side(gap.GroupA!).Concat(attacker.Side(gap.GroupB!)).ToHashSet();
            targets.Add(("neither side of status_gap", attacker.Where(_ => true).Where(c => !sides.Contains(c)).ToList()));
        }
        return attacker.Attack(targets, k);
    }

    private static IReadOnlyList<string> KeysOf(Community c, string indicator) =>
        [.. c.By.SelectMany(b => b.Split(" x ")).Concat(indicator == "victim_chill" ? ["born_here", "household_concern"] : []).Distinct()];

    [Fact]
    public void Every_release_passes_its_audit_and_the_independent_attack_recovers_nothing()
    {
        Communities.Sample(community =>
        {
            var release = DisclosureControl.Publish(community.Table(), community.Options);
            Assert.True(release.Audit.Passed, string.Join("; ", release.Audit.Findings.Where(f => !f.Passed).Select(f => $"{f.Figure} {f.Group}")));
            foreach (var indicator in new[] { "victim_chill", "reporting_rate" })
            {
                var found = Attack(release.Report, indicator, KeysOf(community, indicator), community.K);
                Assert.True(found.Count == 0, $"{community}: {indicator}: {string.Join("; ", found)}");
            }
        }, iter: 40, threads: 1);
    }

    [Fact]
    public void Without_secondary_suppression_the_auditor_sees_at_least_what_the_independent_attack_recovers()
    {
        Communities.Sample(community =>
        {
            var release = DisclosureControl.Publish(community.Table(), community.Options, new ReleaseOptions { PrimaryOnly = true });
            foreach (var indicator in new[] { "victim_chill", "reporting_rate" })
            {
                var found = Attack(release.Report, indicator, KeysOf(community, indicator), community.K);
                if (found.Count == 0) continue;
                Assert.True(release.Audit.Findings.Any(f => f.Figure == indicator && !f.Passed),
                    $"{community}: the attack found {string.Join("; ", found)} but the auditor passed {indicator}");
            }
        }, iter: 40, threads: 1);
    }
}
