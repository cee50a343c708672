using System.Globalization;
using Microsoft.Data.Sqlite;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Data;

/// <summary>
/// The one owner of how a response row is stored outside EF Core's own statements: its columns, the raw SQLite
/// statements of the bulk and group-commit paths, the text forms of its values as EF Core writes them, and the
/// settings every SQLite connection runs with. EF Core's model (Configuration/SurveyConfigurations.cs) owns the
/// schema; the answers' JSON is owned by <see cref="AnswerJson"/>.
/// </summary>
public static class ResponseRows
{
    /// <summary>The columns of <c>Responses</c>, in the order of every raw statement's parameters.</summary>
    public const string Columns = "Id, RunId, Day, Lang, Mode, AnswersJson, Weight, Wave, Site";

    /// <summary>One row; parameters 1–9 in the order of <see cref="Columns"/> (bind by name or by index).</summary>
    public const string SqliteInsert =
        "INSERT INTO Responses (" + Columns + ") VALUES ($id, $run, $day, $lang, $mode, $answers, $weight, $wave, $site)";

    /// <summary>The columns the indicator engine reads, for one run (parameter 1: the run's id).</summary>
    public const string SqliteSelectForRun = "SELECT AnswersJson, Lang, Weight, Wave, Site FROM Responses WHERE RunId = $run";

    /// <summary>
    /// Settings of every SQLite connection: a commit is synced to disk before it returns (anonymity.md rule 9),
    /// deleted content is overwritten with zeros rather than left in free space (rules 8 and 10), writers wait for
    /// each other rather than fail.
    /// </summary>
    public const string SqlitePragmas = "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    /// <summary>A GUID as EF Core's SQLite provider stores it: upper-case text.</summary>
    public static string SqliteText(Guid id) => id.ToString("D").ToUpperInvariant();

    /// <summary>The same, as the 36 UTF-8 bytes of <paramref name="destination"/>.</summary>
    public static void SqliteText(Guid id, Span<byte> destination)
    {
        id.TryFormat(destination, out _, "D");
        for (var k = 0; k < 36; k++)
            if (destination[k] is >= (byte)'a' and <= (byte)'f') destination[k] -= 'a' - 'A';
    }

    /// <summary>A day as EF Core stores a <see cref="DateOnly"/> in SQLite.</summary>
    public static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static void ApplyPragmas(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SqlitePragmas;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A response as stored: answers in the definition's order (the JSON says nothing about the order of answering),
    /// the day or the Monday of its week only (anonymity.md rule 1), a random v4 id, the run's wave and site.
    /// </summary>
    public static Response New(SurveyRun run, SurveyDefinition definition, string lang, IReadOnlyDictionary<string, string> answers,
        ResponseMode mode, DateOnly today)
    {
        var day = run.DatePrecision == DatePrecision.Week ? today.AddDays(-(((int)today.DayOfWeek + 6) % 7)) : today;
        return new Response
        {
            Id = Guid.NewGuid(),
            RunId = run.Id,
            Day = day,
            Lang = lang,
            Mode = mode,
            AnswersJson = AnswerJson.Encode(definition, answers),
            Wave = run.Wave,
            Site = run.Site,
        };
    }
}
