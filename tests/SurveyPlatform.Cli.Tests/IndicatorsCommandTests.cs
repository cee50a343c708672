using System.Text.Json;

namespace SurveyPlatform.Cli.Tests;

public class IndicatorsCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Generated(int n = 3000)
    {
        var file = _cli.PathOf("generated.csv");
        var result = _cli.Run("generate", "--definition", _cli.Definition, "--n", n.ToString(), "--seed", "11",
            "--sites", "cook,harris", "--waves", "2026-Q1,2026-Q2", "--out", file);
        Assert.Equal(0, result.ExitCode);
        return file;
    }

    [Fact]
    public void Validate_accepts_the_standard_survey_and_lists_each_problem_of_a_broken_one()
    {
        var ok = _cli.Run("validate", _cli.Definition);
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("valid", ok.Out);
        var broken = _cli.Write("broken.survey.json", File.ReadAllText(_cli.Definition).Replace("\"chill_info\"", "\"chill_victim\""));
        var bad = _cli.Run("validate", broken);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("broken.survey.json: $.", bad.Error);
        Assert.Contains("chill_victim", bad.Error);
    }

    [Fact]
    public void Json_output_follows_the_contract_with_hash_groups_trends_and_did()
    {
        var file = Generated();
        var result = _cli.Run("indicators", "--definition", _cli.Definition, "--responses", file, "--by", "born_here",
            "--by", "area x born_here", "--did", "cook:harris", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(3000, root.GetProperty("responses").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))),
            root.GetProperty("input_sha256").GetString());
        var victim = root.GetProperty("indicators").EnumerateArray().First(i => i.GetProperty("id").GetString() == "victim_chill");
        Assert.Equal("present", victim.GetProperty("overall").GetProperty("decision").GetString());
        var byes = victim.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("by").GetString()).Distinct();
        Assert.Equal(["born_here", "area x born_here"], byes);
        Assert.NotEmpty(root.GetProperty("trends").EnumerateArray());
        Assert.NotEmpty(root.GetProperty("difference_in_differences").EnumerateArray());
    }

    [Fact]
    public void Table_and_csv_formats_print_every_indicator()
    {
        var file = Generated(800);
        var table = _cli.Run("indicators", "-d", _cli.Definition, "-r", file, "--by", "gender", "--format", "table");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("SYNTHETIC DATA", table.Out);
        Assert.Contains("victim_chill", table.Out);
        Assert.Contains("gender = woman", table.Out);
        var csv = _cli.Run("indicators", "-d", _cli.Definition, "-r", file, "--format", "csv", "--ci", "wilson");
        Assert.Equal(0, csv.ExitCode);
        Assert.StartsWith("id,kind,by,value,estimate,se,ci_low,ci_high,n,n_eff,decision,reasons,flags,significant", csv.Out);
        Assert.Equal(23, csv.Out.Trim().Split('\n').Length);
    }

    [Fact]
    public void A_crossed_breakdown_prints_its_table_as_in_the_README_example()
    {
        var file = _cli.PathOf("demo.csv");
        Assert.Equal(0, _cli.Run("generate", "--definition", _cli.Definition, "--n", "5000", "--seed", "7",
            "--sites", "cook,harris", "--waves", "2026-Q1,2026-Q2", "--out", file).ExitCode);
        var result = _cli.Run("indicators", "--definition", _cli.Definition, "--responses", file,
            "--by", "born_here", "--by", "area x born_here", "--did", "cook:harris");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.DoesNotContain(lines, l => l.Trim() == "…" || l.StartsWith('…'));
        Assert.Contains(lines, l => l.Contains("victim_chill") && l.Contains("all") && l.Contains("present"));
        Assert.Contains(lines, l => l.Contains("area x born_here = area_1 x yes") && l.Contains('%'));
        Assert.Contains(lines, l => l.Contains("area x born_here = area_4 x (not answered)"));
        Assert.Contains(lines, l => l.StartsWith("victim_chill: difference in differences cook vs harris", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("area,chill_victim\narea_1,maybe\n", "line 2, column chill_victim: 'maybe' is not a code of chill_victim; allowed:")]
    [InlineData("area,weight\narea_1,-1\n", "line 2, column weight")]
    [InlineData("area,favourite_colour\narea_1,red\n", "unknown column 'favourite_colour'")]
    [InlineData("safety\n12\n", "12 is out of range for safety; allowed: integers 0 to 10")]
    [InlineData("", "the file is empty")]
    public void Bad_files_exit_with_1_and_name_row_and_column(string csv, string message)
    {
        var file = _cli.Write("bad.csv", csv);
        var result = _cli.Run("indicators", "-d", _cli.Definition, "-r", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.csv", result.Error);
        Assert.Contains(message, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void A_breakdown_by_an_item_that_is_not_single_choice_is_invalid_input()
    {
        var file = Generated(100);
        var result = _cli.Run("indicators", "-d", _cli.Definition, "-r", file, "--by", "why_not");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'why_not' is a multiple item, not a single-choice item; allowed: area, age_group", result.Error);
    }

    [Theory]
    [InlineData("indicators", "--responses", "x.csv")]
    [InlineData("indicators", "-d", "a.json", "-r", "b.csv", "--format", "yaml")]
    [InlineData("frobnicate")]
    [InlineData("generate", "--definition", "a.json", "--n", "many")]
    public void Usage_errors_exit_with_2(params string[] args)
    {
        var result = _cli.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("survey --help", result.Error);
    }

    [Fact]
    public void Min_cell_below_five_is_refused()
    {
        var file = Generated(100);
        var result = _cli.Run("indicators", "-d", _cli.Definition, "-r", file, "--min-cell", "3");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--min-cell 3 is not allowed; allowed: 5 or more", result.Error);
    }

    [Fact]
    public void Raking_writes_weights_that_the_indicators_then_use()
    {
        var file = Generated(1000);
        var margins = _cli.Write("margins.csv", "margin,category,total\n" +
            "gender,woman,5000\ngender,man,4800\ngender,another,200\ngender,refuse,100\ngender,(not answered),300\n" +
            "born_here,yes,5200\nborn_here,no,4700\nborn_here,refuse,100\nborn_here,(not answered),400\n");
        var output = _cli.PathOf("weighted.csv");
        var rake = _cli.Run("weights", "rake", "--responses", file, "--margins", margins, "--out", output);
        Assert.True(rake.ExitCode == 0, rake.Error + rake.Out);
        Assert.Contains("converged", rake.Out);
        Assert.Contains("design effect due to weighting", rake.Out);
        var result = _cli.Run("indicators", "-d", _cli.Definition, "-r", output, "--format", "json");
        using var json = JsonDocument.Parse(result.Out);
        Assert.True(json.RootElement.GetProperty("weighted").GetBoolean());
    }

    [Fact]
    public void Margins_that_leave_out_a_category_of_the_data_are_named()
    {
        var file = Generated(500);
        var margins = _cli.Write("margins.csv", "margin,category,total\ngender,woman,5000\ngender,man,4800\n");
        var result = _cli.Run("weights", "rake", "--responses", file, "--margins", margins, "--out", _cli.PathOf("w.csv"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("margin gender:", result.Error);
        Assert.Contains("'another'", result.Error);
        Assert.False(File.Exists(_cli.PathOf("w.csv")));
    }
}
