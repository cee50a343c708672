using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Cli;

/// <summary>
/// The platform's database for commands that need it, found the way the server finds it: SQLite in the data
/// directory by default (<c>src/SurveyPlatform.Web/data</c> when run from the repository), or a server database.
/// </summary>
internal sealed class CliDatabase
{
    public Option<DirectoryInfo?> DataDir { get; } = new("--data-dir")
    {
        Description = "Folder of the SQLite database (default: src/SurveyPlatform.Web/data when run from the repository, else ./data)",
    };
    public Option<DatabaseProvider> Provider { get; } = new("--provider")
    {
        Description = "Sqlite, SqlServer or Postgres",
        DefaultValueFactory = _ => DatabaseProvider.Sqlite,
    };
    public Option<string?> ConnectionString { get; } = new("--connection-string")
    {
        Description = "Connection string (required for SqlServer and Postgres)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(DataDir);
        command.Options.Add(Provider);
        command.Options.Add(ConnectionString);
    }

    public SurveyDbContext Open(ParseResult parse)
    {
        var provider = parse.GetValue(Provider);
        var connection = parse.GetValue(ConnectionString);
        if (provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connection))
        {
            var dir = parse.GetValue(DataDir)?.FullName ?? DefaultDataDirectory();
            var file = Path.Combine(dir, "surveyplatform.db");
            if (!File.Exists(file))
                throw new InputException($"no database at {file}; start the platform once (dotnet run --project src/SurveyPlatform.Web) or pass --data-dir");
            connection = DatabaseSetup.ResolveConnectionString(new DatabaseOptions { Provider = provider }, dir);
        }
        else if (string.IsNullOrWhiteSpace(connection))
        {
            throw new InputException($"--connection-string is required with --provider {provider}");
        }
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        DatabaseSetup.Configure(options, provider, connection!);
        return new SurveyDbContext(options.Options);
    }

    private static string DefaultDataDirectory()
    {
        var repository = Path.Combine(Directory.GetCurrentDirectory(), "src", "SurveyPlatform.Web", "data");
        return Directory.Exists(repository) ? repository : Path.Combine(Directory.GetCurrentDirectory(), "data");
    }

    /// <summary>The run with this slug and its survey definition, or a message listing the runs there are.</summary>
    public static async Task<(SurveyRun Run, SurveyDefinition Definition)> FindRunAsync(SurveyDbContext db, string slug, CancellationToken ct)
    {
        var run = await db.Runs.Include(r => r.SurveyVersion).FirstOrDefaultAsync(r => r.Slug == slug, ct);
        if (run is null)
        {
            var slugs = await db.Runs.Select(r => r.Slug).OrderBy(s => s).ToListAsync(ct);
            throw new InputException($"--run '{slug}': no such run; runs: {(slugs.Count == 0 ? "none yet" : string.Join(", ", slugs))}");
        }
        var version = run.SurveyVersion!;
        return (run, DefinitionLoader.Load(version.DefinitionJson, $"{version.SurveyId} {version.Version}"));
    }
}
