using System.Text;
using System.Text.Json;

namespace SurveyPlatform.Cli.Tests;

/// <summary>
/// <c>survey audit</c> attacks the release the other commands would publish and says, for each withheld group, how far an
/// attacker can narrow it (docs/anonymity.md, "The auditor").
/// </summary>
public class AuditCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>Area by born here with 3 born abroad in area 1 and 5 who refused to say in area 3 (the anonymity issue's table).</summary>
    private string CrossedAreas()
    {
        var csv = new StringBuilder("area,born_here,chill_victim\n");
        void Add(int count, string area, string born, string chill)
        {
            for (var i = 0; i < count; i++) csv.Append(area).Append(',').Append(born).Append(',').Append(chill).Append('\n');
        }
        Add(30, "area_1", "yes", "agree_some");
        Add(30, "area_1", "yes", "disagree_some");
        Add(3, "area_1", "no", "agree_some");
        Add(25, "area_2", "yes", "agree_some");
        Add(25, "area_2", "yes", "disagree_some");
        Add(20, "area_2", "no", "agree_some");
        Add(20, "area_2", "no", "disagree_some");
        Add(35, "area_3", "yes", "agree_some");
        Add(35, "area_3", "yes", "disagree_some");
        Add(5, "area_3", "refuse", "agree_some");
        Add(25, "area_3", "no", "agree_some");
        Add(20, "area_3", "no", "disagree_some");
        return _cli.Write("crossed.csv", csv.ToString());
    }

    private static readonly string[] Crossed = ["--by", "area", "--by", "born_here", "--by", "area x born_here"];

    [Fact]
    public void The_release_the_commands_publish_passes_and_each_withheld_group_is_described()
    {
        var result = _cli.Run(["audit", "--definition", _cli.Definition, "--responses", CrossedAreas(), .. Crossed]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("The release passes", result.Out);
        Assert.Contains("victim_chill:", result.Out);
        Assert.Matches(@"area x born_here = area_1 x no: \d+(\.\d)? to \d+(\.\d)? people \(\d+ possible sizes\); protected", result.Out);
    }

    [Fact]
    public void Without_secondary_suppression_the_auditor_finds_the_3_and_exits_with_3()
    {
        var result = _cli.Run(["audit", "--definition", _cli.Definition, "--responses", CrossedAreas(), "--primary-only", .. Crossed]);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("area x born_here = area_1 x no: exactly 3 people (1 possible size); revealed", result.Out);
        Assert.Contains("The release FAILS", result.Out);
    }

    [Fact]
    public void Indicators_by_crossed_tables_publish_nothing_that_subtraction_gives_back()
    {
        // The issue's attack from the command line: every published n of area, born_here and their crossing, subtracted.
        var result = _cli.Run(["indicators", "--definition", _cli.Definition, "--responses", CrossedAreas(), "--format", "json", .. Crossed]);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var victim = json.RootElement.GetProperty("indicators").EnumerateArray().First(i => i.GetProperty("id").GetString() == "victim_chill");
        var n = victim.GetProperty("groups").EnumerateArray().ToDictionary(
            g => $"{g.GetProperty("by").GetString()}={g.GetProperty("value").GetString()}",
            g => g.GetProperty("n").ValueKind == JsonValueKind.Null ? (long?)null : g.GetProperty("n").GetInt64());
        string[] areas = ["area_1", "area_2", "area_3", "area_4", "(not answered)"];
        string[] born = ["yes", "no", "refuse", "(not answered)"];
        // Peel: a row or column with one unknown cell and a known total gives that cell; repeat until nothing moves.
        var cells = areas.SelectMany(a => born.Select(b => (a, b))).ToDictionary(c => c, c => n.GetValueOrDefault($"area x born_here={c.a} x {c.b}"));
        for (var moved = true; moved;)
        {
            moved = false;
            foreach (var line in areas.Select(a => (Total: n.GetValueOrDefault($"area={a}"), Cells: born.Select(b => (a, b)).ToList()))
                .Concat(born.Select(b => (Total: n.GetValueOrDefault($"born_here={b}"), Cells: areas.Select(a => (a, b)).ToList()))))
            {
                var unknown = line.Cells.Where(c => cells[c] is null).ToList();
                if (line.Total is not { } total || unknown.Count != 1) continue;
                cells[unknown[0]] = total - line.Cells.Where(c => cells[c] is not null).Sum(c => cells[c]!.Value);
                Assert.False(cells[unknown[0]] is > 0 and < 10, $"{unknown[0]} recovered: {cells[unknown[0]]} people");
                moved = true;
            }
        }
    }

    [Fact]
    public void Fewer_than_k_responses_publish_not_even_their_number()
    {
        var csv = _cli.Write("three.csv", "born_here,chill_victim\nno,agree_some\nno,agree_some\nyes,disagree_some\n");
        var json = _cli.Run("indicators", "--definition", _cli.Definition, "--responses", csv, "--format", "json");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("responses").ValueKind);
        var report = _cli.Run("report", "--definition", _cli.Definition, "--responses", csv, "--out", _cli.PathOf("brief.pdf"));
        Assert.Equal(1, report.ExitCode);
        Assert.Contains("fewer than the privacy threshold of 10", report.Error);
        Assert.False(File.Exists(_cli.PathOf("brief.pdf")));
    }
}
