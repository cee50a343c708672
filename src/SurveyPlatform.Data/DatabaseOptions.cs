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

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;
}
