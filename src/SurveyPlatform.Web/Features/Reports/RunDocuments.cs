using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Reports;
using SurveyPlatform.Web.Features.Dashboards;

namespace SurveyPlatform.Web.Features.Reports;

/// <summary>
/// A run's files: the PDF reports (aggregates through disclosure control with the run's threshold: live for organizers,
/// the run's release for everyone else) and the response rows as a spreadsheet.
/// </summary>
public sealed class RunDocuments(IDbContextFactory<SurveyDbContext> dbFactory, RunResults results)
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

    /// <summary>
    /// A report of the run for its organizers: live results (they may export the rows anyway), through disclosure control,
    /// with the SHA-256 of the run's responses and, as the trend, the organization's other waves of the survey at the same
    /// site, each from its own results. <paramref name="publicUrl"/> is printed only when the run is published.
    /// </summary>
    public async Task<(byte[] Pdf, string FileName)?> ReportAsync(Guid runId, ReportKind kind, string language, string publicUrl, CancellationToken ct = default)
    {
        if (await results.LiveAsync(runId, hash: true, ct) is not { } report) return null;
        var waves = await results.LiveAsync(await results.WavesAsync(runId, _ => true, ct), report, ct);
        return await RenderAsync(runId, report, waves, kind, language, publicUrl, generatedAt: null, ct);
    }

    /// <summary>
    /// A report for people without access to the rows (police reviewers, advocates): made from the run's release and the
    /// releases of the other waves they may see, so that it changes only when at least k new responses arrived. Null
    /// when the run does not exist; a report without results when it has fewer than k responses.
    /// </summary>
    public async Task<(byte[]? Pdf, string FileName, RunReport Report)?> ReleasedReportAsync(Guid runId, ReportKind kind, string language, string publicUrl,
        Func<Guid, bool> allowed, CancellationToken ct = default)
    {
        if (await results.ReleasedAsync(runId, ct) is not { } report) return null;
        if (!report.HasResults) return (null, "", report);
        var waves = await results.ReleasedAsync(await results.WavesAsync(runId, allowed, ct), report, ct);
        // Dated the day of the release: the same release gives the same document.
        var day = report.ReleasedOn ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var document = await RenderAsync(runId, report, waves, kind, language, publicUrl, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), ct);
        return document is var (pdf, name) ? (pdf, name, report) : null;
    }

    private async Task<(byte[] Pdf, string FileName)?> RenderAsync(Guid runId, RunReport report, IReadOnlyList<RunReport> waves, ReportKind kind,
        string language, string publicUrl, DateTimeOffset? generatedAt, CancellationToken ct)
    {
        if (await DefinitionAsync(runId, ct) is not var (run, organization, definition))
            return null;
        if (!report.HasResults)
            throw new InvalidOperationException("A report needs at least k responses; check RunReport.HasResults first.");
        var pdf = ReportRenderer.Render(new ReportRequest(kind, RunResults.WithTrend(report, waves), language, organization)
        {
            Survey = definition,
            Place = run.Site,
            PublicResultsUrl = run.IsPublished ? publicUrl : null,
            FieldworkStart = run.OpensOn,
            FieldworkEnd = run.ClosesOn,
            GeneratedAt = generatedAt,
            ResponseCounts = [.. report.Counts.Select(ResponseCounts.From)],
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
