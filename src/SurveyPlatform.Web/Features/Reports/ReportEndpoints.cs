using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Reports;
using SurveyPlatform.Web.Features.Account;
using SurveyPlatform.Web.Features.Organizations;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Features.Surveys;
using SurveyPlatform.Web.Hosting;

namespace SurveyPlatform.Web.Features.Reports;

/// <summary>
/// Downloads of a run's documents: PDF reports for organizers, the brief for police reviewers and the brief, full report and
/// annex for advocates the run is shared with (aggregates only), and the response rows as XLSX and the codebook as CSV for organizers after re-authentication.
/// </summary>
public static class ReportEndpoints
{
    public static void MapReportDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/runs/{RunId:guid}/reports/{Kind}.pdf", OrganizerReport).RequireAuthorization(ConsolePolicies.ManageRun);
        app.MapGet("/admin/runs/{RunId:guid}/paper/questionnaire.pdf", PaperQuestionnaire).RequireAuthorization(ConsolePolicies.ManageRun);
        app.MapGet("/review/runs/{RunId:guid}/{Kind}.pdf", ReviewerReport).RequireAuthorization(ConsolePolicies.ReviewRun);
        app.MapGet("/admin/runs/{RunId:guid}/responses.xlsx", ResponsesXlsx).RequireAuthorization(ConsolePolicies.RunRows);
        app.MapGet("/admin/runs/{RunId:guid}/codebook.csv", CodebookCsv).RequireAuthorization(ConsolePolicies.RunRows);
    }

    private static Task<IResult> OrganizerReport(Guid runId, string kind, string? lang, HttpContext http, RunDocuments documents) =>
        kind switch
        {
            "brief" => ReportAsync(runId, ReportKind.Brief, lang, http, documents),
            "full" => ReportAsync(runId, ReportKind.Full, lang, http, documents),
            "annex" => ReportAsync(runId, ReportKind.Annex, lang, http, documents),
            _ => Task.FromResult(Results.NotFound()),
        };

    private static async Task<IResult> PaperQuestionnaire(Guid runId, string? lang, HttpContext http, RunDocuments documents)
    {
        // A blank questionnaire needs the survey, not the run's responses.
        if (await documents.DefinitionAsync(runId, http.RequestAborted) is not var (run, organization, definition) || !run.AllowPaperEntry)
            return Results.NotFound();
        var languages = definition.Languages.Where(ReportRenderer.Languages.Contains).ToList();
        var language = string.IsNullOrEmpty(lang) ? definition.DefaultLanguage : lang;
        if (!languages.Contains(language))
            return Results.Problem($"The questionnaire cannot be printed in '{language}'; allowed: {string.Join(", ", languages)}.", statusCode: StatusCodes.Status400BadRequest);
        // The run's own areas, named in the chosen language, as respondents and paper entry see them.
        var pdf = RunDocuments.Questionnaire(SurveyCatalog.ApplyAreaCodes(definition, run), language, organization);
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(pdf, "application/pdf", $"{run.Slug}-questionnaire-{language}.pdf");
    }

    /// <summary>
    /// The reports a reviewer may read (see <see cref="ReviewerReports"/>; another kind is refused), made from the run's
    /// release (docs/anonymity.md rule 7) with the trend of the other waves shared with them.
    /// </summary>
    private static async Task<IResult> ReviewerReport(Guid runId, string kind, string? lang, HttpContext http, RunDocuments documents,
        ConsoleAccess access, IDbContextFactory<SurveyDbContext> dbFactory)
    {
        ReportKind? wanted = kind switch { "brief" => ReportKind.Brief, "full" => ReportKind.Full, "annex" => ReportKind.Annex, _ => null };
        if (wanted is not { } reportKind)
            return Results.NotFound();
        if (!(await ReviewerReports.KindsAsync(access, dbFactory, http.User, runId, http.RequestAborted)).Contains(reportKind))
        {
            return Results.Problem("Police reviewers receive the brief for police leaders; the full report and the annex go to the organizers and advocates.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (Language(lang) is not { } language) return LanguageRefused(lang!);
        var mine = (await access.ForAsync(http.User)).ReviewerOf.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted);
        var shared = (await db.RunShares.AsNoTracking().Where(s => mine.Contains(s.OrganizationId)).Select(s => s.RunId).ToListAsync(http.RequestAborted)).ToHashSet();
        var made = await documents.ReleasedReportAsync(runId, reportKind, language, await PublicUrlAsync(runId, http, documents), shared.Contains, http.RequestAborted);
        if (made is not var (pdf, name, report))
            return Results.NotFound();
        if (pdf is null)
        {
            return Results.Problem($"This run has fewer than {report.Report.MinCell} responses: no results can be published yet, so there is no report.",
                statusCode: StatusCodes.Status409Conflict);
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.File(pdf, "application/pdf", name);
    }

    private static async Task<IResult> ReportAsync(Guid runId, ReportKind kind, string? lang, HttpContext http, RunDocuments documents)
    {
        if (Language(lang) is not { } language) return LanguageRefused(lang!);
        try
        {
            if (await documents.ReportAsync(runId, kind, language, await PublicUrlAsync(runId, http, documents), http.RequestAborted) is not var (pdf, name))
                return Results.NotFound();
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(pdf, "application/pdf", name);
        }
        catch (InvalidOperationException)
        {
            return Results.Problem("This run has too few responses for any result to be published: no report can be made yet.", statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static string? Language(string? lang)
    {
        var language = string.IsNullOrEmpty(lang) ? "en" : lang;
        return ReportRenderer.Languages.Contains(language) ? language : null;
    }

    private static IResult LanguageRefused(string language) =>
        Results.Problem($"Reports cannot be written in '{language}'; allowed: {string.Join(", ", ReportRenderer.Languages)}.", statusCode: StatusCodes.Status400BadRequest);

    private static async Task<string> PublicUrlAsync(Guid runId, HttpContext http, RunDocuments documents)
    {
        var slug = await documents.SlugAsync(runId, http.RequestAborted);
        return $"{http.RequestServices.GetRequiredService<PublicAddress>().For(http)}/r/{Uri.EscapeDataString(slug ?? "")}";
    }

    private static async Task<IResult> ResponsesXlsx(Guid runId, HttpContext http, Reauthentication reauth, AuditLog audit, RunDocuments documents) =>
        await RowsAsync(runId, http, reauth, audit, documents, "XLSX with codebook", "responses.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", RunDocuments.Spreadsheet);

    private static async Task<IResult> CodebookCsv(Guid runId, HttpContext http, Reauthentication reauth, AuditLog audit, RunDocuments documents) =>
        await RowsAsync(runId, http, reauth, audit, documents, "codebook CSV", "codebook.csv", "text/csv; charset=utf-8", RunDocuments.CodebookCsv);

    private static async Task<IResult> RowsAsync(Guid runId, HttpContext http, Reauthentication reauth, AuditLog audit, RunDocuments documents,
        string what, string suffix, string contentType, Func<Core.Responses.ResponseTable, byte[]> write)
    {
        if (!await reauth.IsFreshAsync(http.User))
            return RunEndpoints.ReauthenticationNeeded(http);
        if (await documents.LoadAsync(runId, http.RequestAborted) is not var (run, _, table))
            return Results.NotFound();
        var bytes = write(table);
        await audit.WriteAsync(http.User, AuditActions.Export, run.OrganizationId, run.Slug, $"{table.Count} responses, {what}");
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(bytes, contentType, $"{run.Slug}-{suffix}");
    }
}
