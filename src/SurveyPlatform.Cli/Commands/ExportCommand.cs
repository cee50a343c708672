using System.CommandLine;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Data;

namespace SurveyPlatform.Cli.Commands;

/// <summary>
/// <c>survey export --run &lt;slug&gt; --format csv|xlsx [--codebook] --out &lt;file&gt;</c>: a run's responses in the
/// response CSV format (importable again), or as a spreadsheet, with a codebook for R, SPSS and Stata users.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var run = new Option<string>("--run") { Description = "Slug of the run, as in /s/{slug}", Required = true };
        var format = new Option<string>("--format", "-f") { Description = "csv or xlsx", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "xlsx");
        var codebook = new Option<bool>("--codebook") { Description = "Also write the codebook: every column, its question and its codes with labels" };
        var output = new Option<FileInfo>("--out", "-o") { Description = "File to write (csv: the codebook goes beside it as <name>.codebook.csv)", Required = true };
        var database = new CliDatabase();
        var command = new Command("export", "Export a run's responses as CSV or XLSX, optionally with a codebook") { run, format, codebook, output };
        database.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var db = database.Open(parse);
            var (target, definition) = await CliDatabase.FindRunAsync(db, parse.GetValue(run)!, ct);
            var table = await ResponseTransfer.LoadAsync(db, target, definition, ct);
            var file = parse.GetValue(output)!;
            var withCodebook = parse.GetValue(codebook);
            string? codebookFile = null;
            if (parse.GetValue(format) == "xlsx")
            {
                try
                {
                    using var stream = File.Create(file.FullName);
                    ResponseSpreadsheet.Write(table, stream, withCodebook);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new InputException($"cannot write {file.FullName}: {e.Message}");
                }
            }
            else
            {
                Inputs.WriteOutput(file, console, writer => ResponseCsv.Write(table, writer));
                if (withCodebook)
                {
                    codebookFile = Path.ChangeExtension(file.FullName, null) + ".codebook.csv";
                    Inputs.WriteOutput(new FileInfo(codebookFile), console, writer => Codebook.WriteCsv(definition, table, writer));
                }
            }
            console.Out.WriteLine($"Exported {table.Count:N0} responses of run '{target.Slug}' to {file.Name}" +
                (codebookFile is not null ? $" (codebook: {Path.GetFileName(codebookFile)})" : withCodebook ? " (codebook on its own sheet)" : "") + ".");
            return ExitCodes.Ok;
        });
        return command;
    }
}
