using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;

namespace SurveyPlatform.Cli.Commands;

/// <summary>
/// <c>survey backup --out &lt;file&gt;</c>: a consistent copy of the SQLite database in one file, taken while the
/// platform keeps running and accepting responses.
/// </summary>
internal static class BackupCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<FileInfo>("--out", "-o") { Description = "Backup file to write; it must not exist yet", Required = true };
        var database = new CliDatabase();
        var command = new Command("backup", "Copy the SQLite database to one file while the platform runs (a consistent snapshot)") { output };
        database.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            string connection;
            await using (var db = database.Open(parse))
            {
                if (!db.Database.IsSqlite())
                    throw new InputException("backup copies the embedded SQLite database; back up SQL Server or PostgreSQL with their own tools (BACKUP DATABASE, pg_dump)");
                connection = db.Database.GetConnectionString()!;
            }
            var file = parse.GetValue(output)!;
            BackupSummary summary;
            try
            {
                summary = DatabaseBackup.Backup(connection, file.FullName);
            }
            catch (BackupException e)
            {
                throw new InputException(e.Message);
            }
            console.Out.WriteLine($"Backed up {summary.Responses:N0} responses of {summary.Runs:N0} runs to {file.FullName} ({summary.Bytes / 1024.0:N0} KB).");
            console.Out.WriteLine("Keep it as private as the server itself: it holds every response. Restore with 'survey restore <file>'.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
