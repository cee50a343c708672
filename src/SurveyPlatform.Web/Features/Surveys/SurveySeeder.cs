using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Surveys;

/// <summary>
/// Loads every <c>*.survey.json</c> of the surveys folder at start-up (an invalid file stops start-up),
/// records new versions, and on an empty database opens the demo run of the standard survey.
/// </summary>
public static class SurveySeeder
{
    public const string StandardSurveyId = "community-trust";

    public static async Task SeedAsync(SurveyDbContext db, string surveysDirectory, bool createDemoRun, CancellationToken ct = default)
    {
        var files = Directory.Exists(surveysDirectory)
            ? Directory.GetFiles(surveysDirectory, "*.survey.json").Order(StringComparer.Ordinal).ToList()
            : [];
        var errors = new List<DefinitionError>();
        var loaded = new List<(SurveyDefinition Definition, string Json)>();
        foreach (var file in files)
        {
            var json = await File.ReadAllTextAsync(file, ct);
            try
            {
                loaded.Add((DefinitionLoader.Load(json, Path.GetFileName(file)), json));
            }
            catch (DefinitionException e)
            {
                errors.AddRange(e.Errors);
            }
        }
        if (errors.Count > 0)
            throw new DefinitionException(errors);

        foreach (var (definition, json) in loaded)
            await EnsureVersionAsync(db, definition, json, ct);

        if (createDemoRun && !await db.Runs.AnyAsync(ct))
            await CreateDemoRunAsync(db, ct);
    }

    private static async Task EnsureVersionAsync(SurveyDbContext db, SurveyDefinition definition, string json, CancellationToken ct)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        if (await db.SurveyVersions.AnyAsync(v => v.SurveyId == definition.Id && v.Sha256 == sha, ct))
            return;
        db.SurveyVersions.Add(new SurveyVersion
        {
            SurveyId = definition.Id,
            Version = definition.Version,
            Title = definition.Title.Get(definition.DefaultLanguage),
            DefinitionJson = json,
            Sha256 = sha,
        });
        await db.SaveChangesAsync(ct);
    }

    private static async Task CreateDemoRunAsync(SurveyDbContext db, CancellationToken ct)
    {
        var version = await db.SurveyVersions.Where(v => v.SurveyId == StandardSurveyId)
            .OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        if (version is null)
            return;
        db.Runs.Add(new SurveyRun
        {
            Slug = StandardSurveyId,
            Name = "Community trust survey (demo)",
            SurveyVersionId = version.Id,
            Status = RunStatus.Open,
            Wave = "demo",
        });
        await db.SaveChangesAsync(ct);
    }
}
