using Microsoft.Data.Sqlite;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Hosting;

/// <summary>
/// Start-up says in one clear line what stops it (no unhandled exception, exit code 1), and instances started together
/// on an empty database all come up.
/// </summary>
public sealed class StartupTests
{
    [Trait("Needs", "PostgreSQL")]
    [Fact]
    public async Task An_unreachable_database_a_wrong_password_and_missing_migrations_each_stop_start_up_with_a_clear_message()
    {
        await using var postgres = await ThrowawayPostgres.StartAsync();
        var data = Directory.CreateTempSubdirectory("sp-start-").FullName;
        try
        {
            var unreachable = await FailedStartAsync(data, postgres.ConnectionString("x").Replace($"Port={postgres.Port}", "Port=9"), migrate: true);
            Assert.Contains("cannot be reached", unreachable);

            var wrongPassword = await FailedStartAsync(data, postgres.ConnectionString("postgres", password: "not the password"), migrate: true);
            Assert.Contains("refused the user name or password", wrongPassword);

            await using (var connection = new Npgsql.NpgsqlConnection(postgres.ConnectionString("postgres")))
            {
                await connection.OpenAsync();
                await using var create = new Npgsql.NpgsqlCommand("CREATE DATABASE empty_one", connection);
                await create.ExecuteNonQueryAsync();
            }
            var notMigrated = await FailedStartAsync(data, postgres.ConnectionString("empty_one"), migrate: false);
            Assert.Contains("The database is not up to date", notMigrated);
            Assert.Contains("migrations bundle", notMigrated);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<string> FailedStartAsync(string data, string connection, bool migrate)
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(data, new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = connection,
            ["Database:MigrateOnStartup"] = migrate ? "true" : "false",
            ["Database:StartupWaitSeconds"] = "2",
        }));
        Assert.Contains("exited with 1", failure.Message);
        Assert.DoesNotContain("Unhandled exception", failure.Message, StringComparison.OrdinalIgnoreCase);
        return failure.Message;
    }

    [Trait("Speed", "Slow")]
    [Fact]
    public async Task Two_instances_started_together_on_an_empty_SQLite_file_both_come_up_with_one_demo_run()
    {
        var data = Directory.CreateTempSubdirectory("sp-together-").FullName;
        try
        {
            var starting = Enumerable.Range(0, 2).Select(_ => ServerProcess.StartAsync(data)).ToList();
            var servers = await Task.WhenAll(starting);
            foreach (var server in servers)
            {
                Assert.DoesNotContain("Unhandled exception.", server.Output, StringComparison.Ordinal);
                await server.DisposeAsync();
            }
            SqliteConnection.ClearAllPools();
            using var db = new SqliteConnection($"Data Source={Path.Combine(data, "surveyplatform.db")};Mode=ReadOnly");
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM Runs WHERE Slug = 'community-trust'";
            Assert.Equal(1L, (long)command.ExecuteScalar()!);
            SqliteConnection.ClearAllPools();
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Trait("Needs", "PostgreSQL")]
    [Fact]
    public async Task Two_instances_started_together_on_an_empty_PostgreSQL_database_both_come_up_with_one_demo_run()
    {
        var server = Environment.GetEnvironmentVariable("SURVEYPLATFORM_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(server), "SURVEYPLATFORM_TEST_POSTGRES is not set: run the tests through ./test.sh.");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "sp_together_" + Guid.NewGuid().ToString("N")[..12] }.ToString();
        var folders = Enumerable.Range(0, 2).Select(_ => Directory.CreateTempSubdirectory("sp-together-pg-").FullName).ToList();
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Database:Provider"] = "Postgres",
                ["Database:ConnectionString"] = connection,
                ["Database:MigrateOnStartup"] = "true",
            };
            var servers = await Task.WhenAll(folders.Select(f => ServerProcess.StartAsync(f, settings)));
            foreach (var instance in servers)
                await instance.DisposeAsync();
            await using var db = new Npgsql.NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM \"Runs\" WHERE \"Slug\" = 'community-trust'", db);
            Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using (var admin = new Npgsql.NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new Npgsql.NpgsqlConnectionStringBuilder(connection).Database}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
            foreach (var folder in folders)
                Directory.Delete(folder, recursive: true);
        }
    }
}
