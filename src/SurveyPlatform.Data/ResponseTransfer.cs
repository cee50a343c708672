using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;
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
            // The hot path (a million rows within the 3 s budget): SQLite's own statement API steps through the rows on
            // this thread, handing their UTF-8 text over in batches; the answers are parsed on another, without a
            // string per row.
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
            using var statement = Prepare(connection, "SELECT AnswersJson, Lang, Weight, Wave, Site FROM Responses WHERE RunId = ?1");
            Check(connection, raw.sqlite3_bind_text(statement, 1, run.Id.ToString("D").ToUpperInvariant()));
            using var pipe = new RowPipe(fields: 4, ct);
            pipe.Run(here: () =>
            {
                var batch = pipe.Take();
                int result;
                while ((result = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    var row = batch.NewRow();
                    batch.Set(row, 0, raw.sqlite3_column_blob(statement, 0));
                    batch.Set(row, 1, raw.sqlite3_column_blob(statement, 1));
                    batch.Numbers[row] = raw.sqlite3_column_type(statement, 2) == raw.SQLITE_NULL ? double.NaN : raw.sqlite3_column_double(statement, 2);
                    batch.Set(row, 2, raw.sqlite3_column_blob(statement, 3));
                    batch.Set(row, 3, raw.sqlite3_column_blob(statement, 4));
                    if (batch.IsFull)
                    {
                        pipe.Send(batch);
                        batch = pipe.Take();
                    }
                }
                if (result != raw.SQLITE_DONE) Check(connection, result);
                pipe.Complete(batch);
            }, background: () =>
            {
                foreach (var batch in pipe.Received())
                    for (var row = 0; row < batch.Count; row++)
                        loader.Add(batch.Get(row, 0), batch.Get(row, 1), double.IsNaN(batch.Numbers[row]) ? null : batch.Numbers[row],
                            batch.Get(row, 2), batch.Get(row, 3));
            });
        }
        else
        {
            var rows = db.Responses.AsNoTracking().Where(r => r.RunId == run.Id)
                .Select(r => new { r.AnswersJson, r.Lang, r.Weight, r.Wave, r.Site }).AsAsyncEnumerable();
            await foreach (var stored in rows.WithCancellation(ct))
                loader.Add(Encoding.UTF8.GetBytes(stored.AnswersJson), Encoding.UTF8.GetBytes(stored.Lang), stored.Weight,
                    Encoding.UTF8.GetBytes(stored.Wave ?? ""), Encoding.UTF8.GetBytes(stored.Site ?? ""));
        }
        return loader.Builder.Build();
    }

    /// <summary>Adds stored responses to a table builder, parsing the answers' JSON without a string per key or value.</summary>
    private sealed class RowLoader(ResponseTableBuilder builder, SurveyRun run)
    {
        private readonly int _lang = builder.SlotOf(ResponseTable.Lang), _wave = builder.SlotOf(ResponseTable.Wave), _site = builder.SlotOf(ResponseTable.Site);
        private char[] _chars = new char[4096];

        public ResponseTableBuilder Builder => builder;

        /// <summary>One stored row, as UTF-8 (an empty wave or site is none).</summary>
        public void Add(ReadOnlySpan<byte> answersJson, ReadOnlySpan<byte> lang, double? weight, ReadOnlySpan<byte> wave, ReadOnlySpan<byte> site)
        {
            var row = builder.NewRow();
            ReadAnswers(answersJson, row);
            if (!lang.IsEmpty) builder.Set(_lang, row, Chars(lang));
            if (!wave.IsEmpty) builder.Set(_wave, row, Chars(wave));
            else if (run.Wave is { Length: > 0 }) builder.Set(_wave, row, run.Wave);
            if (!site.IsEmpty) builder.Set(_site, row, Chars(site));
            else if (run.Site is { Length: > 0 }) builder.Set(_site, row, run.Site);
            if (weight is { } w) builder.SetWeight(row, w);
        }

        private void ReadAnswers(ReadOnlySpan<byte> json, int row)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            var slot = -1;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    // Answers are stored in questionnaire order: the next key is most often the next slot's.
                    var next = slot + 1;
                    slot = next < builder.SlotCount && !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual(builder.KeyUtf8(next))
                        ? next : builder.SlotOf(Text(ref reader));
                    continue;
                }
                // A stored answer was checked when it was accepted; one the current definition no longer knows is left out.
                if (slot < 0) continue;
                if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && builder.TrySetCode(slot, row, reader.ValueSpan))
                    continue;
                var value = reader.TokenType switch
                {
                    JsonTokenType.String => Text(ref reader),
                    JsonTokenType.Number => reader.GetDouble().ToString(CultureInfo.InvariantCulture).AsSpan(),
                    _ => default,
                };
                if (!value.IsEmpty) builder.Set(slot, row, value);
            }
        }

        private ReadOnlySpan<char> Chars(ReadOnlySpan<byte> utf8)
        {
            if (_chars.Length < utf8.Length) _chars = new char[utf8.Length * 2];
            return _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
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
        // ids[i] is the id of row order[i], ids in ascending order: Guid's order is the order of its text (uppercase
        // hex groups compared as unsigned numbers), the order SQLite keeps them in.
        var ids = new Guid[table.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = Guid.NewGuid();
        var order = Enumerable.Range(0, table.Count).ToArray();
        Array.Sort(ids, order);
        var writer = new AnswerJsonWriter(table);
        if (db.Database.IsSqlite())
            return ImportSqlite((SqliteConnection)db.Database.GetDbConnection(), run, table, day, ids, order, writer, progress, ct);

        // On PostgreSQL and SQL Server the execution strategy retries the whole transaction after a transient failure.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var written = 0;
            while (written < order.Length)
            {
                var end = Math.Min(written + 2000, order.Length);
                for (var i = written; i < end; i++)
                    db.Responses.Add(ToEntity(run, table, day, ids[i], order[i], writer));
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                written = end;
                progress?.Report(written);
            }
            await transaction.CommitAsync(ct);
            return written;
        });
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

    /// <summary>
    /// The SQLite import: one prepared INSERT stepped once per row through SQLite's own statement API, texts bound
    /// as UTF-8, in the caller's transaction. (Through ADO.NET each row cost a string of its JSON, a conversion of
    /// it back to UTF-8 and a lookup of every parameter by name.)
    /// </summary>
    private static int ImportSqlite(SqliteConnection connection, SurveyRun run, ResponseTable table, DateOnly day, Guid[] ids, int[] order,
        AnswerJsonWriter writer, IProgress<int>? progress, CancellationToken ct)
    {
        if (connection.State != System.Data.ConnectionState.Open) connection.Open();
        // A bigger page cache while the rows go in (128 MB; SQLite's default is 2 MB), set back afterwards: the connection is pooled.
        Execute(connection, "PRAGMA cache_size = -131072");
        try
        {
            return ImportSqliteRows(connection, run, table, day, ids, order, writer, progress, ct);
        }
        finally
        {
            Execute(connection, "PRAGMA cache_size = -2000");
        }
    }

    private static int ImportSqliteRows(SqliteConnection connection, SurveyRun run, ResponseTable table, DateOnly day, Guid[] ids, int[] order,
        AnswerJsonWriter writer, IProgress<int>? progress, CancellationToken ct)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var runId = Encoding.UTF8.GetBytes(run.Id.ToString("D").ToUpperInvariant());
        var dayText = Encoding.UTF8.GetBytes(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var (lang, wave, site) = (table[ResponseTable.Lang], table[ResponseTable.Wave], table[ResponseTable.Site]);
        var texts = new Utf8Texts();
        using var insert = Prepare(connection,
            "INSERT INTO Responses (Id, RunId, Day, Lang, Mode, AnswersJson, Weight, Wave, Site) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        // The ids' text and the answers' JSON are made on another thread while SQLite inserts on this one.
        using var pipe = new RowPipe(fields: 2, ct);
        pipe.Run(background: () =>
        {
            Span<byte> id = stackalloc byte[36];
            var batch = pipe.Take();
            for (var i = 0; i < order.Length; i++)
            {
                ids[i].TryFormat(id, out _, "D");
                for (var k = 0; k < id.Length; k++)
                    if (id[k] is >= (byte)'a' and <= (byte)'f') id[k] -= 'a' - 'A'; // as EF Core stores a Guid in SQLite
                var row = batch.NewRow();
                batch.Set(row, 0, id);
                batch.Set(row, 1, writer.WriteUtf8(order[i]));
                batch.Numbers[row] = order[i];
                if (batch.IsFull)
                {
                    pipe.Send(batch);
                    batch = pipe.Take();
                }
            }
            pipe.Complete(batch);
        }, here: () =>
        {
            // The same for every row, bound once (a reset keeps the bindings); the others only when they change.
            Check(connection, raw.sqlite3_bind_text(insert, 2, runId));
            Check(connection, raw.sqlite3_bind_text(insert, 3, dayText));
            Check(connection, raw.sqlite3_bind_int(insert, 5, (int)ResponseMode.Imported));
            Check(connection, raw.sqlite3_bind_null(insert, 7));
            var (lastLang, lastWave, lastSite) = (new object(), new object(), new object());
            var written = 0;
            foreach (var batch in pipe.Received())
            {
                for (var row = 0; row < batch.Count; row++)
                {
                    var r = (int)batch.Numbers[row];
                    Check(connection, raw.sqlite3_bind_text(insert, 1, batch.Get(row, 0)));
                    Check(connection, raw.sqlite3_bind_text(insert, 6, batch.Get(row, 1)));
                    if (table.Weights is { } w) Check(connection, raw.sqlite3_bind_double(insert, 7, w[r]));
                    BindText(4, lang.Text(r) ?? "", ref lastLang);
                    BindText(8, wave.Text(r), ref lastWave);
                    BindText(9, site.Text(r), ref lastSite);
                    var result = raw.sqlite3_step(insert);
                    raw.sqlite3_reset(insert);
                    if (result != raw.SQLITE_DONE) Check(connection, result);
                }
                written += batch.Count;
                progress?.Report(written);
            }

            void BindText(int parameter, string? text, ref object last)
            {
                if (ReferenceEquals(text, last)) return;
                Check(connection, text is null ? raw.sqlite3_bind_null(insert, parameter) : raw.sqlite3_bind_text(insert, parameter, texts.Of(text)));
                last = text!;
            }
        });
        transaction.Commit();
        progress?.Report(order.Length);
        return order.Length;
    }

    private static void Execute(SqliteConnection connection, string sql) => Check(connection, raw.sqlite3_exec(connection.Handle, sql));

    private static sqlite3_stmt Prepare(SqliteConnection connection, string sql)
    {
        Check(connection, raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement));
        return statement;
    }

    private static void Check(SqliteConnection connection, int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
            throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), result, raw.sqlite3_extended_errcode(connection.Handle));
    }

    /// <summary>The UTF-8 bytes of the few distinct texts of a column (languages, waves, sites), made once each.</summary>
    private sealed class Utf8Texts
    {
        private readonly Dictionary<string, byte[]> _bytes = new(StringComparer.Ordinal);

        public byte[] Of(string text)
        {
            if (!_bytes.TryGetValue(text, out var bytes))
                _bytes[text] = bytes = Encoding.UTF8.GetBytes(text);
            return bytes;
        }
    }

    /// <summary>
    /// A row's answers as the JSON object the respondent path stores (item key → string, items in questionnaire order,
    /// escaped as <see cref="JsonSerializer"/> escapes). Built from pieces encoded once: each key, each code of a choice
    /// item, each combination of a multiple-choice item; only numbers and free text are encoded row by row.
    /// </summary>
    private sealed class AnswerJsonWriter
    {
        private readonly Part[] _parts;
        private readonly ArrayBufferWriter<byte> _buffer = new(1024);

        public AnswerJsonWriter(ResponseTable table) =>
            _parts = table.Definition.Items.Select(i => new Part(table[i.Key], Quoted(JsonEncodedText.Encode(i.Key).EncodedUtf8Bytes, ":"u8))).ToArray();

        /// <summary>The row's JSON in UTF-8, valid until the next call.</summary>
        public ReadOnlySpan<byte> WriteUtf8(int row)
        {
            _buffer.ResetWrittenCount();
            _buffer.Write("{"u8);
            var first = true;
            foreach (var part in _parts)
            {
                if (part.Column.IsBlank(row)) continue;
                if (!first) _buffer.Write(","u8);
                first = false;
                _buffer.Write(part.Name);
                part.WriteValue(row, _buffer);
            }
            _buffer.Write("}"u8);
            return _buffer.WrittenSpan;
        }

        public string Write(int row) => Encoding.UTF8.GetString(WriteUtf8(row));

        private static byte[] Quoted(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> after) => [(byte)'"', .. encoded, (byte)'"', .. after];

        private static byte[] Value(string text) => Quoted(JsonEncodedText.Encode(text).EncodedUtf8Bytes, []);

        private sealed class Part(Column column, byte[] name)
        {
            private readonly byte[][]? _codes = column is CategoryColumn c ? c.Codes.Select(code => code is null ? [] : Value(code)).ToArray() : null;
            private readonly Dictionary<ulong, byte[]> _combinations = [];

            public Column Column { get; } = column;
            public byte[] Name { get; } = name;

            public void WriteValue(int row, ArrayBufferWriter<byte> buffer)
            {
                switch (Column)
                {
                    case CategoryColumn category:
                        buffer.Write(_codes![category.Values[row]]);
                        break;
                    case MultiColumn multi:
                        var mask = multi.Masks[row];
                        if (!_combinations.TryGetValue(mask, out var combination))
                            _combinations[mask] = combination = Value(multi.Text(row)!);
                        buffer.Write(combination);
                        break;
                    case NumberColumn number:
                        var span = buffer.GetSpan(40);
                        span[0] = (byte)'"';
                        number.Values[row].TryFormat(span[1..], out var written, provider: CultureInfo.InvariantCulture);
                        span[written + 1] = (byte)'"';
                        buffer.Advance(written + 2);
                        break;
                    default:
                        buffer.Write(Value(Column.Text(row)!));
                        break;
                }
            }
        }
    }
}
