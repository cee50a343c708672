using Microsoft.Data.Sqlite;

namespace SurveyPlatform.Data;

/// <summary>
/// Group commit on SQLite: a batch is one transaction with a savepoint per submission and one synchronous
/// (fsync'd) write-ahead-log commit. Statements are prepared once per connection and reused.
/// </summary>
public sealed class SqliteGroupWriter : GroupWriter
{
    private readonly string _connectionString;
    private SqliteConnection? _connection;
    private Commands? _commands;

    public SqliteGroupWriter(string connectionString)
    {
        _connectionString = connectionString;
        Start();
    }

    protected override Task<SubmitOutcome?[]> WriteAsync(IReadOnlyList<Pending> batch)
    {
        if (_connection is null)
        {
            _connection = new SqliteConnection(_connectionString);
            _connection.Open();
            ResponseRows.ApplyPragmas(_connection);
            _commands = new Commands(_connection);
        }
        var commands = _commands!;
        var outcomes = new SubmitOutcome?[batch.Count];
        using (var transaction = _connection.BeginTransaction(deferred: false))
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
        return Task.FromResult(outcomes);
    }

    protected override ValueTask ResetAsync()
    {
        _commands?.Dispose();
        _connection?.Dispose();
        _commands = null;
        _connection = null;
        return ValueTask.CompletedTask;
    }

    /// <summary>Prepared statements, reused for every submission. Values are stored as EF Core stores them (ResponseRows).</summary>
    private sealed class Commands : IDisposable
    {
        private readonly SqliteCommand _receipt, _response;
        public SqliteCommand Savepoint { get; }
        public SqliteCommand Release { get; }
        public SqliteCommand RollbackToSavepoint { get; }
        private SqliteCommand[] All => [_receipt, _response, Savepoint, Release, RollbackToSavepoint];

        public Commands(SqliteConnection connection)
        {
            _receipt = Command(connection, "INSERT INTO SubmissionReceipts (NonceHash, RunId) VALUES ($hash, $run) ON CONFLICT DO NOTHING",
                "$hash", "$run");
            _response = Command(connection, ResponseRows.SqliteInsert, "$id", "$run", "$day", "$lang", "$mode", "$answers", "$weight", "$wave", "$site");
            Savepoint = Command(connection, "SAVEPOINT submission");
            Release = Command(connection, "RELEASE submission");
            RollbackToSavepoint = Command(connection, "ROLLBACK TO submission; RELEASE submission");
        }

        public void Enlist(SqliteTransaction transaction)
        {
            foreach (var command in All)
                command.Transaction = transaction;
        }

        public SubmitOutcome Write(Submission submission)
        {
            var response = submission.Response;
            var run = ResponseRows.SqliteText(response.RunId);
            _receipt.Parameters[0].Value = submission.ReceiptHash;
            _receipt.Parameters[1].Value = run;
            if (_receipt.ExecuteNonQuery() == 0)
                return SubmitOutcome.AlreadySubmitted;
            var p = _response.Parameters;
            p[0].Value = ResponseRows.SqliteText(response.Id);
            p[1].Value = run;
            p[2].Value = ResponseRows.DayText(response.Day);
            p[3].Value = response.Lang;
            p[4].Value = (int)response.Mode;
            p[5].Value = response.AnswersJson;
            p[6].Value = (object?)response.Weight ?? DBNull.Value;
            p[7].Value = (object?)response.Wave ?? DBNull.Value;
            p[8].Value = (object?)response.Site ?? DBNull.Value;
            _response.ExecuteNonQuery();
            return SubmitOutcome.Stored;
        }

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
            foreach (var command in All)
                command.Dispose();
        }
    }
}
