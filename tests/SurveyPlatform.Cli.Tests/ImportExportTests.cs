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
        Assert.Equal(0, _cli.Run("import", "--run", "springfield", source, "--allow-synthetic", "--data-dir", dataDir).ExitCode);
        Assert.Equal(50, await _cli.CountResponsesAsync(dataDir));
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
