using System.CommandLine;
using SurveyPlatform.Data;

namespace SurveyPlatform.Cli.Commands;

/// <summary>
/// <c>survey restore &lt;file&gt;</c>: replaces the SQLite database with a backup made by <c>survey backup</c>, after
/// checking that the file is an intact SurveyPlatform database. All or nothing; run it with the platform stopped.
/// </summary>
internal static class RestoreCommand
{
    public static Command Create(CliConsole console)
    {
        var backup = new Argument<FileInfo>("file") { Description = "Backup file made by 'survey backup'" };
        var dataDir = new Option<DirectoryInfo?>("--data-dir")
        {
            Description = "Folder of the SQLite database to replace (default: src/SurveyPlatform.Web/data when run from the repository, else ./data); created when missing",
        };
        var command = new Command("restore", "Replace the SQLite database with a backup (stop the platform first)") { backup, dataDir };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(dataDir)?.FullName ?? CliDatabase.DefaultDataDirectory();
            var connection = DatabaseSetup.ResolveConnectionString(new DatabaseOptions(), folder);
            BackupSummary summary;
            try
            {
                summary = DatabaseBackup.Restore(parse.GetValue(backup)!.FullName, connection);
            }
            catch (BackupException e)
            {
                throw new InputException(e.Message);
            }
            console.Out.WriteLine($"Restored {summary.Responses:N0} responses of {summary.Runs:N0} runs into {summary.File}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
