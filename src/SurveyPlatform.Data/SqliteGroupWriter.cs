using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Data;

/// <summary>
/// Group commit for SQLite: submissions queue in a channel; one writer takes everything waiting (up to
/// <see cref="MaxBatch"/>), writes it in one transaction with a savepoint per submission, and commits once
/// with a synchronous (fsync'd) WAL commit. Each caller's task completes only after that commit, so the
/// thank-you page is never shown for a response that is not on disk.
/// </summary>
public sealed class SqliteGroupWriter : IAsyncDisposable
{
    public const int MaxBatch = 256;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _connectionString;
    private readonly Task _loop;

    public SqliteGroupWriter(string connectionString)
    {
        _connectionString = connectionString;
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public Task<SubmitOutcome> SubmitAsync(Submission submission, CancellationToken ct)
    {
        var pending = new Pending(submission);
        if (!_queue.Writer.TryWrite(pending))
            throw new InvalidOperationException("The response writer has stopped.");
        return pending.Completion.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        SqliteConnection? connection = null;
        Commands? commands = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                    batch.Add(item);
                try
                {
                    if (connection is null)
                    {
                        connection = new SqliteConnection(_connectionString);
                        connection.Open();
                        commands = new Commands(connection);
                    }
                    WriteBatch(connection, commands!, batch);
                }
                catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
                {
                    foreach (var pending in batch)
                        pending.Completion.TrySetException(e);
                    commands?.Dispose();
                    connection?.Dispose();
                    connection = null;
                    commands = null;
                }
                batch.Clear();
            }
        }
        finally
        {
            commands?.Dispose();
            connection?.Dispose();
        }
    }

    private static void WriteBatch(SqliteConnection connection, Commands commands, List<Pending> batch)
    {
        var outcomes = new SubmitOutcome?[batch.Count];
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            commands.Enlist(transaction);
            for (var i = 0; i < batch.Count; i++)
            {
                commands.Savepoint.ExecuteNonQuery();
                try
                {
                    outcomes[i] = commands.Write(batch[i].Submission);
                    (outcomes[i] == SubmitOutcome.Stored ? commands.Release : commands.RollbackToSavepoint).ExecuteNonQuery();
                }
                catch (SqliteException e)
                {
                    commands.RollbackToSavepoint.ExecuteNonQuery();
                    batch[i].Completion.TrySetException(e);
                }
            }
            transaction.Commit();
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i] is { } outcome)
                batch[i].Completion.TrySetResult(outcome);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Pending(Submission Submission)
    {
        public TaskCompletionSource<SubmitOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Prepared statements, reused for every submission. Values are stored as EF Core stores them.</summary>
    private sealed class Commands : IDisposable
    {
        private readonly SqliteCommand _receipt, _response;
        public SqliteCommand Savepoint { get; }
        public SqliteCommand Release { get; }
        public SqliteCommand RollbackToSavepoint { get; }

        public Commands(SqliteConnection connection)
        {
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
                pragma.ExecuteNonQuery();
            }
            _receipt = Command(connection, "INSERT INTO SubmissionReceipts (NonceHash, RunId) VALUES ($hash, $run) ON CONFLICT DO NOTHING",
                "$hash", "$run");
            _response = Command(connection,
                "INSERT INTO Responses (Id, RunId, Day, Lang, Mode, AnswersJson, Weight, Wave, Site) " +
                "VALUES ($id, $run, $day, $lang, $mode, $answers, $weight, $wave, $site)",
                "$id", "$run", "$day", "$lang", "$mode", "$answers", "$weight", "$wave", "$site");
            Savepoint = Command(connection, "SAVEPOINT submission");
            Release = Command(connection, "RELEASE submission");
            RollbackToSavepoint = Command(connection, "ROLLBACK TO submission; RELEASE submission");
        }

        public void Enlist(SqliteTransaction transaction)
        {
            foreach (var command in new[] { _receipt, _response, Savepoint, Release, RollbackToSavepoint })
                command.Transaction = transaction;
        }

        public SubmitOutcome Write(Submission submission)
        {
            var response = submission.Response;
            var run = Text(response.RunId);
            _receipt.Parameters[0].Value = submission.ReceiptHash;
            _receipt.Parameters[1].Value = run;
            if (_receipt.ExecuteNonQuery() == 0)
                return SubmitOutcome.AlreadySubmitted;
            var p = _response.Parameters;
            p[0].Value = Text(response.Id);
            p[1].Value = run;
            p[2].Value = response.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p[3].Value = response.Lang;
            p[4].Value = (int)response.Mode;
            p[5].Value = response.AnswersJson;
            p[6].Value = (object?)response.Weight ?? DBNull.Value;
            p[7].Value = (object?)response.Wave ?? DBNull.Value;
            p[8].Value = (object?)response.Site ?? DBNull.Value;
            _response.ExecuteNonQuery();
            return SubmitOutcome.Stored;
        }

        /// <summary>EF Core's SQLite provider stores GUIDs as upper-case text.</summary>
        private static string Text(Guid id) => id.ToString("D").ToUpperInvariant();

        private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            return command;
        }

        public void Dispose()
        {
            foreach (var command in new[] { _receipt, _response, Savepoint, Release, RollbackToSavepoint })
                command.Dispose();
        }
    }
}
