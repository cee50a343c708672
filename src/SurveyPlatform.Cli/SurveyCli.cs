using System.CommandLine;
using SurveyPlatform.Cli.Commands;

namespace SurveyPlatform.Cli;

/// <summary>Exit codes of every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Invalid input: the message names the file, row, column and what is allowed.</summary>
    public const int InvalidInput = 1;
    /// <summary>Wrong usage: unknown command or option, missing argument.</summary>
    public const int Usage = 2;
    /// <summary><c>survey audit</c>: an attacker can work out a withheld group of the release.</summary>
    public const int AuditFailed = 3;
}

/// <summary>A problem with the user's input, reported without a stack trace.</summary>
public sealed class InputException(string message) : Exception(message);

public static class SurveyCli
{
    public static int Run(string[] args, TextWriter output, TextWriter error, TextReader? input = null)
    {
        var console = new CliConsole(output, error);
        var root = new RootCommand("SurveyPlatform: community trust and crime-reporting surveys, indicators with honest uncertainty.")
        {
            ValidateCommand.Create(console),
            IndicatorsCommand.Create(console),
            GenerateCommand.Create(console),
            ImportCommand.Create(console),
            ExportCommand.Create(console),
            WeightsCommand.Create(console),
            ReportCommand.Create(console),
            AuditCommand.Create(console),
            AdminCommand.Create(console, input ?? Console.In),
            BackupCommand.Create(console),
            RestoreCommand.Create(console),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) error.WriteLine($"error: {e.Message}");
            error.WriteLine("Run 'survey --help' (or 'survey <command> --help') for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (InputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or System.Data.Common.DbException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}

/// <summary>Where commands write: results to standard output, problems and progress to standard error.</summary>
public sealed class CliConsole(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;
    /// <summary>True when standard error is a terminal (progress bars only then).</summary>
    public bool Interactive => ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected;
}
