using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SurveyPlatform.Data;

/// <summary>The <c>Anonymity</c> settings of the storage.</summary>
public sealed class MixingOptions
{
    public const string Section = "Anonymity";

    /// <summary>
    /// How long a response may keep its place in the order of arrival in the database files; after that it is rewritten
    /// among all the others (anonymity.md rule 10). Default 15 minutes.
    /// </summary>
    public double MixingSeconds { get; set; } = 900;
}

/// <summary>
/// No order in the files (anonymity.md rule 10). A database keeps traces of the order in which rows were written: SQLite
/// appends each commit to its write-ahead log and places each new cell of a page below the older ones; PostgreSQL puts
/// rows in its heap in arrival order (<c>ctid</c>) with the increasing id of the transaction that wrote them (<c>xmin</c>).
/// Every <see cref="MixingOptions.MixingSeconds"/>, when anything was written since the last time, the mixer rewrites the
/// tables that hold respondents' rows (<c>Responses</c>, <c>SubmissionReceipts</c>) from scratch in the order of their random
/// keys, in one transaction, so their layout depends on their content only, and then empties the write-ahead log. On
/// SQLite freed pages are overwritten with zeros (<c>secure_delete</c>). See docs/anonymity.md ("Storage without order or
/// link") and the decision record "The mixer" in docs/architecture.md.
/// </summary>
public sealed class ResponseMixer(DatabaseProvider provider, string connectionString, MixingOptions options, TimeProvider time,
    ILogger<ResponseMixer> logger) : BackgroundService
{
    /// <summary>The tables rewritten, with the key they are rewritten in the order of.</summary>
    public static readonly IReadOnlyList<(string Table, string Key)> Tables = [("Responses", "Id"), ("SubmissionReceipts", "NonceHash")];

    private readonly SemaphoreSlim _one = new(1, 1);
    private SqliteConnection? _sqlite;
    private long _dataVersion = -1;
    private volatile bool _written = true; // at start: rows left by a crash or another process

    /// <summary>Tells the mixer that respondents' rows were written (by this process).</summary>
    public void Written() => _written = true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (provider == DatabaseProvider.SqlServer)
        {
            logger.LogWarning("Responses on SQL Server are not rewritten out of their order of arrival (docs/anonymity.md, rule 10); use SQLite or PostgreSQL.");
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.MixingSeconds)), time);
        do
        {
            try
            {
                await MixAsync(force: false, stoppingToken);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException or TimeoutException)
            {
                // Tried again at the next tick; the rows stay where they are meanwhile.
                logger.LogError("The responses could not be mixed ({Error}); trying again in {Seconds} s.", e.Message, options.MixingSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Rewrites the tables now if anything was written since the last time (or always, with <paramref name="force"/>).</summary>
    /// <returns>Whether the tables were rewritten.</returns>
    public async Task<bool> MixAsync(bool force = true, CancellationToken ct = default)
    {
        await _one.WaitAsync(ct);
        try
        {
            return provider switch
            {
                DatabaseProvider.Sqlite => MixSqlite(force),
                DatabaseProvider.Postgres => await MixPostgresAsync(force, ct),
                _ => false,
            };
        }
        finally
        {
            _one.Release();
        }
    }

    private bool MixSqlite(bool force)
    {
        if (_sqlite is null)
        {
            _sqlite = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            _sqlite.Open();
            ResponseRows.ApplyPragmas(_sqlite);
            // Dropping a table with foreign keys on would first delete its rows one by one; nothing refers to these tables.
            Execute(_sqlite, "PRAGMA foreign_keys=OFF; PRAGMA temp_store=MEMORY;");
        }
        // Changes by any other connection, in this process or another (an import from the command line).
        var version = Scalar(_sqlite, "PRAGMA data_version");
        var changed = _written || version != _dataVersion;
        _written = false;
        _dataVersion = version;
        if (!changed && !force)
            return false;
        MixSqlite(_sqlite);
        _dataVersion = Scalar(_sqlite, "PRAGMA data_version");
        return true;
    }

    /// <summary>
    /// Rebuilds each table in key order: a fresh table filled by one scan of the old one in key order, so each of its pages
    /// is laid out by key alone (no cell sits below another because it came later), then the old one dropped (its pages
    /// zeroed) and the new one renamed with the old one's indexes. Then the log is copied into the file and truncated.
    /// </summary>
    public static void MixSqlite(SqliteConnection connection)
    {
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            foreach (var (table, _) in Tables)
            {
                var schema = new List<(string Type, string Sql)>();
                using (var read = connection.CreateCommand())
                {
                    read.CommandText = "SELECT type, sql FROM sqlite_master WHERE tbl_name = $t AND sql IS NOT NULL";
                    read.Parameters.AddWithValue("$t", table);
                    using var reader = read.ExecuteReader();
                    while (reader.Read())
                        schema.Add((reader.GetString(0), reader.GetString(1)));
                }
                var create = schema.Single(s => s.Type == "table").Sql;
                var prefix = $"CREATE TABLE \"{table}\"";
                if (!create.StartsWith(prefix, StringComparison.Ordinal))
                    throw new InvalidOperationException($"Unexpected schema of {table}: {create[..Math.Min(80, create.Length)]}");
                var fresh = $"mixing_{table}";
                Execute(connection, $"DROP TABLE IF EXISTS \"{fresh}\"");
                Execute(connection, $"CREATE TABLE \"{fresh}\"{create[prefix.Length..]}");
                Execute(connection, $"INSERT INTO \"{fresh}\" SELECT * FROM \"{table}\"");
                Execute(connection, $"DROP TABLE \"{table}\"");
                Execute(connection, $"ALTER TABLE \"{fresh}\" RENAME TO \"{table}\"");
                foreach (var (_, index) in schema.Where(s => s.Type == "index"))
                    Execute(connection, index);
            }
            transaction.Commit();
        }
        Checkpoint(connection);
    }

    /// <summary>Copies the log into the database file and truncates it to nothing; waits for readers and writers to let it.</summary>
    public static void Checkpoint(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        using var reader = command.ExecuteReader();
        if (reader.Read() && reader.GetInt32(0) != 0)
            throw new TimeoutException("The write-ahead log could not be emptied: a reader or writer kept it busy.");
    }

    /// <summary>
    /// PostgreSQL: the rows are copied aside, the tables truncated (a new, empty file for each) and filled again in key order
    /// in one transaction: every row then carries the same <c>xmin</c> and sits in the heap by key. The copies are temporary
    /// tables of this session, dropped at commit.
    /// </summary>
    private async Task<bool> MixPostgresAsync(bool force, CancellationToken ct)
    {
        if (!_written && !force)
            return false;
        _written = false;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var sql = new System.Text.StringBuilder();
        foreach (var (table, _) in Tables)
            sql.Append($"CREATE TEMP TABLE \"mixing_{table}\" ON COMMIT DROP AS SELECT * FROM \"{table}\";");
        sql.Append($"TRUNCATE {string.Join(", ", Tables.Select(t => $"\"{t.Table}\""))};");
        foreach (var (table, key) in Tables)
            sql.Append($"INSERT INTO \"{table}\" SELECT * FROM \"mixing_{table}\" ORDER BY \"{key}\";");
        await using (var command = new NpgsqlCommand(sql.ToString(), connection, transaction))
            await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public override void Dispose()
    {
        _sqlite?.Dispose();
        _one.Dispose();
        base.Dispose();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
