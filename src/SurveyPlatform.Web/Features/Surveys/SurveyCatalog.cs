using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Surveys;

/// <summary>A run as respondents see it: its settings and its definition with the run's area codes applied.</summary>
public sealed record ActiveRun(SurveyRun Run, SurveyDefinition Definition)
{
    public Guid Id => Run.Id;
    public string Slug => Run.Slug;
}

/// <summary>
/// Runs and their parsed definitions, held in memory so that serving a respondent page runs no database
/// query. Reload after any change to runs or survey versions.
/// </summary>
public sealed class SurveyCatalog(IDbContextFactory<SurveyDbContext> dbFactory)
{
    private FrozenDictionary<string, ActiveRun> _bySlug = FrozenDictionary<string, ActiveRun>.Empty;

    public ActiveRun? Find(string slug) => _bySlug.GetValueOrDefault(slug);

    public IReadOnlyCollection<ActiveRun> All => _bySlug.Values;

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await db.Runs.AsNoTracking().Include(r => r.SurveyVersion)
            .Where(r => r.Status != RunStatus.Purged).ToListAsync(ct);
        var definitions = new Dictionary<Guid, SurveyDefinition>();
        var active = new Dictionary<string, ActiveRun>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            var version = run.SurveyVersion!;
            if (!definitions.TryGetValue(version.Id, out var definition))
            {
                definition = DefinitionLoader.Load(version.DefinitionJson, $"{version.SurveyId} {version.Version}");
                definitions[version.Id] = definition;
            }
            active[run.Slug] = new ActiveRun(run, ApplyAreaCodes(definition, run));
        }
        _bySlug = active.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Replaces the options of items marked <c>options_from_run</c> with the run's area codes.</summary>
    public static SurveyDefinition ApplyAreaCodes(SurveyDefinition definition, SurveyRun run)
    {
        var codes = run.AreaCodeList;
        if (codes.Count == 0)
            return definition;
        var labels = string.IsNullOrWhiteSpace(run.AreaLabelsJson)
            ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize<Dictionary<string, string>>(run.AreaLabelsJson) ?? [];

        return definition with
        {
            Pages = definition.Pages.Select(page => page with
            {
                Items = page.Items.Select(item => item.OptionsFromRun
                    ? item with { Options = codes.Select(code => AreaOption(item, code, labels, definition)).ToList() }
                    : item).ToList(),
            }).ToList(),
        };
    }

    private static ItemOption AreaOption(SurveyItem item, string code, Dictionary<string, string> labels, SurveyDefinition definition)
    {
        if (labels.TryGetValue(code, out var label))
            return new ItemOption(code, new LocalizedText(definition.Languages.ToDictionary(l => l, _ => label)));
        return item.FindOption(code) ?? new ItemOption(code, new LocalizedText(definition.Languages.ToDictionary(l => l, _ => code)));
    }
}
