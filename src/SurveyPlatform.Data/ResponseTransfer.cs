using System.Buffers;
using System.Globalization;
using System.Text;
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
        var loader = new RowLoader(new ResponseTableBuilder(definition, run.AreaCodeList, capacity: 1024), run);
        if (db.Database.IsSqlite())
        {
            // The hot path (a million rows in well under the 3 s budget): plain reader, answers parsed from UTF-8 spans.
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT AnswersJson, Lang, Weight, Wave, Site FROM Responses WHERE RunId = $run";
            command.Parameters.AddWithValue("$run", run.Id.ToString("D").ToUpperInvariant());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                loader.Add(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDouble(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        }
        else
        {
            var rows = db.Responses.AsNoTracking().Where(r => r.RunId == run.Id)
                .Select(r => new { r.AnswersJson, r.Lang, r.Weight, r.Wave, r.Site }).AsAsyncEnumerable();
            await foreach (var stored in rows.WithCancellation(ct))
                loader.Add(stored.AnswersJson, stored.Lang, stored.Weight, stored.Wave, stored.Site);
        }
        return loader.Builder.Build();
    }

    /// <summary>Adds stored responses to a table builder, parsing the answers' JSON without a string per key or value.</summary>
    private sealed class RowLoader(ResponseTableBuilder builder, SurveyRun run)
    {
        private readonly int _lang = builder.SlotOf(ResponseTable.Lang), _wave = builder.SlotOf(ResponseTable.Wave), _site = builder.SlotOf(ResponseTable.Site);
        private byte[] _utf8 = new byte[4096];
        private char[] _chars = new char[4096];

        public ResponseTableBuilder Builder => builder;

        public void Add(string answersJson, string lang, double? weight, string? wave, string? site)
        {
            var row = builder.NewRow();
            ReadAnswers(answersJson, row);
            if (lang.Length > 0) builder.Set(_lang, row, lang);
            if (wave is { Length: > 0 } || run.Wave is { Length: > 0 }) builder.Set(_wave, row, wave is { Length: > 0 } ? wave : run.Wave!);
            if (site is { Length: > 0 } || run.Site is { Length: > 0 }) builder.Set(_site, row, site is { Length: > 0 } ? site : run.Site!);
            if (weight is { } w) builder.SetWeight(row, w);
        }

        private void ReadAnswers(string json, int row)
        {
            var max = Encoding.UTF8.GetMaxByteCount(json.Length);
            if (_utf8.Length < max) _utf8 = new byte[max];
            var length = Encoding.UTF8.GetBytes(json, _utf8);
            var reader = new Utf8JsonReader(_utf8.AsSpan(0, length));
            reader.Read();
            var slot = -1;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    slot = builder.SlotOf(Text(ref reader));
                    continue;
                }
                // A stored answer was checked when it was accepted; one the current definition no longer knows is left out.
                if (slot < 0) continue;
                var value = reader.TokenType switch
                {
                    JsonTokenType.String => Text(ref reader),
                    JsonTokenType.Number => reader.GetDouble().ToString(CultureInfo.InvariantCulture).AsSpan(),
                    _ => default,
                };
                if (!value.IsEmpty) builder.Set(slot, row, value);
            }
        }

        private ReadOnlySpan<char> Text(ref Utf8JsonReader reader)
        {
            var needed = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
            if (_chars.Length < needed) _chars = new char[needed * 2];
            var written = reader.CopyString(_chars);
            return _chars.AsSpan(0, written);
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

    /// <summary>Rows per INSERT statement: fewer statements to step through, the same single transaction.</summary>
    private const int RowsPerInsert = 50;

    private static int ImportSqlite(SqliteConnection connection, SurveyRun run, ResponseTable table, DateOnly day, Guid[] ids, int[] order,
        AnswerJsonWriter writer, IProgress<int>? progress, CancellationToken ct)
    {
        if (connection.State != System.Data.ConnectionState.Open) connection.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var runId = run.Id.ToString("D").ToUpperInvariant();
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (lang, wave, site) = (table[ResponseTable.Lang], table[ResponseTable.Wave], table[ResponseTable.Site]);
        using var batch = Insert(connection, transaction, RowsPerInsert);
        using var single = Insert(connection, transaction, 1);
        var written = 0;
        while (written < order.Length)
        {
            var command = order.Length - written >= RowsPerInsert ? batch : single;
            var rows = command == batch ? RowsPerInsert : 1;
            for (var i = 0; i < rows; i++)
            {
                var r = order[written + i];
                var p = command.Parameters;
                var at = i * 7;
                p[at].Value = ids[r].ToString("D").ToUpperInvariant();
                p[at + 1].Value = lang.Text(r) ?? "";
                p[at + 2].Value = writer.Write(r);
                p[at + 3].Value = table.Weights is { } w ? w[r] : DBNull.Value;
                p[at + 4].Value = (object?)wave.Text(r) ?? DBNull.Value;
                p[at + 5].Value = (object?)site.Text(r) ?? DBNull.Value;
                p[at + 6].Value = runId;
            }
            command.ExecuteNonQuery();
            var before = written;
            written += rows;
            if (written / 10_000 != before / 10_000)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(written);
            }
        }
        transaction.Commit();
        progress?.Report(written);
        return written;

        SqliteCommand Insert(SqliteConnection c, SqliteTransaction t, int rows)
        {
            var command = c.CreateCommand();
            command.Transaction = t;
            var values = Enumerable.Range(0, rows).Select(i =>
                $"($id{i}, $run{i}, '{dayText}', $lang{i}, {(int)ResponseMode.Imported}, $answers{i}, $weight{i}, $wave{i}, $site{i})");
            command.CommandText = "INSERT INTO Responses (Id, RunId, Day, Lang, Mode, AnswersJson, Weight, Wave, Site) VALUES " + string.Join(", ", values);
            for (var i = 0; i < rows; i++)
                foreach (var name in new[] { "$id", "$lang", "$answers", "$weight", "$wave", "$site", "$run" })
                    command.Parameters.Add(new SqliteParameter { ParameterName = name + i });
            command.Prepare();
            return command;
        }
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
