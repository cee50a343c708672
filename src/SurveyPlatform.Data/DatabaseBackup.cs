using Microsoft.Data.Sqlite;

namespace SurveyPlatform.Data;

/// <summary>What a backup or restore copied.</summary>
public sealed record BackupSummary(string File, long Bytes, long Responses, long Runs);

/// <summary>A backup or restore that cannot be done, with the reason in words.</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Online, consistent backups of the SQLite database and their restore. A backup is taken with SQLite's backup
/// API inside one read transaction, so it is a snapshot of one moment even while respondents keep submitting
/// (in WAL mode writers are not blocked). The copy is then vacuumed: pages freed by deleted or purged responses
/// are not carried into the backup (anonymity.md rule 8), and it is a single self-contained file.
/// </summary>
public static class DatabaseBackup
{
    private static readonly string[] RequiredTables = ["__EFMigrationsHistory", "Runs", "Responses", "SubmissionReceipts"];

    /// <summary>Writes a backup of the database at <paramref name="connectionString"/> to <paramref name="outFile"/>.</summary>
    public static BackupSummary Backup(string connectionString, string outFile, bool overwrite = false)
    {
        outFile = Path.GetFullPath(outFile);
        if (File.Exists(outFile) && !overwrite)
            throw new BackupException($"{outFile} already exists; choose another file name.");
        var folder = Path.GetDirectoryName(outFile)!;
        if (!Directory.Exists(folder))
            throw new BackupException($"The folder {folder} does not exist.");
        var source = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        if (!File.Exists(source.DataSource))
            throw new BackupException($"There is no database at {source.DataSource}.");

        // Written next to the target and renamed when complete: a failed backup leaves no half-written file.
        var partial = outFile + ".partial";
        try
        {
            File.Delete(partial);
            DataFolder.CreatePrivateFile(partial); // a backup holds every response: readable by this account only

            using (var from = Open(source.ToString()))
            using (var to = Open(partial, create: true))
            {
                from.BackupDatabase(to);
                Execute(to, "PRAGMA journal_mode=DELETE");
                Execute(to, "VACUUM");
                Check(to, partial);
            }
            File.Move(partial, outFile, overwrite);
            return Summarize(outFile);
        }
        catch (SqliteException e)
        {
            throw new BackupException($"The backup failed: {e.Message}", e);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Replaces the content of the database at <paramref name="connectionString"/> with the backup in
    /// <paramref name="backupFile"/>, after checking that the backup is an intact SurveyPlatform database.
    /// The copy happens in one transaction on the target: it is all or nothing. Stop the server first; a running
    /// server keeps survey definitions in memory.
    /// </summary>
    public static BackupSummary Restore(string backupFile, string connectionString)
    {
        backupFile = Path.GetFullPath(backupFile);
        if (!File.Exists(backupFile))
            throw new BackupException($"There is no file {backupFile}.");
        var target = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        var targetFolder = Path.GetDirectoryName(Path.GetFullPath(target.DataSource));
        if (targetFolder is not null)
            DataFolder.Create(targetFolder);
        DataFolder.CreatePrivateFile(target.DataSource);
        try
        {
            using (var from = Open(new SqliteConnectionStringBuilder { DataSource = backupFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            {
                Check(from, backupFile);
                using var to = Open(target.ToString());
                from.BackupDatabase(to);
                Execute(to, "PRAGMA journal_mode=WAL");
                Execute(to, "PRAGMA wal_checkpoint(TRUNCATE)");
            }
            return Summarize(target.DataSource);
        }
        catch (SqliteException e)
        {
            throw new BackupException($"{backupFile} cannot be restored: {e.Message}", e);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private static SqliteConnection Open(string connectionString, bool create = false)
    {
        if (create)
            connectionString = new SqliteConnectionStringBuilder { DataSource = connectionString, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=30000");
        return connection;
    }

    /// <summary>Refuses a file that is not an intact database of this platform.</summary>
    private static void Check(SqliteConnection connection, string file)
    {
        string integrity;
        try
        {
            integrity = Scalar<string>(connection, "PRAGMA integrity_check");
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11) // SQLITE_NOTADB, SQLITE_CORRUPT
        {
            throw new BackupException($"{file} is not a SQLite database, or it is damaged: {e.Message}", e);
        }
        if (integrity != "ok")
            throw new BackupException($"{file} is damaged: {integrity}");
        var missing = RequiredTables.Where(t =>
            Scalar<long>(connection, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{t}'") == 0).ToList();
        if (missing.Count > 0)
            throw new BackupException($"{file} is not a SurveyPlatform database (missing tables: {string.Join(", ", missing)}).");
    }

    private static BackupSummary Summarize(string file)
    {
        using var connection = Open(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        return new BackupSummary(file, new FileInfo(file).Length,
            Scalar<long>(connection, "SELECT COUNT(*) FROM Responses"), Scalar<long>(connection, "SELECT COUNT(*) FROM Runs"));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }
}
