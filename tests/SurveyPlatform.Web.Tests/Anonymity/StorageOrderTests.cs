using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Tests.Features.Runs;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Anonymity;

/// <summary>
/// anonymity.md rules 5 and 10 against a copy of the data folder taken while the server runs (what a kill -9 leaves is the
/// same files) and against a backup: the attacker parses SQLite's files himself (the order of the write-ahead log's frames,
/// the position of each cell in its page, the files' times) and tries to put the responses in the order they came, or to
/// tell which one-time code admitted which response. Rows older than the mixing window must give him nothing better than
/// |Spearman ρ| &lt; 0.2 over hundreds of responses. The mixer is driven by hand here (its window is an hour), except in the
/// test of its clock.
/// </summary>
public sealed class StorageOrderTests : IAsyncLifetime
{
    private const int Windows = 4, PerWindow = 60;
    private readonly PlatformFactory _factory = new PlatformFactory()
        .With("Anonymity:MixingSeconds", "3600")
        .With("Account:RequireTwoFactorForOrganizers", "false");
    private readonly string _copies = Directory.CreateTempSubdirectory("sp-copy-").FullName;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_copies, recursive: true);
    }

    [Fact]
    public async Task A_copy_of_the_files_does_not_order_responses_older_than_the_mixing_window()
    {
        using var started = _factory.CreateBrowser();
        var (run, definition) = await DemoRunAsync();
        var store = _factory.Service<ResponseStore>();
        var mixer = _factory.Service<ResponseMixer>();
        await mixer.MixAsync(); // the start-up mix, done

        var older = new List<string>();
        var receipts = new Dictionary<string, byte[]>();
        (double Wal, double Cells) before = default;
        var receiptsBefore = 0.0;
        for (var window = 0; window < Windows; window++)
        {
            for (var i = 0; i < PerWindow; i++)
                older.Add(await SubmitAsync(store, run, definition, $"w{window} r{i}", receipts));
            if (window == 0)
            {
                before = Attack(Copy("before"), older);
                receiptsBefore = ReceiptAttack(Copy("before-receipts"), older, receipts);
            }
            Assert.True(await mixer.MixAsync(force: false), "the mixer saw nothing written");
        }
        var mixedAt = DateTime.UtcNow;
        var afterMix = Copy("after-mix");
        // Responses of the current window, not mixed yet, sit beside them in the copy.
        var recent = new List<string>();
        for (var i = 0; i < 30; i++)
            recent.Add(await SubmitAsync(store, run, definition, $"recent {i}"));
        var copy = Copy("during-window");

        // The attack works on rows that were not mixed yet: the log orders them exactly.
        Assert.True(before.Wal > 0.9, $"the log attack should order unmixed rows (ρ = {before.Wal:F2})");
        var (wal, cells) = Attack(copy, older);
        TestContext.Current.SendDiagnosticMessage($"unmixed: log ρ = {before.Wal:F2}, cells ρ = {before.Cells:F2}; mixed: log ρ = {wal:F2}, cells ρ = {cells:F2}");
        Assert.True(Math.Abs(wal) < 0.2, $"the write-ahead log orders mixed responses: ρ = {wal:F2}");
        Assert.True(Math.Abs(cells) < 0.2, $"cell positions order mixed responses: ρ = {cells:F2}");
        Assert.Equal(0, new FileInfo(Path.Combine(afterMix, "surveyplatform.db-wal")).Length);
        var (_, cellsAfterMix) = Attack(afterMix, older);
        Assert.True(Math.Abs(cellsAfterMix) < 0.2, $"cell positions order mixed responses right after the mix: ρ = {cellsAfterMix:F2}");
        // Receipts were written in the same commits as their responses: they must not keep that order either.
        Assert.True(receiptsBefore > 0.3, $"the attack should order unmixed receipts (ρ = {receiptsBefore:F2})");
        var receiptOrder = ReceiptAttack(copy, older, receipts);
        Assert.True(Math.Abs(receiptOrder) < 0.2, $"positions of submission receipts order mixed submissions: ρ = {receiptOrder:F2}");

        // The files' times say when the mixer last ran, nothing of when anyone answered.
        foreach (var file in Directory.GetFiles(afterMix))
        {
            Assert.True(File.GetLastWriteTimeUtc(file) >= mixedAt.AddSeconds(-5) || File.GetLastWriteTimeUtc(file) <= _started,
                $"{Path.GetFileName(file)} was last written at {File.GetLastWriteTimeUtc(file):O}, while responses came in");
        }

        // Mixing kept every row and the schema: the database is intact, its index on the run is there, every response is read.
        await using (var live = new SqliteConnection($"Data Source={_factory.DatabasePath};Mode=ReadOnly;Pooling=false"))
        {
            live.Open();
            using var check = live.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", check.ExecuteScalar());
            check.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('IX_Responses_RunId', 'IX_SubmissionReceipts_RunId')";
            Assert.Equal(2L, check.ExecuteScalar());
        }
        await using (var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(Windows * PerWindow + 30, await db.Responses.CountAsync(r => r.RunId == run.Id));
            Assert.Equal(Windows * PerWindow + 30, await db.SubmissionReceipts.CountAsync());
        }

        // A backup, taken within the window, orders nobody: not the mixed rows, not the recent ones.
        var backup = DatabaseBackup.Backup($"Data Source={_factory.DatabasePath}", Path.Combine(_copies, "backup.db"));
        var all = older.Concat(recent).ToList();
        var backupCells = SqliteForensics.Spearman(all, SqliteForensics.OrderByCellOffsets(
            SqliteForensics.CurrentPages(File.ReadAllBytes(backup.File), []), all.ToHashSet()));
        Assert.True(Math.Abs(backupCells) < 0.2, $"cell positions in a backup order responses: ρ = {backupCells:F2}");
    }

    [Fact]
    public async Task A_copy_of_the_files_does_not_link_a_one_time_code_to_the_response_it_admitted()
    {
        var organization = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        var runId = await _factory.RunAsync("eastside-codes", organization, RunMode.OneTimeCodes);
        var (run, definition) = await RunAsync(runId);
        var codes = await _factory.Service<RunCodeGenerator>().GenerateAsync(runId, 200);
        var hasher = _factory.Service<RunCodeHasher>();
        var store = _factory.Service<ResponseStore>();
        var mixer = _factory.Service<ResponseMixer>();
        await mixer.MixAsync();

        // One respondent after the other: each uses up a code, answers, submits.
        var admitted = new List<(byte[] Code, string Response)>();
        foreach (var code in codes)
        {
            var hash = hasher.Hash(runId, code);
            Assert.Equal(CodeClaim.Claimed, await store.ClaimCodeAsync(runId, hash));
            admitted.Add((hash, await SubmitAsync(store, run, definition, code)));
        }
        var before = LinkAttack(Copy("before"), admitted);
        Assert.True(await mixer.MixAsync(force: false));
        var after = LinkAttack(Copy("after"), admitted);

        // The attacker holds the printed codes and the key of their fingerprints (keys/run-codes.key, in the same folder).
        TestContext.Current.SendDiagnosticMessage($"codes linked to their response: {before} of {codes.Count} before mixing, {after} after");
        Assert.True(before > codes.Count / 10, $"the attack should link codes before mixing ({before} of {codes.Count})");
        Assert.True(after <= codes.Count / 20, $"{after} of {codes.Count} codes linked to their response after mixing");
    }

    [Fact]
    public async Task The_mixer_empties_the_log_by_itself_once_the_window_has_passed()
    {
        await using var factory = new PlatformFactory().With("Anonymity:MixingSeconds", "1");
        using var started = factory.CreateBrowser();
        await using var db = await factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        var run = await db.Runs.Include(r => r.SurveyVersion).SingleAsync();
        var definition = DefinitionLoader.Load(run.SurveyVersion!.DefinitionJson, "test");
        var store = factory.Service<ResponseStore>();
        for (var i = 0; i < 5; i++)
            await SubmitAsync(store, run, definition, $"clock {i}");
        var wal = factory.DatabasePath + "-wal";
        Assert.True(new FileInfo(wal).Length > 0);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (new FileInfo(wal).Length > 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(0, new FileInfo(wal).Length);
        Assert.Equal(5, await db.Responses.CountAsync(TestContext.Current.CancellationToken));
    }

    private DateTime _started = DateTime.UtcNow;

    private async Task<(SurveyRun Run, SurveyDefinition Definition)> DemoRunAsync()
    {
        _started = DateTime.UtcNow;
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        return await RunAsync((await db.Runs.SingleAsync(r => r.Slug == "community-trust")).Id);
    }

    private async Task<(SurveyRun Run, SurveyDefinition Definition)> RunAsync(Guid runId)
    {
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        var run = await db.Runs.Include(r => r.SurveyVersion).SingleAsync(r => r.Id == runId);
        return (run, DefinitionLoader.Load(run.SurveyVersion!.DefinitionJson, "test"));
    }

    /// <summary>One respondent's submission through the server's own write path; returns the stored row's id as SQLite keeps it.</summary>
    private static async Task<string> SubmitAsync(ResponseStore store, SurveyRun run, SurveyDefinition definition, string marker,
        Dictionary<string, byte[]>? receipts = null)
    {
        var answers = StandardAnswers.ForeignBornVictim.ToDictionary(a => a.Key, a => string.Join(' ', a.Value));
        answers["comments"] = marker;
        var response = ResponseRows.New(run, definition, "en", answers, ResponseMode.Online, DateOnly.FromDateTime(DateTime.UtcNow));
        var receipt = RandomNumberGenerator.GetBytes(32);
        Assert.Equal(SubmitOutcome.Stored, await store.SubmitAsync(response, receipt));
        receipts?.Add(ResponseRows.SqliteText(response.Id), receipt);
        return ResponseRows.SqliteText(response.Id);
    }

    /// <summary>The data folder's database files as they are now, read while the server holds them open.</summary>
    private string Copy(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_copies, name)).FullName;
        foreach (var file in Directory.GetFiles(_factory.DataDirectory, "surveyplatform.db*"))
        {
            var target = Path.Combine(folder, Path.GetFileName(file));
            File.WriteAllBytes(target, Files.ReadShared(file));
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(file));
        }
        return folder;
    }

    private static (double Wal, double Cells) Attack(string copy, IReadOnlyList<string> trueOrder)
    {
        var database = File.ReadAllBytes(Path.Combine(copy, "surveyplatform.db"));
        var walFile = Path.Combine(copy, "surveyplatform.db-wal");
        var wal = File.Exists(walFile) ? File.ReadAllBytes(walFile) : [];
        var ids = trueOrder.ToHashSet();
        return (SqliteForensics.Spearman(trueOrder, SqliteForensics.OrderByFirstFrame(wal, ids)),
            SqliteForensics.Spearman(trueOrder, SqliteForensics.OrderByCellOffsets(SqliteForensics.CurrentPages(database, wal), ids)));
    }

    private static double ReceiptAttack(string copy, IReadOnlyList<string> trueOrder, IReadOnlyDictionary<string, byte[]> receipts)
    {
        var database = File.ReadAllBytes(Path.Combine(copy, "surveyplatform.db"));
        var walFile = Path.Combine(copy, "surveyplatform.db-wal");
        var wal = File.Exists(walFile) ? File.ReadAllBytes(walFile) : [];
        return SqliteForensics.Spearman(trueOrder, SqliteForensics.OrderByPositionInPage(SqliteForensics.CurrentPages(database, wal),
            trueOrder.ToDictionary(id => id, id => receipts[id])));
    }

    /// <summary>
    /// Links each code to a response: replaying the log over the database file, page version by page version, a code whose
    /// used flag (its record's last serial type: 9, the integer 1) appears in a new version was used up by that commit, and a
    /// response id that appears in a new version was written by it; each code is linked to the next response written after
    /// it was used. Returns how many links are right.
    /// </summary>
    private static int LinkAttack(string copy, IReadOnlyList<(byte[] Code, string Response)> truth)
    {
        var database = File.ReadAllBytes(Path.Combine(copy, "surveyplatform.db"));
        var walFile = Path.Combine(copy, "surveyplatform.db-wal");
        var wal = File.Exists(walFile) ? File.ReadAllBytes(walFile) : [];
        var ids = truth.Select(t => t.Response).ToHashSet();
        var previous = SqliteForensics.CurrentPages(database, []);
        var events = new List<(int Frame, byte[]? Code, string? Response)>();
        foreach (var frame in SqliteForensics.WalFrames(wal))
        {
            var old = previous.GetValueOrDefault(frame.Page) ?? [];
            foreach (var (code, _) in truth)
            {
                if (UsedIn(frame.Data, code) && !UsedIn(old, code))
                    events.Add((frame.Index, code, null));
            }

            var before = old.Length == 0 ? [] : SqliteForensics.CellsWithIds(old, frame.Page, ids).Select(c => c.Id).ToHashSet();
            foreach (var (_, id) in SqliteForensics.CellsWithIds(frame.Data, frame.Page, ids))
            {
                if (!before.Contains(id))
                    events.Add((frame.Index, null, id));
            }

            previous[frame.Page] = frame.Data;
        }
        var right = 0;
        var linked = new HashSet<string>();
        foreach (var (code, response) in truth)
        {
            var used = events.FindIndex(e => e.Code == code);
            if (used < 0)
                continue;
            var guess = events.Skip(used).Select(e => e.Response).FirstOrDefault(r => r is not null && !linked.Contains(r));
            if (guess is null)
                continue;
            linked.Add(guess);
            if (guess == response)
                right++;
        }
        return right;
    }

    /// <summary>Whether the page holds the code's row with its used flag set (record header serial type 9: the integer 1).</summary>
    private static bool UsedIn(byte[] page, byte[] code)
    {
        for (var at = page.AsSpan().IndexOf(code); at > 0; at = IndexAfter(page, code, at))
        {
            if (page[at - 1] == 9)
                return true;
        }

        return false;
    }

    private static int IndexAfter(byte[] page, byte[] code, int at)
    {
        var next = page.AsSpan(at + 1).IndexOf(code);
        return next < 0 ? -1 : at + 1 + next;
    }
}
