namespace SurveyPlatform.Cli.Tests;

public class ImportExportTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Import_then_export_gives_back_the_same_responses_with_a_codebook()
    {
        var dataDir = await _cli.CreateDatabaseAsync();
        var source = _cli.PathOf("in.csv");
        Assert.Equal(0, _cli.Run("generate", "-d", _cli.Definition, "--n", "400", "--seed", "5", "--sites", "cook", "--out", source).ExitCode);
        var real = _cli.Write("real.csv", string.Join('\n', File.ReadAllLines(source).Select(l => l[..l.LastIndexOf(',')])) + "\n");

        var import = _cli.Run("import", "--run", "springfield", real, "--data-dir", dataDir);
        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Contains("Imported 400 responses", import.Out);
        Assert.Equal(400, await _cli.CountResponsesAsync(dataDir));

        var exported = _cli.PathOf("out.csv");
        var export = _cli.Run("export", "--run", "springfield", "--format", "csv", "--codebook", "--out", exported, "--data-dir", dataDir);
        Assert.True(export.ExitCode == 0, export.Error);
        static IEnumerable<string> Sorted(string path) => File.ReadAllLines(path).Skip(1).Order(StringComparer.Ordinal);
        Assert.Equal(File.ReadAllLines(real)[0], File.ReadAllLines(exported)[0]);
        Assert.Equal(Sorted(real), Sorted(exported));
        var codebook = File.ReadAllText(_cli.PathOf("out.codebook.csv"));
        Assert.StartsWith("column,type,question,shown_when,code,label", codebook);
        Assert.Contains("chill_victim,single,", codebook);
        Assert.Contains("reported,single,", codebook);
        Assert.Contains("victim_12m = yes", codebook);
    }

    [Fact]
    public async Task A_file_with_one_bad_row_imports_nothing()
    {
        var dataDir = await _cli.CreateDatabaseAsync();
        var lines = "area,chill_victim\n" + string.Concat(Enumerable.Range(0, 99).Select(_ => "area_1,agree_some\n")) + "area_1,perhaps\n";
        var result = _cli.Run("import", "--run", "springfield", _cli.Write("bad.csv", lines), "--data-dir", dataDir);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.csv, line 101, column chill_victim: 'perhaps'", result.Error);
        Assert.Contains("nothing was used", result.Error);
        Assert.Equal(0, await _cli.CountResponsesAsync(dataDir));
    }

    [Fact]
    public async Task Synthetic_files_are_refused_unless_asked_for()
    {
        var dataDir = await _cli.CreateDatabaseAsync();
        var source = _cli.PathOf("synthetic.csv");
        _cli.Run("generate", "-d", _cli.Definition, "--n", "50", "--out", source);
        var refused = _cli.Run("import", "--run", "springfield", source, "--data-dir", dataDir);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("synthetic", refused.Error);
        Assert.Equal(0, await _cli.CountResponsesAsync(dataDir));
        var allowed = _cli.Run("import", "--run", "springfield", source, "--allow-synthetic", "--data-dir", dataDir);
        Assert.Equal(0, allowed.ExitCode);
        Assert.Contains("They are synthetic", allowed.Out);
        Assert.Equal(50, await _cli.CountResponsesAsync(dataDir));

        // The run keeps the label: its export says so in every row, and a report made from it carries the banner.
        var exported = _cli.PathOf("export.csv");
        Assert.Equal(0, _cli.Run("export", "--run", "springfield", "--out", exported, "--data-dir", dataDir).ExitCode);
        var lines = File.ReadAllLines(exported);
        Assert.EndsWith(",synthetic", lines[0]);
        Assert.All(lines.Skip(1), line => Assert.EndsWith(",1", line));
        var indicators = _cli.Run("indicators", "-d", _cli.Definition, "--responses", exported);
        Assert.Contains("SYNTHETIC DATA", indicators.Out);
    }

    [Fact]
    public async Task Rows_of_another_site_or_wave_are_refused_with_their_line_and_what_is_allowed()
    {
        var dataDir = await _cli.CreateDatabaseAsync("harris-q1", site: "harris", wave: "2026-Q1");
        var other = _cli.Write("cook.csv", "area,chill_victim,site,wave\narea_1,agree_some,harris,2026-Q1\narea_2,agree_some,cook,2026-Q1\narea_1,agree_some,,2026-Q2\n");
        var refused = _cli.Run("import", "--run", "harris-q1", other, "--data-dir", dataDir);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("cook.csv, line 3, column site: 'cook' is not this run's site; allowed: harris or blank", refused.Error);
        Assert.Contains("cook.csv, line 4, column wave: '2026-Q2' is not this run's wave; allowed: 2026-Q1 or blank", refused.Error);
        Assert.Equal(0, await _cli.CountResponsesAsync(dataDir));

        var own = _cli.Write("harris.csv", "area,chill_victim,site,wave\narea_1,agree_some,harris,2026-Q1\narea_2,agree_some,,\n");
        var accepted = _cli.Run("import", "--run", "harris-q1", own, "--data-dir", dataDir);
        Assert.True(accepted.ExitCode == 0, accepted.Error);
        Assert.Equal(2, await _cli.CountResponsesAsync(dataDir));
    }

    [Fact]
    public async Task Hostile_comments_are_exported_safe_for_spreadsheets_and_import_again_unchanged()
    {
        var dataDir = await _cli.CreateDatabaseAsync();
        string[] hostile = ["=HYPERLINK(\"http://evil.example\",\"x\")", "=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+1", "-2+3", "one\rtwo", "'=quoted"];
        var csv = "born_here,comments\n" + string.Concat(hostile.Select(h => $"yes,\"{h.Replace("\"", "\"\"")}\"\n"));
        Assert.Equal(0, _cli.Run("import", "--run", "springfield", _cli.Write("hostile.csv", csv), "--data-dir", dataDir).ExitCode);

        var exported = _cli.PathOf("export.csv");
        Assert.Equal(0, _cli.Run("export", "--run", "springfield", "--out", exported, "--data-dir", dataDir).ExitCode);
        var text = File.ReadAllText(exported);
        Assert.DoesNotContain(",=", text);
        Assert.DoesNotContain(",@", text);
        Assert.DoesNotContain(",\"=", text);
        Assert.Contains("\"one\rtwo\"", text);

        var again = await new CliRunner().CreateDatabaseAsync();
        var reimport = _cli.Run("import", "--run", "springfield", exported, "--data-dir", again);
        Assert.True(reimport.ExitCode == 0, reimport.Error);
        var back = _cli.PathOf("back.csv");
        Assert.Equal(0, _cli.Run("export", "--run", "springfield", "--out", back, "--data-dir", again).ExitCode);
        Assert.Equal(File.ReadAllText(exported).Split('\n').Skip(1).Order(StringComparer.Ordinal), File.ReadAllText(back).Split('\n').Skip(1).Order(StringComparer.Ordinal));
        Assert.Equal(hostile.Length, await _cli.CountResponsesAsync(again));
    }

    [Fact]
    public async Task Unknown_runs_and_missing_databases_are_explained()
    {
        var missing = _cli.Run("export", "--run", "x", "--out", _cli.PathOf("x.csv"), "--data-dir", _cli.PathOf("nowhere"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no database at", missing.Error);
        var dataDir = await _cli.CreateDatabaseAsync();
        var unknown = _cli.Run("export", "--run", "shelbyville", "--out", _cli.PathOf("x.csv"), "--data-dir", dataDir);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no such run; runs: springfield", unknown.Error);
    }

    [Fact]
    public async Task Xlsx_export_has_a_responses_sheet_and_a_codebook_sheet()
    {
        var dataDir = await _cli.CreateDatabaseAsync();
        var source = _cli.PathOf("s.csv");
        _cli.Run("generate", "-d", _cli.Definition, "--n", "30", "--out", source);
        _cli.Run("import", "--run", "springfield", source, "--allow-synthetic", "--data-dir", dataDir);
        var file = _cli.PathOf("out.xlsx");
        var result = _cli.Run("export", "--run", "springfield", "--format", "xlsx", "--codebook", "--out", file, "--data-dir", dataDir);
        Assert.True(result.ExitCode == 0, result.Error);
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(file, false);
        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["responses", "codebook"], sheets);
        var rows = document.WorkbookPart.WorksheetParts.First().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count();
        Assert.Equal(31, rows);
    }
}
