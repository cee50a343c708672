using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Tests.Data;

/// <summary>
/// The SQLite bulk paths (import through SQLite's statement API, load with parsing on a second thread) against a
/// real database file: every answer comes back, and what is stored is what the respondent path would store.
/// </summary>
public sealed class SqliteTransferTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sp-transfer-").FullName;
    private readonly SurveyDefinition _definition = DefinitionLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "surveys", "community-trust.survey.json"));
    private SurveyDbContext _db = default!;
    private SurveyRun _run = default!;

    public async ValueTask InitializeAsync()
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "t.db")};Pooling=false");
        _db = new SurveyDbContext(options.Options);
        await DatabaseSetup.MigrateAsync(_db);
        var version = new SurveyVersion { SurveyId = _definition.Id, Version = _definition.Version, Title = "t", DefinitionJson = "{}", Sha256 = "x" };
        _run = new SurveyRun { Slug = "t", Name = "t", SurveyVersion = version, Status = RunStatus.Open, Wave = "run-wave" };
        _db.Runs.Add(_run);
        await _db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Imported_synthetic_rows_label_the_run_and_every_table_loaded_from_it()
    {
        var real = ResponseCsv.Read(new MemoryStream("born_here\nyes\n"u8.ToArray()), "real.csv", _definition).Table;
        await ResponseTransfer.ImportAsync(_db, _run, real, new DateOnly(2026, 11, 1));
        Assert.False((await ResponseTransfer.LoadAsync(_db, _run, _definition)).Synthetic);

        var generated = SyntheticResponses.Generate(_definition, new SyntheticOptions { Count = 20, Seed = 1 });
        await ResponseTransfer.ImportAsync(_db, _run, generated, new DateOnly(2026, 11, 1));

        await using var fresh = new SurveyDbContext(new DbContextOptionsBuilder<SurveyDbContext>().UseSqlite(_db.Database.GetConnectionString()).Options);
        var run = await fresh.Runs.SingleAsync(r => r.Id == _run.Id);
        Assert.True(run.HoldsSyntheticResponses);
        var loaded = await ResponseTransfer.LoadAsync(fresh, run, _definition);
        Assert.True(loaded.Synthetic);
        Assert.True(IndicatorEngine.Compute(loaded).Synthetic); // what results, briefs, full reports and annexes print their banner from
    }

    [Fact]
    public async Task Every_answer_of_many_batches_comes_back_and_gives_the_same_indicators()
    {
        // 10,001 rows: two full batches of the pipeline and a partial one, with weights, sites and waves.
        var table = SyntheticResponses.Generate(_definition, new SyntheticOptions { Count = 10_001, Seed = 9, Sites = ["cook", "harris"], Waves = ["w1", "w2"] });
        var weighted = WithWeights(table);

        Assert.Equal(10_001, await ResponseTransfer.ImportAsync(_db, _run, weighted, new DateOnly(2026, 11, 1)));
        var loaded = await ResponseTransfer.LoadAsync(_db, _run, _definition);

        Assert.Equal(Rows(weighted), Rows(loaded));
        Assert.Equal(Enumerable.Range(0, weighted.Count).Select(r => weighted.Weights![r]).Order(), Enumerable.Range(0, loaded.Count).Select(r => loaded.Weights![r]).Order());
        var before = IndicatorEngine.Compute(weighted);
        var after = IndicatorEngine.Compute(loaded);
        Assert.Equal(before.Indicators.Count, after.Indicators.Count);
        foreach (var indicator in before.Indicators)
        {
            // Sums over the rows in another order may differ in the last bits only.
            Assert.Equal(indicator.Overall.Value ?? double.NaN, after.Find(indicator.Id)!.Overall.Value ?? double.NaN, 10);
            Assert.Equal(indicator.Overall.N, after.Find(indicator.Id)!.Overall.N);
        }
    }

    [Fact]
    public async Task Stored_rows_are_what_the_respondent_path_stores_in_the_order_of_their_random_ids()
    {
        var builder = new ResponseTableBuilder(_definition);
        string[] comments = ["plain", "«é» \"quoted\" back\\slash\nnew line 中文 مرحبا <b>&</b>", ""];
        foreach (var comment in comments)
        {
            var row = builder.NewRow();
            Assert.Null(builder.Set("born_here", row, "no"));
            Assert.Null(builder.Set(ResponseTable.Lang, row, "es"));
            if (comment.Length > 0)
                Assert.Null(builder.Set("comments", row, comment));
        }
        var table = builder.Build();

        await ResponseTransfer.ImportAsync(_db, _run, table, new DateOnly(2026, 11, 1));

        var stored = await _db.Database.SqlQueryRaw<StoredRow>("SELECT Id, AnswersJson, Lang, Wave FROM Responses").ToListAsync();
        Assert.Equal(3, stored.Count);
        Assert.All(stored, s => Assert.Equal(Guid.Parse(s.Id).ToString("D").ToUpperInvariant(), s.Id));
        Assert.Equal(stored.Select(s => s.Id).Order(StringComparer.Ordinal), stored.Select(s => s.Id)); // the table's own order
        Assert.All(stored, s => Assert.Equal("es", s.Lang));
        Assert.All(stored, s => Assert.Null(s.Wave)); // none in the file: the run's wave applies when loading
        foreach (var comment in comments)
        {
            var answers = new Dictionary<string, string> { ["born_here"] = "no" };
            if (comment.Length > 0) answers["comments"] = comment;
            Assert.Contains(JsonSerializer.Serialize(answers), stored.Select(s => s.AnswersJson));
        }
        var loaded = await ResponseTransfer.LoadAsync(_db, _run, _definition);
        Assert.Equal(Rows(table).Select(r => r + ";wave=run-wave"), Rows(loaded));
    }

    [Fact]
    public async Task A_cancelled_import_leaves_the_run_as_it_was()
    {
        var table = SyntheticResponses.Generate(_definition, new SyntheticOptions { Count = 20_000, Seed = 3 });
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ResponseTransfer.ImportAsync(_db, _run, table, new DateOnly(2026, 11, 1), new SynchronousProgress(cancel), cancel.Token));

        Assert.Equal(0, await _db.Responses.CountAsync());
        Assert.Equal(0, (await ResponseTransfer.LoadAsync(_db, _run, _definition)).Count);
    }

    /// <summary>Cancels as soon as the first batch is written (Progress&lt;T&gt; would report later, on the thread pool).</summary>
    private sealed class SynchronousProgress(CancellationTokenSource cancel) : IProgress<int>
    {
        public void Report(int value)
        {
            if (value > 0) cancel.Cancel();
        }
    }

    private sealed record StoredRow(string Id, string AnswersJson, string Lang, string? Wave);

    private static ResponseTable WithWeights(ResponseTable table)
    {
        var builder = new ResponseTableBuilder(table.Definition);
        for (var r = 0; r < table.Count; r++)
        {
            var row = builder.NewRow();
            foreach (var (key, value) in table.Row(r))
                Assert.Null(builder.Set(key, row, value));
            builder.SetWeight(row, 0.5 + r % 7 * 0.25);
        }
        return builder.Build();
    }

    private static IEnumerable<string> Rows(ResponseTable t) =>
        Enumerable.Range(0, t.Count).Select(r => string.Join(";", t.Row(r).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value)))
            .Order(StringComparer.Ordinal);
}
