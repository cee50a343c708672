using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SurveyPlatform.Data;

/// <summary>Registers <see cref="SurveyDbContext"/> for the configured provider, with its own migrations assembly.</summary>
public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "SurveyPlatform.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "SurveyPlatform.Migrations.SqlServer";
    public const string PostgresMigrationsAssembly = "SurveyPlatform.Migrations.Postgres";

    public static IServiceCollection AddSurveyDatabase(this IServiceCollection services, DatabaseOptions options, string dataDirectory,
        MixingOptions? mixing = null)
    {
        var connectionString = ResolveConnectionString(options, dataDirectory);
        services.AddDbContextFactory<SurveyDbContext>(db => Configure(db, options.Provider, connectionString));
        if (options.Provider == DatabaseProvider.Sqlite)
            services.AddSingleton<GroupWriter>(_ => new SqliteGroupWriter(connectionString));
        else if (options.Provider == DatabaseProvider.Postgres)
            services.AddSingleton<GroupWriter>(_ => new PostgresGroupWriter(connectionString));
        services.AddSingleton(sp => new ResponseMixer(options.Provider, connectionString, mixing ?? new MixingOptions(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILoggerFactory>()?.CreateLogger<ResponseMixer>() ?? NullLogger<ResponseMixer>.Instance));
        services.AddHostedService(sp => sp.GetRequiredService<ResponseMixer>());
        services.AddSingleton<ResponseStore>();
        return services;
    }

    /// <summary>The connection string to use; for SQLite the default file lives in the data directory.</summary>
    public static string ResolveConnectionString(DatabaseOptions options, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
            return options.ConnectionString;
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException(
                $"Database:ConnectionString is required when Database:Provider is {options.Provider}.");
        }

        DataFolder.Create(dataDirectory);
        var file = Path.Combine(dataDirectory, "surveyplatform.db");
        DataFolder.CreatePrivateFile(file);
        return new SqliteConnectionStringBuilder
        {
            DataSource = file,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    private const int RetryCount = 4;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(3);

    public static void Configure(DbContextOptionsBuilder db, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                db.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                db.AddInterceptors(SqliteDurability.Instance);
                db.ReplaceService<IMigrationsSqlGenerator, SqliteWithoutRowIdSqlGenerator>();
                break;
            // Server databases: a transient failure (a dropped connection, a restart, a failover) is retried a few times
            // within about ten seconds before the request fails; code that opens a transaction runs it through
            // CreateExecutionStrategy() (ResponseStore, ResponseTransfer, RunPurge).
            case DatabaseProvider.SqlServer:
                db.UseSqlServer(connectionString, o => o.MigrationsAssembly(SqlServerMigrationsAssembly)
                    .EnableRetryOnFailure(RetryCount, RetryDelay, null));
                break;
            case DatabaseProvider.Postgres:
                db.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)
                    .EnableRetryOnFailure(RetryCount, RetryDelay, null));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}'. Allowed: Sqlite, SqlServer, Postgres.");
        }
    }

    /// <summary>Applies pending migrations and, for SQLite, switches the file to write-ahead logging.</summary>
    public static async Task MigrateAsync(SurveyDbContext db, CancellationToken ct = default)
    {
        // Migrating takes a lock that EF records with a timestamp, even when there is nothing to apply.
        if (!(await db.Database.GetPendingMigrationsAsync(ct)).Any())
            return;
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            // Migrating writes a lock row with a timestamp; rebuild the file so that no trace of it is left
            // in free pages or the log, and the database holds no time of day at all.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
            await db.Database.ExecuteSqlRawAsync("VACUUM;", ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
        }
    }
}

/// <summary>
/// Every SQLite connection of EF Core runs with <see cref="ResponseRows.SqlitePragmas"/>: with WAL, <c>synchronous=FULL</c>
/// syncs the log on each commit, so a response whose thank-you page was shown survives a crash or power loss
/// (anonymity.md rule 9); deleted rows are overwritten with zeros (rule 8).
/// </summary>
internal sealed class SqliteDurability : DbConnectionInterceptor
{
    public static readonly SqliteDurability Instance = new();
    private const string Pragmas = ResponseRows.SqlitePragmas;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
