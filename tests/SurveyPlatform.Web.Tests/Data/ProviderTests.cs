using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Tests.Data;

/// <summary>
/// Each provider has its own migrations, which must match the model; the SQL they generate is checked here
/// (no SQL Server can run in CI), and PostgreSQL is exercised for real.
/// </summary>
public sealed class ProviderTests
{
    private static SurveyDbContext Context(DatabaseProvider provider, string connection)
    {
        var builder = new DbContextOptionsBuilder<SurveyDbContext>();
        DatabaseSetup.Configure(builder, provider, connection);
        return new SurveyDbContext(builder.Options);
    }

    private static string MigrationScript(SurveyDbContext db) =>
        db.GetInfrastructure().GetRequiredService<IMigrator>().GenerateScript();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.SqlServer, "Server=localhost;Database=x;TrustServerCertificate=True")]
    [InlineData(DatabaseProvider.Postgres, "Host=localhost;Database=x")]
    public void Migrations_are_up_to_date_with_the_model(DatabaseProvider provider, string connection)
    {
        using var db = Context(provider, connection);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model changed without a migration for {provider}: run dotnet ef migrations add in SurveyPlatform.Migrations.{provider}.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void Sqlite_response_tables_have_no_rowid_that_would_reveal_arrival_order()
    {
        using var db = Context(DatabaseProvider.Sqlite, "Data Source=:memory:");
        var script = MigrationScript(db);

        foreach (var table in SqliteWithoutRowIdSqlGenerator.Tables)
            Assert.Matches($"CREATE TABLE \"{table}\" \\([^;]*?\\n\\) WITHOUT ROWID;", script);
        Assert.DoesNotMatch("CREATE TABLE \"Runs\" \\([^;]*?\\n\\) WITHOUT ROWID;", script);
    }

    [Fact]
    public void Sql_server_script_keys_responses_by_a_random_guid_without_identity_columns()
    {
        using var db = Context(DatabaseProvider.SqlServer, "Server=localhost;Database=x;TrustServerCertificate=True");
        var script = MigrationScript(db);

        Assert.Contains("CREATE TABLE [Responses]", script);
        Assert.Contains("[Id] uniqueidentifier NOT NULL", script);
        Assert.Contains("CONSTRAINT [PK_Responses] PRIMARY KEY ([Id])", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Runs_Slug] ON [Runs] ([Slug]);", script);
        var responses = script[script.IndexOf("CREATE TABLE [Responses]", StringComparison.Ordinal)..];
        responses = responses[..responses.IndexOf(");", StringComparison.Ordinal)];
        Assert.DoesNotContain("IDENTITY", responses);
        Assert.DoesNotContain("NEWSEQUENTIALID", script);
    }

    [Fact]
    public async Task Postgres_migrates_and_stores_a_response_once()
    {
        var server = Environment.GetEnvironmentVariable("SURVEYPLATFORM_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(server),
            "SURVEYPLATFORM_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts a PostgreSQL server.");
        var database = "sp_test_" + Guid.NewGuid().ToString("N")[..12];
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
        var services = new ServiceCollection()
            .AddSurveyDatabase(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connection }, Path.GetTempPath())
            .BuildServiceProvider();
        var factory = services.GetRequiredService<IDbContextFactory<SurveyDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await DatabaseSetup.MigrateAsync(db);
            var version = new SurveyVersion { SurveyId = "s", Version = "1", Title = "S", DefinitionJson = "{}", Sha256 = "x" };
            db.SurveyVersions.Add(version);
            db.Runs.Add(new SurveyRun { Slug = "s", Name = "S", SurveyVersionId = version.Id, Status = RunStatus.Open });
            await db.SaveChangesAsync();
        }
        try
        {
            Guid runId;
            await using (var db = await factory.CreateDbContextAsync())
                runId = (await db.Runs.SingleAsync()).Id;
            var store = new ResponseStore(factory);
            var nonce = new byte[32];
            Random.Shared.NextBytes(nonce);

            var first = await store.SubmitAsync(NewResponse(runId), nonce);
            var second = await store.SubmitAsync(NewResponse(runId), nonce);

            Assert.Equal(SubmitOutcome.Stored, first);
            Assert.Equal(SubmitOutcome.AlreadySubmitted, second);
            await using var check = await factory.CreateDbContextAsync();
            Assert.Equal(1, await check.Responses.CountAsync());
        }
        finally
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.EnsureDeletedAsync();
        }
    }

    private static Response NewResponse(Guid runId) => new()
    {
        Id = Guid.NewGuid(),
        RunId = runId,
        Day = new DateOnly(2026, 11, 25),
        Lang = "en",
        AnswersJson = "{\"born_here\":\"no\"}",
    };
}
