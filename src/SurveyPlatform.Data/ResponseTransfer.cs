using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Data;

/// <summary>
/// Moves a run's responses between the database and the columnar <see cref="ResponseTable"/>: loading for
/// indicators and exports, bulk import of a checked file. An import writes every row in one transaction, so
/// a failure leaves the run as it was.
/// </summary>
public static class ResponseTransfer
{
    /// <summary>Loads every response of <paramref name="run"/>; answers are checked against the definition as they are read.</summary>
    public static async Task<ResponseTable> LoadAsync(SurveyDbContext db, SurveyRun run, SurveyDefinition definition, CancellationToken ct = default)
    {
        var builder = new ResponseTableBuilder(definition, run.AreaCodeList, capacity: 1024);
        var (lang, wave, site) = (builder.SlotOf(ResponseTable.Lang), builder.SlotOf(ResponseTable.Wave), builder.SlotOf(ResponseTable.Site));
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = db.Responses.AsNoTracking().Where(r => r.RunId == run.Id)
            .Select(r => new { r.AnswersJson, r.Lang, r.Weight, r.Wave, r.Site }).AsAsyncEnumerable();
        await foreach (var stored in rows.WithCancellation(ct))
        {
            var row = builder.NewRow();
            ReadAnswers(stored.AnswersJson, builder, row, slots);
            if (stored.Lang.Length > 0) builder.Set(lang, row, stored.Lang);
            if (stored.Wave is { Length: > 0 } w) builder.Set(wave, row, w);
            else if (run.Wave is { Length: > 0 } runWave) builder.Set(wave, row, runWave);
            if (stored.Site is { Length: > 0 } s) builder.Set(site, row, s);
            else if (run.Site is { Length: > 0 } runSite) builder.Set(site, row, runSite);
            if (stored.Weight is { } weight) builder.SetWeight(row, weight);
        }
        return builder.Build();
    }

    private static void ReadAnswers(string json, ResponseTableBuilder builder, int row, Dictionary<string, int> slots)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            var value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => reader.GetDouble().ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            if (string.IsNullOrEmpty(value)) continue;
            if (!slots.TryGetValue(key, out var slot)) slots[key] = slot = builder.SlotOf(key);
            // A stored answer was checked when it was accepted; one the current definition no longer knows is left out.
            if (slot >= 0) builder.Set(slot, row, value);
        }
    }

    /// <summary>
    /// Adds every row of <paramref name="table"/> to <paramref name="run"/> as imported responses, in one
    /// transaction. Rows get random ids and are written in id order, so the stored order says nothing about
    /// the file's order. <paramref name="progress"/> receives the number of rows written so far.
    /// </summary>
    public static async Task<int> ImportAsync(SurveyDbContext db, SurveyRun run, ResponseTable table, DateOnly day,
        IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var ids = new Guid[table.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = Guid.NewGuid();
        var order = Enumerable.Range(0, table.Count).ToArray();
        Array.Sort(ids.Select(id => id.ToString("D").ToUpperInvariant()).ToArray(), order, StringComparer.Ordinal);
        var writer = new AnswerJsonWriter(table);
        if (db.Database.IsSqlite())
            return ImportSqlite((SqliteConnection)db.Database.GetDbConnection(), run, table, day, ids, order, writer, progress, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var written = 0;
        foreach (var chunk in order.Chunk(2000))
        {
            foreach (var r in chunk)
                db.Responses.Add(ToEntity(run, table, day, ids[r], r, writer));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            written += chunk.Length;
            progress?.Report(written);
        }
        await transaction.CommitAsync(ct);
        return written;
    }

    private static Response ToEntity(SurveyRun run, ResponseTable table, DateOnly day, Guid id, int r, AnswerJsonWriter writer) => new()
    {
        Id = id,
        RunId = run.Id,
        Day = day,
        Lang = table[ResponseTable.Lang].Text(r) ?? "",
        Mode = ResponseMode.Imported,
        AnswersJson = writer.Write(r),
        Weight = table.Weights?[r],
        Wave = table[ResponseTable.Wave].Text(r),
        Site = table[ResponseTable.Site].Text(r),
    };

    private static int ImportSqlite(SqliteConnection connection, SurveyRun run, ResponseTable table, DateOnly day, Guid[] ids, int[] order,
        AnswerJsonWriter writer, IProgress<int>? progress, CancellationToken ct)
    {
        if (connection.State != System.Data.ConnectionState.Open) connection.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO Responses (Id, RunId, Day, Lang, Mode, AnswersJson, Weight, Wave, Site) " +
            "VALUES ($id, $run, $day, $lang, $mode, $answers, $weight, $wave, $site)";
        var p = new[] { "$id", "$run", "$day", "$lang", "$mode", "$answers", "$weight", "$wave", "$site" }
            .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        p[1].Value = run.Id.ToString("D").ToUpperInvariant();
        p[2].Value = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        p[4].Value = (int)ResponseMode.Imported;
        insert.Prepare();
        var (lang, wave, site) = (table[ResponseTable.Lang], table[ResponseTable.Wave], table[ResponseTable.Site]);
        var written = 0;
        foreach (var r in order)
        {
            p[0].Value = ids[r].ToString("D").ToUpperInvariant();
            p[3].Value = lang.Text(r) ?? "";
            p[5].Value = writer.Write(r);
            p[6].Value = table.Weights is { } w ? w[r] : DBNull.Value;
            p[7].Value = (object?)wave.Text(r) ?? DBNull.Value;
            p[8].Value = (object?)site.Text(r) ?? DBNull.Value;
            insert.ExecuteNonQuery();
            if (++written % 10_000 == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(written);
            }
        }
        transaction.Commit();
        progress?.Report(written);
        return written;
    }

    /// <summary>A row's answers as the JSON object the respondent path stores (item key → string), items in questionnaire order.</summary>
    private sealed class AnswerJsonWriter(ResponseTable table)
    {
        private readonly Column[] _columns = table.Definition.Items.Select(i => table[i.Key]).ToArray();
        private readonly ArrayBufferWriter<byte> _buffer = new(512);

        public string Write(int row)
        {
            _buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(_buffer))
            {
                json.WriteStartObject();
                foreach (var column in _columns)
                    if (column.Text(row) is { } text) json.WriteString(column.Key, text);
                json.WriteEndObject();
            }
            return System.Text.Encoding.UTF8.GetString(_buffer.WrittenSpan);
        }
    }
}
