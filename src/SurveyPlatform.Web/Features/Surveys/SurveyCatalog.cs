using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Surveys;

/// <summary>A run as respondents see it: its settings and its definition with the run's areas (codes and names) applied.</summary>
public sealed record ActiveRun(SurveyRun Run, SurveyDefinition Definition)
{
    public Guid Id => Run.Id;
    public string Slug => Run.Slug;

    /// <summary>
    /// The help lines of the thank-you page (names, descriptions, phones, addresses in every language of the survey):
    /// the run's own, or the survey's when the run has none of its own. Read once per catalog load.
    /// </summary>
    public IReadOnlyList<HelpResource> HelpLines { get; init; } = Definition.ThankYou.Resources;
}

/// <summary>
/// Runs and their parsed definitions, held in memory so that serving a respondent page runs no database
/// query. Reload after any change to runs or survey versions; changes made by another instance (or the command line)
/// are found by <see cref="RefreshAsync"/>, which <c>CatalogRefresh</c> calls every few seconds (docs/architecture.md,
/// "Many instances, one database").
/// </summary>
public sealed class SurveyCatalog(IDbContextFactory<SurveyDbContext> dbFactory)
{
    private FrozenDictionary<string, ActiveRun> _bySlug = FrozenDictionary<string, ActiveRun>.Empty;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _fingerprint = "";
    // Survey versions never change once stored (a new wording is a new version), so their parsed definitions are kept.
    private readonly Dictionary<Guid, SurveyDefinition> _definitions = [];

    public ActiveRun? Find(string slug) => _bySlug.GetValueOrDefault(slug);

    public IReadOnlyCollection<ActiveRun> All => _bySlug.Values;

    public Task ReloadAsync(CancellationToken ct = default) => RefreshAsync(force: true, ct);

    /// <summary>
    /// Reads the runs' rows (a small query without the definitions) and rebuilds the catalog when any value of any run
    /// differs from what is held: status, mode, dates, codes, publishing, wording version, and whatever else a run holds.
    /// True when it rebuilt.
    /// </summary>
    public async Task<bool> RefreshAsync(bool force = false, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (!force && Fingerprint(db, await db.Runs.AsNoTracking().Where(r => r.Status != RunStatus.Purged).ToListAsync(ct)) == _fingerprint)
                return false;
            await LoadAsync(db, ct);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task LoadAsync(SurveyDbContext db, CancellationToken ct)
    {
        var runs = await db.Runs.AsNoTracking().Include(r => r.SurveyVersion)
            .Where(r => r.Status != RunStatus.Purged).ToListAsync(ct);
        var definitions = _definitions;
        var active = new Dictionary<string, ActiveRun>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            var version = run.SurveyVersion!;
            if (!definitions.TryGetValue(version.Id, out var definition))
            {
                definition = DefinitionLoader.Load(version.DefinitionJson, $"{version.SurveyId} {version.Version}");
                definitions[version.Id] = definition;
            }
            active[run.Slug] = new ActiveRun(run, ApplyAreaCodes(definition, run))
            {
                HelpLines = Surveys.HelpLines.Resolve(run.HelpLinesJson, definition),
            };
        }
        _bySlug = active.ToFrozenDictionary(StringComparer.Ordinal);
        _fingerprint = Fingerprint(db, runs);
    }

    /// <summary>Every stored value of every run, in the order of their ids: any change of any column changes it.</summary>
    private static string Fingerprint(SurveyDbContext db, IEnumerable<SurveyRun> runs)
    {
        var columns = db.Model.FindEntityType(typeof(SurveyRun))!.GetProperties().Where(p => p.PropertyInfo is not null).ToList();
        var text = new StringBuilder();
        foreach (var run in runs.OrderBy(r => r.Id))
        {
            foreach (var column in columns)
                text.Append(CultureInfo.InvariantCulture, $"{column.PropertyInfo!.GetValue(run)}\u001f");
            text.Append('\u001e');
        }
        return text.ToString();
    }

    /// <summary>
    /// The definition as the run's respondents see it: the options of items marked <c>options_from_run</c> are the run's
    /// area codes (or the survey's own codes when the run gives none), each named in every language of the survey by the
    /// run's names (see <see cref="AreaNames.Name"/>). Printed questionnaires, paper entry and result labels use it too.
    /// </summary>
    public static SurveyDefinition ApplyAreaCodes(SurveyDefinition definition, SurveyRun run)
    {
        var codes = run.AreaCodeList;
        var names = AreaNames.Read(run.AreaLabelsJson);
        if (codes.Count == 0 && names.Count == 0)
            return definition;

        return definition with
        {
            Pages = definition.Pages.Select(page => page with
            {
                Items = page.Items.Select(item => item.OptionsFromRun
                    ? item with
                    {
                        Options = (codes.Count > 0 ? codes : item.Options.Select(o => o.Code).ToList())
                            .Select(code => new ItemOption(code, new LocalizedText(
                                definition.Languages.ToDictionary(l => l, l => AreaNames.Name(names, definition, item, code, l)))))
                            .ToList(),
                    }
                    : item).ToList(),
            }).ToList(),
        };
    }
}
