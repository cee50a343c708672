using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Benchmarks;

/// <summary>The benchmarks of performance.md on the data path.</summary>
internal static class DataPath
{
    private static readonly Breakdown[] FiveBreakdowns =
        [Breakdown.Of("area"), Breakdown.Of("born_here"), Breakdown.Of("gender"), Breakdown.Of("age_group"), Breakdown.Of("site")];

    /// <summary>All indicators × 5 breakdowns on a table already in memory (warm: the first run is discarded).</summary>
    public static IEnumerable<Timing> Indicators(ResponseTable table, int size, int runs)
    {
        var options = new EngineOptions { Breakdowns = FiveBreakdowns };
        IndicatorEngine.Compute(table, options);
        yield return Timing.Measure("indicators: all × 5 breakdowns, warm", size, "< 500 ms at 1M", runs, () => IndicatorEngine.Compute(table, options));
    }

    /// <summary>CSV file → checked table (the parse alone), then CSV → SQLite import, then SQLite → table.</summary>
    public static async Task<IEnumerable<Timing>> ImportAndLoadAsync(SurveyDefinition definition, ResponseTable table, int size, int runs, string folder)
    {
        var csv = Path.Combine(folder, $"responses-{size}.csv");
        using (var writer = new StreamWriter(csv)) ResponseCsv.Write(table, writer);
        var results = new List<Timing>
        {
            Timing.Measure("csv read and check", size, "", runs, () => ResponseCsv.ReadFile(csv, definition)),
        };
        var dataDir = Path.Combine(folder, $"data-{size}");
        var connection = DatabaseSetup.ResolveConnectionString(new DatabaseOptions(), dataDir);
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, connection);
        SurveyRun run;
        await using (var db = new SurveyDbContext(options.Options))
        {
            await DatabaseSetup.MigrateAsync(db);
            var version = new SurveyVersion { SurveyId = definition.Id, Version = definition.Version, Title = "bench", DefinitionJson = "{}", Sha256 = "" };
            run = new SurveyRun { Slug = "bench", Name = "bench", SurveyVersion = version, Status = RunStatus.Open };
            db.Runs.Add(run);
            await db.SaveChangesAsync();
        }
        results.Add(Timing.Measure("import: csv file into SQLite", size, "< 10 s at 1M", runs, () =>
        {
            var file = ResponseCsv.ReadFile(csv, definition);
            using var db = new SurveyDbContext(options.Options);
            ResponseTransfer.ImportAsync(db, run, file.Table, new DateOnly(2026, 1, 1)).GetAwaiter().GetResult();
        }, before: () =>
        {
            using var db = new SurveyDbContext(options.Options);
            db.Responses.ExecuteDelete();
        }));
        results.Add(Timing.Measure("load: SQLite into the columnar table", size, "< 3 s at 1M", runs, () =>
        {
            using var db = new SurveyDbContext(options.Options);
            ResponseTransfer.LoadAsync(db, run, definition).GetAwaiter().GetResult();
        }));
        await using (var db = new SurveyDbContext(options.Options))
        {
            var loaded = await ResponseTransfer.LoadAsync(db, run, definition);
            if (loaded.Count != size) throw new InvalidOperationException($"Loaded {loaded.Count} of {size} responses.");
        }
        // The mixer (docs/architecture.md, "The mixer"): Responses and SubmissionReceipts rewritten in key order, the log emptied.
        var mixing = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection) { Pooling = false }.ToString());
        mixing.Open();
        ResponseRows.ApplyPragmas(mixing);
        using (var off = mixing.CreateCommand())
        {
            off.CommandText = "PRAGMA foreign_keys=OFF; PRAGMA journal_mode=WAL;";
            off.ExecuteNonQuery();
        }
        results.Add(Timing.Measure("mix: rewrite Responses in key order, empty the log (SQLite)", size, "well under the mixing window", runs,
            () => ResponseMixer.MixSqlite(mixing)));
        mixing.Dispose();
        return results;
    }
}
