using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Cli.Tests;

public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the <c>survey</c> command in-process in a scratch folder, with the repository's standard survey at hand.</summary>
public sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("survey-cli-").FullName;
        Definition = Path.Combine(AppContext.BaseDirectory, "surveys", "community-trust.survey.json");
    }

    public string Directory { get; }
    public string Definition { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public string Write(string name, string content)
    {
        File.WriteAllText(PathOf(name), content);
        return PathOf(name);
    }

    public CliResult Run(params string[] args) => RunWithInput("", args);

    /// <summary>Runs with <paramref name="input"/> on standard input.</summary>
    public CliResult RunWithInput(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = SurveyCli.Run(args, output, error, new StringReader(input));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>A migrated SQLite database in <c>{Directory}/data</c> with one run of the standard survey.</summary>
    public async Task<string> CreateDatabaseAsync(string slug = "springfield", string areaCodes = "", string? site = null, string? wave = null)
    {
        var dataDir = PathOf("data");
        var connection = DatabaseSetup.ResolveConnectionString(new DatabaseOptions(), dataDir);
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, connection);
        await using var db = new SurveyDbContext(options.Options);
        await DatabaseSetup.MigrateAsync(db);
        var json = await File.ReadAllTextAsync(Definition);
        var version = new SurveyVersion
        {
            SurveyId = "community-trust",
            Version = "1.0.0",
            Title = "Community trust survey",
            DefinitionJson = json,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))),
        };
        db.SurveyVersions.Add(version);
        db.Runs.Add(new SurveyRun { Slug = slug, Name = "Springfield 2026", SurveyVersion = version, Status = RunStatus.Open, AreaCodes = areaCodes, Site = site, Wave = wave });
        await db.SaveChangesAsync();
        return dataDir;
    }

    public async Task<int> CountResponsesAsync(string dataDir)
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, DatabaseSetup.ResolveConnectionString(new DatabaseOptions(), dataDir));
        await using var db = new SurveyDbContext(options.Options);
        return await db.Responses.CountAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
