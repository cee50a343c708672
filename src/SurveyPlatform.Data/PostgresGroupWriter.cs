using Npgsql;
using NpgsqlTypes;

namespace SurveyPlatform.Data;

/// <summary>
/// Group commit on PostgreSQL: a batch of submissions is one prepared statement (receipts and responses passed as arrays)
/// and one round trip, committed durably as a single transaction. A receipt already stored, or twice in the batch, stores
/// no second response. See the decision record "Group commit" in docs/architecture.md.
/// </summary>
public sealed class PostgresGroupWriter : GroupWriter
{
    /// <summary>Receipts first; each response is written only when its receipt was new (the statement's own CTE).</summary>
    private const string Sql = """
        WITH receipts AS (
            INSERT INTO "SubmissionReceipts" ("NonceHash", "RunId")
            SELECT * FROM unnest($1::bytea[], $2::uuid[])
            ON CONFLICT DO NOTHING
            RETURNING "NonceHash"),
        responses AS (
            INSERT INTO "Responses" ("Id", "RunId", "Day", "Lang", "Mode", "AnswersJson", "Weight", "Wave", "Site")
            SELECT t.id, t.run, t.day, t.lang, t.mode, t.answers, t.weight, t.wave, t.site
            FROM unnest($1::bytea[], $3::uuid[], $2::uuid[], $4::date[], $5::text[], $6::integer[], $7::text[], $8::double precision[], $9::text[], $10::text[])
                AS t(hash, id, run, day, lang, mode, answers, weight, wave, site)
            WHERE t.hash IN (SELECT "NonceHash" FROM receipts))
        SELECT "NonceHash" FROM receipts
        """;

    private readonly string _connectionString;
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _command;

    public PostgresGroupWriter(string connectionString)
    {
        _connectionString = connectionString;
        Start();
    }

    protected override async Task<SubmitOutcome?[]> WriteAsync(IReadOnlyList<Pending> batch)
    {
        if (_command is null)
        {
            _connection = new NpgsqlConnection(_connectionString);
            await _connection.OpenAsync();
            _command = new NpgsqlCommand(Sql, _connection);
            foreach (var type in new[] { NpgsqlDbType.Bytea, NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Date, NpgsqlDbType.Text,
                         NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Double, NpgsqlDbType.Text, NpgsqlDbType.Text })
            {
                _command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type });
            }

            await _command.PrepareAsync();
        }

        // The first submission of a receipt in the batch is the one written; a later one is a second submit of the same form.
        var outcomes = new SubmitOutcome?[batch.Count];
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<int>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (first.TryAdd(Convert.ToHexString(batch[i].Submission.ReceiptHash), i))
                rows.Add(i);
            else
                outcomes[i] = SubmitOutcome.AlreadySubmitted;
        }
        var responses = rows.Select(i => batch[i].Submission.Response).ToArray();
        var p = _command.Parameters;
        p[0].Value = rows.Select(i => batch[i].Submission.ReceiptHash).ToArray();
        p[1].Value = responses.Select(r => r.RunId).ToArray();
        p[2].Value = responses.Select(r => r.Id).ToArray();
        p[3].Value = responses.Select(r => r.Day).ToArray();
        p[4].Value = responses.Select(r => r.Lang).ToArray();
        p[5].Value = responses.Select(r => (int)r.Mode).ToArray();
        p[6].Value = responses.Select(r => r.AnswersJson).ToArray();
        p[7].Value = responses.Select(r => r.Weight).ToArray();
        p[8].Value = responses.Select(r => r.Wave).ToArray();
        p[9].Value = responses.Select(r => r.Site).ToArray();

        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await _command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                stored.Add(Convert.ToHexString(reader.GetFieldValue<byte[]>(0)));
        }

        foreach (var i in rows)
            outcomes[i] = stored.Contains(Convert.ToHexString(batch[i].Submission.ReceiptHash)) ? SubmitOutcome.Stored : SubmitOutcome.AlreadySubmitted;
        return outcomes;
    }

    protected override async ValueTask ResetAsync()
    {
        if (_command is not null)
            await _command.DisposeAsync();
        if (_connection is not null)
            await _connection.DisposeAsync();
        _command = null;
        _connection = null;
    }
}
