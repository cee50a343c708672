using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Tests.Anonymity;

/// <summary>
/// anonymity.md rule 10 on PostgreSQL: the attacker reads each row's hidden columns, the id of the transaction that wrote
/// it (<c>xmin</c>) and its place in the table's file (<c>ctid</c>), as a copy of the database or a superuser sees them.
/// Before mixing they give the order of arrival; after it, nothing better than |Spearman ρ| &lt; 0.2. A dump (COPY) lists rows
/// in <c>ctid</c> order, so it is the same attack.
/// </summary>
[Trait("Needs", "PostgreSQL")]
public sealed class PostgresStorageOrderTests
{
    [Fact]
    public async Task Transaction_ids_and_row_positions_do_not_order_mixed_responses()
    {
        var server = Environment.GetEnvironmentVariable("SURVEYPLATFORM_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(server),
            "SURVEYPLATFORM_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts a PostgreSQL server.");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = "sp_test_" + Guid.NewGuid().ToString("N")[..12] }.ToString();
        await using var services = new ServiceCollection()
            .AddSurveyDatabase(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connection }, Path.GetTempPath(),
                new MixingOptions { MixingSeconds = 3600 })
            .BuildServiceProvider();
        var factory = services.GetRequiredService<IDbContextFactory<SurveyDbContext>>();
        Guid runId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            await DatabaseSetup.MigrateAsync(db);
            var version = new SurveyVersion { SurveyId = "s", Version = "1", Title = "S", DefinitionJson = "{}", Sha256 = "x" };
            var run = new SurveyRun { Slug = "s", Name = "S", SurveyVersion = version, Status = RunStatus.Open };
            db.Runs.Add(run);
            await db.SaveChangesAsync();
            runId = run.Id;
        }
        try
        {
            var store = services.GetRequiredService<ResponseStore>();
            var order = new List<string>();
            for (var window = 0; window < 4; window++)
            {
                for (var i = 0; i < 60; i++)
                {
                    var response = new Response
                    {
                        Id = Guid.NewGuid(),
                        RunId = runId,
                        Day = new DateOnly(2026, 11, 25),
                        Lang = "en",
                        AnswersJson = $"{{\"comments\":\"w{window} r{i}\"}}",
                    };
                    Assert.Equal(SubmitOutcome.Stored, await store.SubmitAsync(response, RandomNumberGenerator.GetBytes(32)));
                    order.Add(response.Id.ToString());
                }
                if (window == 0)
                {
                    var (xminBefore, ctidBefore) = await AttackAsync(connection, order);
                    Assert.True(xminBefore > 0.9 && ctidBefore > 0.9, $"the attack should order unmixed rows (xmin ρ = {xminBefore:F2}, ctid ρ = {ctidBefore:F2})");
                }
                Assert.True(await services.GetRequiredService<ResponseMixer>().MixAsync(force: false));
            }

            var (xmin, ctid) = await AttackAsync(connection, order);
            Assert.True(Math.Abs(xmin) < 0.2, $"xmin orders mixed responses: ρ = {xmin:F2}");
            Assert.True(Math.Abs(ctid) < 0.2, $"ctid orders mixed responses: ρ = {ctid:F2}");
            await using var check = await factory.CreateDbContextAsync();
            Assert.Equal(240, await check.Responses.CountAsync());
            Assert.Equal(240, await check.SubmissionReceipts.CountAsync());
        }
        finally
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.EnsureDeletedAsync();
        }
    }

    private static async Task<(double Xmin, double Ctid)> AttackAsync(string connectionString, IReadOnlyList<string> trueOrder)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT \"Id\"::text, xmin::text::bigint, (ctid::text::point)[0] * 1000000 + (ctid::text::point)[1] FROM \"Responses\"", connection);
        var xmin = new Dictionary<string, double>();
        var ctid = new Dictionary<string, double>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                xmin[reader.GetString(0)] = reader.GetInt64(1);
                ctid[reader.GetString(0)] = reader.GetDouble(2);
            }
        }

        var known = trueOrder.Where(xmin.ContainsKey).ToList();
        return (SqliteForensics.Spearman(known, xmin), SqliteForensics.Spearman(known, ctid));
    }
}
