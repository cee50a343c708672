using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Reports;

namespace SurveyPlatform.Web.Features.Reports;

/// <summary>A run's files: the PDF reports (aggregates, privacy-suppressed with the run's threshold) and the response rows as a spreadsheet.</summary>
public sealed class RunDocuments(IDbContextFactory<SurveyDbContext> dbFactory)
{
    public async Task<string?> SlugAsync(Guid runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Runs.Where(r => r.Id == runId).Select(r => r.Slug).FirstOrDefaultAsync(ct);
    }

    /// <summary>The run, its organization's name and its survey definition, without its responses; null when the run does not exist or was purged.</summary>
    public async Task<(SurveyRun Run, string Organization, SurveyDefinition Definition)?> DefinitionAsync(Guid runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await DefinitionAsync(db, runId, ct);
    }

    private static async Task<(SurveyRun Run, string Organization, SurveyDefinition Definition)?> DefinitionAsync(SurveyDbContext db, Guid runId, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().Include(r => r.SurveyVersion)
            .FirstOrDefaultAsync(r => r.Id == runId && r.Status != RunStatus.Purged, ct);
        if (run is null)
            return null;
        var organization = await db.Organizations.Where(o => o.Id == run.OrganizationId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        var version = run.SurveyVersion!;
        return (run, organization ?? "SurveyPlatform", DefinitionLoader.Load(version.DefinitionJson, $"{version.SurveyId} {version.Version}"));
    }

    /// <summary>The run's stored responses and definition; null when the run does not exist or was purged.</summary>
    public async Task<(SurveyRun Run, string Organization, ResponseTable Table)?> LoadAsync(Guid runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await DefinitionAsync(db, runId, ct) is not var (run, organization, definition))
            return null;
        return (run, organization, await ResponseTransfer.LoadAsync(db, run, definition, ct));
    }

    /// <summary>A report of the run in a shipped language; <paramref name="publicUrl"/> is printed only when the run is published.</summary>
    public async Task<(byte[] Pdf, string FileName)?> ReportAsync(Guid runId, ReportKind kind, string language, string publicUrl, CancellationToken ct = default)
    {
        if (await LoadAsync(runId, ct) is not var (run, organization, table))
            return null;
        var definition = table.Definition;
        var k = Math.Max(EngineOptions.SmallestMinCell, run.MinCellSize);
        var breakdowns = Breakdown.Offered(definition);
        var report = IndicatorEngine.Compute(table, new EngineOptions { MinCell = k, Breakdowns = breakdowns });
        var pdf = ReportRenderer.Render(new ReportRequest(kind, report, language, organization)
        {
            Survey = definition,
            Place = run.Site,
            PublicResultsUrl = run.IsPublished ? publicUrl : null,
            FieldworkStart = run.OpensOn,
            FieldworkEnd = run.ClosesOn,
            ResponseCounts = [ResponseCounts.FromTable(table, ResponseTable.Lang, k)],
        });
        return (pdf, $"{run.Slug}-{kind.ToString().ToLowerInvariant()}-{language}.pdf");
    }

    /// <summary>The blank questionnaire for paper answers; it shows no figures, so the indicators of no response stand in.</summary>
    public static byte[] Questionnaire(SurveyDefinition definition, string language, string organization)
    {
        var empty = IndicatorEngine.Compute(new ResponseTableBuilder(definition).Build(), new EngineOptions());
        return ReportRenderer.Render(new ReportRequest(ReportKind.Questionnaire, empty, language, organization) { Survey = definition });
    }

    public static byte[] Spreadsheet(ResponseTable table)
    {
        using var stream = new MemoryStream();
        ResponseSpreadsheet.Write(table, stream, withCodebook: true);
        return stream.ToArray();
    }

    public static byte[] CodebookCsv(ResponseTable table)
    {
        using var writer = new StringWriter();
        Codebook.WriteCsv(table.Definition, table, writer);
        return System.Text.Encoding.UTF8.GetBytes(writer.ToString());
    }
}
