namespace SurveyPlatform.Data;

public enum DatabaseProvider { Sqlite, SqlServer, Postgres }

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Connection string; for SQLite empty means <c>{DataDirectory}/surveyplatform.db</c>.</summary>
    public string? ConnectionString { get; set; }
    /// <summary>Apply pending migrations at start-up. Null = on for SQLite, off for server databases.</summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>How long start-up waits for a database that does not answer yet (a container starting beside it).</summary>
    public double StartupWaitSeconds { get; set; } = 30;

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;
}
