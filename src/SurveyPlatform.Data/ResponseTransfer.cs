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
        var loader = new AnswerJson.Reader(new ResponseTableBuilder(definition, run.AreaCodeList, capacity: 1024)
        {
            Synthetic = run.HoldsSyntheticResponses, // results, reports and exports then say so
        }, run.Wave, run.Site);
        if (db.Database.IsSqlite())
        {
            // The hot path (a million rows within the 3 s budget): SQLite's own statement API steps through the rows on
            // this thread, handing their UTF-8 text over in batches; the answers are parsed on another, without a
            // string per row.
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
            using var statement = Prepare(connection, ResponseRows.SqliteSelectForRun);
            Check(connection, raw.sqlite3_bind_text(statement, 1, ResponseRows.SqliteText(run.Id)));
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
                {
                    for (var row = 0; row < batch.Count; row++)
                    {
                        loader.Add(batch.Get(row, 0), batch.Get(row, 1), double.IsNaN(batch.Numbers[row]) ? null : batch.Numbers[row],
                            batch.Get(row, 2), batch.Get(row, 3));
                    }
                }
            });
        }
        else
        {
            // In the order of the random id: a server database may keep rows in the order they were written.
            var rows = db.Responses.AsNoTracking().Where(r => r.RunId == run.Id).OrderBy(r => r.Id)
                .Select(r => new { r.AnswersJson, r.Lang, r.Weight, r.Wave, r.Site }).AsAsyncEnumerable();
            await foreach (var stored in rows.WithCancellation(ct))
            {
                loader.Add(Encoding.UTF8.GetBytes(stored.AnswersJson), Encoding.UTF8.GetBytes(stored.Lang), stored.Weight,
                    Encoding.UTF8.GetBytes(stored.Wave ?? ""), Encoding.UTF8.GetBytes(stored.Site ?? ""));
            }
        }
        return loader.Builder.Build();
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
        var writer = new AnswerJson.TableWriter(table);
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
            if (table.Synthetic)
                await db.Runs.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.HoldsSyntheticResponses, true), ct);
            await transaction.CommitAsync(ct);
            run.HoldsSyntheticResponses |= table.Synthetic;
            return written;
        });
    }

    private static Response ToEntity(SurveyRun run, ResponseTable table, DateOnly day, Guid id, int r, AnswerJson.TableWriter writer) => new()
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
        AnswerJson.TableWriter writer, IProgress<int>? progress, CancellationToken ct)
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
        AnswerJson.TableWriter writer, IProgress<int>? progress, CancellationToken ct)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var runId = Encoding.UTF8.GetBytes(ResponseRows.SqliteText(run.Id));
        var dayText = Encoding.UTF8.GetBytes(ResponseRows.DayText(day));
        var (lang, wave, site) = (table[ResponseTable.Lang], table[ResponseTable.Wave], table[ResponseTable.Site]);
        var texts = new Utf8Texts();
        using var insert = Prepare(connection, ResponseRows.SqliteInsert);
        // The ids' text and the answers' JSON are made on another thread while SQLite inserts on this one.
        using var pipe = new RowPipe(fields: 2, ct);
        pipe.Run(background: () =>
        {
            Span<byte> id = stackalloc byte[36];
            var batch = pipe.Take();
            for (var i = 0; i < order.Length; i++)
            {
                ResponseRows.SqliteText(ids[i], id);
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
        // In the same transaction: the run holds synthetic rows exactly when they are in it.
        if (table.Synthetic)
            Execute(connection, $"UPDATE Runs SET HoldsSyntheticResponses = 1 WHERE Id = '{ResponseRows.SqliteText(run.Id)}'");
        transaction.Commit();
        run.HoldsSyntheticResponses |= table.Synthetic;
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
}
