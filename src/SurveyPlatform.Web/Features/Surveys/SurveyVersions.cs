using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Account;

namespace SurveyPlatform.Web.Features.Surveys;

public sealed record SurveyVersionChoice(Guid Id, string SurveyId, string Version, string Label, Guid? OrganizationId);

/// <summary>The questionnaires an organization may start runs from: the shipped ones and its own uploads and edits.</summary>
public sealed class SurveyVersions(IDbContextFactory<SurveyDbContext> dbFactory, AuditLog audit)
{
    public const long MaxDefinitionBytes = 2 * 1024 * 1024;

    public sealed record AddResult(Guid? VersionId, IReadOnlyList<string> Errors);

    public async Task<List<SurveyVersionChoice>> ChoicesAsync(IReadOnlyCollection<Guid> organizations, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var versions = await db.SurveyVersions.AsNoTracking()
            .Where(v => v.OrganizationId == null || organizations.Contains(v.OrganizationId.Value))
            .Select(v => new { v.Id, v.SurveyId, v.Version, v.Title, v.OrganizationId }).ToListAsync(ct);
        // The standard instrument first, newest version first; then the organization's own.
        return versions
            .OrderBy(v => v.SurveyId == SurveySeeder.StandardSurveyId && v.OrganizationId == null ? 0 : 1)
            .ThenBy(v => v.OrganizationId is null ? 0 : 1)
            .ThenByDescending(v => v.Version, StringComparer.Ordinal)
            .Select(v => new SurveyVersionChoice(v.Id, v.SurveyId, v.Version,
                $"{v.Title} (version {v.Version}{(v.OrganizationId is null ? v.SurveyId == SurveySeeder.StandardSurveyId ? ", standard" : "" : ", your organization's")})",
                v.OrganizationId))
            .ToList();
    }

    /// <summary>Checks a definition with the same loader as start-up and stores it for <paramref name="organizationId"/>.</summary>
    public async Task<AddResult> AddAsync(string json, string fileName, Guid? organizationId, CancellationToken ct = default)
    {
        var loaded = DefinitionLoader.TryLoad(json, fileName);
        if (!loaded.Succeeded)
            return new AddResult(null, loaded.Errors.Select(e => e.ToString()).ToList());
        var definition = loaded.Definition!;
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.SurveyVersions.Where(v => v.Sha256 == sha && v.SurveyId == definition.Id
            && (v.OrganizationId == null || v.OrganizationId == organizationId)).Select(v => (Guid?)v.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
            return new AddResult(id, []);
        var version = new SurveyVersion
        {
            SurveyId = definition.Id,
            Version = definition.Version,
            Title = definition.Title.Get(definition.DefaultLanguage),
            DefinitionJson = json,
            Sha256 = sha,
            OrganizationId = organizationId,
        };
        db.SurveyVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return new AddResult(version.Id, []);
    }

    /// <summary>What saving new wording did: the stored version (or the problems), and whether the run now uses it.</summary>
    public sealed record WordingSaved(AddResult Result, bool RunMoved, int EarlierResponses);

    /// <summary>
    /// A new version of the run's questionnaire with corrected wording, checked like an upload. The run moves to it when
    /// only wording changed (item keys, answer codes, conditions and indicators as they were), even with responses: they
    /// keep their meaning, and the move is recorded in the audit log with the texts changed and the number of responses
    /// given with the earlier wording. The run keeps its address and its printed codes (docs/architecture.md, decision records).
    /// </summary>
    public async Task<WordingSaved> SaveWordingAsync(Guid runId, IReadOnlyDictionary<string, Dictionary<string, string>> changes, ClaimsPrincipal user,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Runs.Include(r => r.SurveyVersion).FirstAsync(r => r.Id == runId, ct);
        var current = run.SurveyVersion!;
        var taken = await db.SurveyVersions.Where(v => v.SurveyId == current.SurveyId).Select(v => v.Version).ToListAsync(ct);
        var json = Translations.Apply(current.DefinitionJson, changes, Translations.NextVersion(current.Version, taken));
        var result = await AddAsync(json, $"{current.SurveyId}.survey.json", run.OrganizationId, ct);
        if (result.VersionId is not { } id || id == current.Id || !Translations.OnlyWordingDiffers(current.DefinitionJson, json))
            return new WordingSaved(result, false, 0);
        var earlier = await db.Responses.CountAsync(r => r.RunId == runId, ct);
        var next = await db.SurveyVersions.Where(v => v.Id == id).Select(v => v.Version).FirstAsync(ct);
        run.SurveyVersionId = id;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(user, AuditActions.SurveyEdited, run.OrganizationId, run.Slug,
            $"wording {current.SurveyId} {current.Version} → {next}; {Translations.Describe(current.DefinitionJson, changes)}; "
            + $"the run moved to it with {earlier} responses given with the earlier wording (item keys and answer codes unchanged)");
        return new WordingSaved(result, true, earlier);
    }
}
