using System.Data.Common;
using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SurveyPlatform.Data;

namespace SurveyPlatform.Web.Hosting;

/// <summary>
/// What start-up checks before serving: the database answers (waiting up to <c>Database:StartupWaitSeconds</c> for one
/// that is still starting), the credentials are accepted, and its schema is up to date (migrated here when
/// <c>Database:MigrateOnStartup</c>, else refused with the command that migrates it). Several instances may start at
/// once on an empty database: EF Core's migration lock lets one migrate, and seeding that loses a race is done again.
/// </summary>
public static class StartupChecks
{
    public static async Task<bool> DatabaseReadyAsync(WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        var factory = app.Services.GetRequiredService<IDbContextFactory<SurveyDbContext>>();
        var wait = Stopwatch.StartNew();
        var said = false;
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync();
            try
            {
                await db.Database.OpenConnectionAsync();
                await db.Database.CloseConnectionAsync();
                break;
            }
            catch (Exception e) when (options.ShouldMigrateOnStartup && IsMissingDatabase(e))
            {
                break; // migrating creates it
            }
            catch (Exception e) when (IsUnreachable(e) && wait.Elapsed.TotalSeconds < options.StartupWaitSeconds)
            {
                if (!said)
                {
                    app.Logger.LogWarning("The database does not answer yet ({Reason}); waiting up to {Seconds} s.",
                        e.GetBaseException().Message, options.StartupWaitSeconds);
                }

                said = true;
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count == 0)
                return true;
            if (!options.ShouldMigrateOnStartup)
            {
                app.Logger.LogCritical(
                    "The database is not up to date: {Count} migrations are not applied (the first is {First}). Apply them with the " +
                    "migrations bundle of this release (./migrate-{Provider} --connection \"<connection string>\"), or the SQL script " +
                    "deploy/migrations/{Script}.sql, or start once with Database:MigrateOnStartup=true. See README, Deploying.",
                    pending.Count, pending[0], options.Provider.ToString().ToLowerInvariant(), options.Provider.ToString().ToLowerInvariant());
                return false;
            }
            app.Logger.LogInformation("Applying {Count} database migrations.", pending.Count);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var migrating = await factory.CreateDbContextAsync();
                    await DatabaseSetup.MigrateAsync(migrating);
                    break;
                }
                catch (Exception e) when (attempt < 10 && IsMadeMeanwhile(e))
                {
                    // Another instance starting at the same moment made the database or a table first; its migration
                    // commits whole or not at all, so ours is tried again and then finds nothing left to apply.
                    app.Logger.LogInformation("Another instance is migrating the database at the same moment; trying again.");
                    await Task.Delay(TimeSpan.FromSeconds(attempt));
                }
            }
        }
        return true;
    }

    /// <summary>Seeds; when another instance seeding at the same moment wins a unique key, seeds again (it then finds theirs).</summary>
    public static async Task SeedAsync(WebApplication app, Func<SurveyDbContext, Task> seed)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<SurveyDbContext>>();
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync();
            try
            {
                await seed(db);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                app.Logger.LogInformation("Another instance was setting up the database at the same moment; reading what it made.");
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    /// <summary>A sentence for a database failure at start-up, or null when <paramref name="e"/> is something else.</summary>
    public static string? Explain(Exception e, DatabaseOptions options)
    {
        var provider = options.Provider;
        foreach (var x in Chain(e))
        {
            switch (x)
            {
                case PostgresException { SqlState: "28P01" or "28000" }:
                    return $"PostgreSQL refused the user name or password in Database:ConnectionString ({x.Message}).";
                case PostgresException { SqlState: "3D000" }:
                    return $"The database named in Database:ConnectionString does not exist on the PostgreSQL server ({x.Message}). Create it (createdb) first.";
                case PostgresException { SqlState: "42P01" }:
                    return $"A table is missing: the database was not migrated ({x.Message}). See README, Deploying: migrations.";
                case SqliteException { SqliteErrorCode: 1 } when x.Message.Contains("no such table", StringComparison.Ordinal):
                    return $"A table is missing: the database was not migrated ({x.Message}).";
                case SqliteException { SqliteErrorCode: 13 }:
                    return $"The disk of the SQLite database is full ({x.Message}).";
                case SqliteException { SqliteErrorCode: 14 or 8 }:
                    return $"The SQLite database file cannot be opened or written ({x.Message}). Check DataDirectory and its permissions.";
                case DbException when x.GetType().FullName == "Microsoft.Data.SqlClient.SqlException" && x.Message.Contains("Login failed", StringComparison.OrdinalIgnoreCase):
                    return $"SQL Server refused the login in Database:ConnectionString ({x.Message}).";
            }
        }
        if (IsUnreachable(e))
        {
            return $"The {provider} database cannot be reached ({e.GetBaseException().Message}) after waiting {options.StartupWaitSeconds} s. " +
                   "Check that it runs and that Database:ConnectionString names the right host and port.";
        }

        if (e is DbException or DbUpdateException || e.InnerException is DbException)
            return $"The {provider} database failed: {e.GetBaseException().Message}";
        return null;
    }

    private static bool IsMadeMeanwhile(Exception e) =>
        Chain(e).Any(x => x is PostgresException { SqlState: "42P04" or "42P07" or "42710" or "42701" or "23505" }
            || (x is SqliteException { SqliteErrorCode: 1 } && (x.Message.Contains("already exists", StringComparison.Ordinal) || x.Message.Contains("duplicate column", StringComparison.Ordinal)))
            || (x is DbException && x.GetType().FullName == "Microsoft.Data.SqlClient.SqlException"
                && (x.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase) || x.Message.Contains("There is already an object", StringComparison.OrdinalIgnoreCase)
                    || x.Message.Contains("Column names in each table must be unique", StringComparison.OrdinalIgnoreCase))));

    private static bool IsMissingDatabase(Exception e) =>
        Chain(e).Any(x => x is PostgresException { SqlState: "3D000" }
            || (x is DbException && x.GetType().FullName == "Microsoft.Data.SqlClient.SqlException" && x.Message.Contains("Cannot open database", StringComparison.OrdinalIgnoreCase)));

    private static bool IsUnreachable(Exception e) =>
        Chain(e).Any(x => x is SocketException or TimeoutException
            || x is NpgsqlException { IsTransient: true } and not PostgresException
            || x is PostgresException { SqlState: "57P03" } // the database system is starting up
            || (x is DbException && x.GetType().FullName == "Microsoft.Data.SqlClient.SqlException" && x.Message.Contains("network", StringComparison.OrdinalIgnoreCase)));

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            yield return x;
    }
}
