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

    /// <summary>
    /// The SQL scripts shipped in deploy/migrations (for deployers without the .NET SDK) are the migrations as they are:
    /// regenerate them with <c>dotnet ef migrations script --idempotent</c> (README, Deploying) when a migration is added.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.SqlServer, "Server=localhost;Database=x;TrustServerCertificate=True", "sqlserver.sql")]
    [InlineData(DatabaseProvider.Postgres, "Host=localhost;Database=x", "postgres.sql")]
    public void The_shipped_sql_scripts_apply_every_migration(DatabaseProvider provider, string connection, string file)
    {
        using var db = Context(provider, connection);
        var expected = db.GetInfrastructure().GetRequiredService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var path = Path.Combine(RepositoryRoot(), "deploy", "migrations", file);

        Assert.True(File.Exists(path), $"{path} is missing");
        Assert.Equal(Normalize(expected), Normalize(File.ReadAllText(path)));
    }

    private static string Normalize(string sql) => sql.Trim('\uFEFF', '\r', '\n', ' ').ReplaceLineEndings("\n");

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SurveyPlatform.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("the repository root was not found above " + AppContext.BaseDirectory);
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

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.SqlServer, "Server=localhost;Database=x;TrustServerCertificate=True")]
    [InlineData(DatabaseProvider.Postgres, "Host=localhost;Database=x")]
    public void Runs_survey_versions_and_audit_events_refer_to_their_organization_by_a_foreign_key(DatabaseProvider provider, string connection)
    {
        using var db = Context(provider, connection);
        var script = MigrationScript(db).Replace("\"", "", StringComparison.Ordinal).Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);

        foreach (var table in new[] { "Runs", "SurveyVersions", "AuditEvents" })
            Assert.Matches($"CONSTRAINT FK_{table}_Organizations_OrganizationId FOREIGN KEY \\(OrganizationId\\) REFERENCES Organizations \\(Id\\)(?! ON DELETE CASCADE)", script);
    }

    [Fact]
    public void Sql_server_compares_text_case_sensitively_like_sqlite_and_postgres()
    {
        using var db = Context(DatabaseProvider.SqlServer, "Server=localhost;Database=x;TrustServerCertificate=True");
        var script = MigrationScript(db);

        Assert.Matches(@"\[Name\] nvarchar\(200\) COLLATE Latin1_General_100_CS_AS_SC NOT NULL", script); // Organizations.Name, unique
        Assert.Matches(@"\[Slug\] nvarchar\(100\) COLLATE Latin1_General_100_CS_AS_SC NOT NULL", script);
        Assert.Matches(@"CREATE UNIQUE INDEX \[IX_Organizations_Name\] ON \[Organizations\] \(\[Name\]\);(?![\s\S]*ALTER COLUMN \[Name\] nvarchar\(200\) NOT NULL)", script);
        Assert.DoesNotContain("COLLATE SQL_Latin1_General_CP1_CI_AS", script);
    }

    [Trait("Needs", "PostgreSQL")]
    [Fact]
    public async Task Organization_names_differing_only_in_case_are_two_names_on_sqlite_and_postgres()
    {
        var server = Environment.GetEnvironmentVariable("SURVEYPLATFORM_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(server), "SURVEYPLATFORM_TEST_POSTGRES is not set: run the tests through ./test.sh.");
        var file = Path.Combine(Path.GetTempPath(), $"sp-case-{Guid.NewGuid():N}.db");
        var databases = new[]
        {
            (DatabaseProvider.Sqlite, $"Data Source={file}"),
            (DatabaseProvider.Postgres, new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "sp_case_" + Guid.NewGuid().ToString("N")[..12] }.ToString()),
        };
        foreach (var (provider, connection) in databases)
        {
            await using var db = Context(provider, connection);
            await DatabaseSetup.MigrateAsync(db);
            try
            {
                db.Organizations.Add(new Organization { Name = "Northside Watch" });
                db.Organizations.Add(new Organization { Name = "northside watch" });
                await db.SaveChangesAsync();
                Assert.Equal(2, await db.Organizations.CountAsync());
                db.Organizations.Add(new Organization { Name = "Northside Watch" });
                await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            }
            finally
            {
                await db.Database.EnsureDeletedAsync();
            }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Trait("Needs", "PostgreSQL")]
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

            // Submitted at once, many in one batch of the group writer: one form twice, and 40 others once each.
            var twice = new byte[32];
            Random.Shared.NextBytes(twice);
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 42).Select(i =>
                store.SubmitAsync(NewResponse(runId), i < 2 ? twice : Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray())));
            Assert.Equal(41, outcomes.Count(o => o == SubmitOutcome.Stored));
            Assert.Single(outcomes[..2], o => o == SubmitOutcome.AlreadySubmitted);
            Assert.Equal(42, await check.Responses.CountAsync());
        }
        finally
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.EnsureDeletedAsync();
        }
    }

    [Trait("Needs", "PostgreSQL")]
    [Fact]
    public async Task Postgres_imports_a_file_in_one_transaction_and_loads_it_back_for_indicators()
    {
        var server = Environment.GetEnvironmentVariable("SURVEYPLATFORM_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(server),
            "SURVEYPLATFORM_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts a PostgreSQL server.");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "sp_test_" + Guid.NewGuid().ToString("N")[..12] }.ToString();
        var definition = Core.Definitions.DefinitionLoader.LoadFile(StandardSurveyPath());
        var table = Core.Responses.SyntheticResponses.Generate(definition,
            new Core.Responses.SyntheticOptions { Count = 3000, Seed = 2, Sites = ["cook"], Waves = ["w1", "w2"] });
        await using var db = Context(DatabaseProvider.Postgres, connection);
        await DatabaseSetup.MigrateAsync(db);
        try
        {
            var version = new SurveyVersion { SurveyId = definition.Id, Version = definition.Version, Title = "S", DefinitionJson = "{}", Sha256 = "x" };
            var run = new SurveyRun { Slug = "pg", Name = "PG", SurveyVersion = version, Status = RunStatus.Open };
            db.Runs.Add(run);
            await db.SaveChangesAsync();

            Assert.Equal(3000, await ResponseTransfer.ImportAsync(db, run, table, new DateOnly(2026, 11, 1)));
            var loaded = await ResponseTransfer.LoadAsync(db, run, definition);

            static IEnumerable<string> Rows(Core.Responses.ResponseTable t) =>
                Enumerable.Range(0, t.Count).Select(r => string.Join(";", t.Row(r).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value)))
                    .Order(StringComparer.Ordinal);
            Assert.Equal(Rows(table), Rows(loaded));
            Assert.All(await db.Responses.Select(r => r.Mode).Distinct().ToListAsync(), m => Assert.Equal(ResponseMode.Imported, m));
            var before = Core.Indicators.IndicatorEngine.Compute(table).Find("victim_chill")!.Overall.Value;
            var after = Core.Indicators.IndicatorEngine.Compute(loaded).Find("victim_chill")!.Overall.Value;
            Assert.Equal(before, after);
        }
        finally
        {
            await db.Database.EnsureDeletedAsync();
        }
    }

    private static string StandardSurveyPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "surveys", "community-trust.survey.json");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("surveys/community-trust.survey.json not found above the test folder");
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
