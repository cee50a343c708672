using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Cli.Commands;

/// <summary>
/// <c>survey import --run &lt;slug&gt; &lt;file.csv&gt;</c>: adds responses (e.g. entered from paper elsewhere, or
/// collected by another tool) to a run. The whole file is checked first; any bad row and nothing is imported.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliConsole console)
    {
        var run = new Option<string>("--run") { Description = "Slug of the run, as in /s/{slug}", Required = true };
        var file = new Argument<FileInfo>("file") { Description = "Responses as CSV (see the run's codebook)" };
        var allowSynthetic = new Option<bool>("--allow-synthetic") { Description = "Accept a file made by 'survey generate' (for demos only)" };
        var database = new CliDatabase();
        var command = new Command("import", "Import responses from CSV into a run (all rows or none)") { run, file, allowSynthetic };
        database.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var db = database.Open(parse);
            var (target, definition) = await CliDatabase.FindRunAsync(db, parse.GetValue(run)!, ct);
            if (target.Status == RunStatus.Purged)
                throw new InputException($"run '{target.Slug}' was purged; its responses were deleted for good and it takes no more");
            var csv = parse.GetValue(file)!;
            // Rows of another site or wave belong to another run: refused, with their line (a blank takes the run's own).
            var responses = Inputs.LoadResponses(csv, definition, [.. target.AreaCodeList], ignoreUnknown: false, target.Wave, target.Site);
            if (responses.Table.Synthetic && !parse.GetValue(allowSynthetic))
                throw new InputException($"{csv.Name} holds synthetic responses (made by 'survey generate'); importing them into a real run mixes invented answers with real ones. Pass --allow-synthetic for a demo run.");
            var day = DateOnly.FromDateTime(DateTime.UtcNow);
            if (target.DatePrecision == DatePrecision.Week) day = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
            var total = responses.Table.Count;
            int written;
            if (console.Interactive)
            {
                written = await AnsiConsole.Progress().AutoClear(true).StartAsync(async context =>
                {
                    var task = context.AddTask($"Importing {total:N0} responses", maxValue: total);
                    return await ResponseTransfer.ImportAsync(db, target, responses.Table, day, new Progress<int>(n => task.Value = n), ct);
                });
            }
            else
            {
                written = await ResponseTransfer.ImportAsync(db, target, responses.Table, day, null, ct);
            }
            var count = await db.Responses.CountAsync(r => r.RunId == target.Id, ct);
            console.Out.WriteLine($"Imported {written:N0} responses from {csv.Name} into run '{target.Slug}' ({count:N0} responses in all)." +
                (responses.Table.Synthetic ? " They are synthetic: the run's results, reports and exports say so." : ""));
            return ExitCodes.Ok;
        });
        return command;
    }
}
