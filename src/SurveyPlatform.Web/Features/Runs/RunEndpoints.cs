using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Data;
using SurveyPlatform.Reports;
using SurveyPlatform.Web.Features.Account;
using SurveyPlatform.Web.Features.Organizations;
using SurveyPlatform.Web.Hosting;

namespace SurveyPlatform.Web.Features.Runs;

/// <summary>Downloads of a run: freshly generated one-time codes (CSV, printable PDF) and the response rows (CSV).</summary>
public static class RunEndpoints
{
    public static void MapRunDownloads(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/admin/runs/{RunId:guid}").AddEndpointFilter(NoStore);
        runs.MapGet("/codes/{Ticket}.csv", CodesCsv).RequireAuthorization(ConsolePolicies.ManageRun);
        runs.MapGet("/codes/{Ticket}.pdf", CodesPdf).RequireAuthorization(ConsolePolicies.ManageRun);
        runs.MapGet("/responses.csv", ResponsesCsv).RequireAuthorization(ConsolePolicies.RunRows);
    }

    private static async Task<IResult> CodesCsv(Guid runId, string ticket, HttpContext http, CodeSheets sheets, IDbContextFactory<SurveyDbContext> dbFactory)
    {
        if (await sheets.FindAsync(ticket, runId, UserId(http)) is not { } sheet)
            return Results.NotFound();
        var slug = await SlugAsync(dbFactory, runId);
        var csv = new StringBuilder("code,url\n");
        var url = SurveyUrl(http, slug);
        foreach (var code in sheet.Codes)
            csv.Append(RunCodeGenerator.Display(code)).Append(',').Append(CodeCardRequest.Link(url, code)).Append('\n');
        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"{slug}-codes.csv");
    }

    /// <summary>The printable cards, drawn by the report engine in the language asked for (<c>?lang=</c>, default the survey's).</summary>
    private static async Task<IResult> CodesPdf(Guid runId, string ticket, string? lang, HttpContext http, CodeSheets sheets, IDbContextFactory<SurveyDbContext> dbFactory)
    {
        if (await sheets.FindAsync(ticket, runId, UserId(http)) is not { } sheet)
            return Results.NotFound();
        await using var db = await dbFactory.CreateDbContextAsync();
        var run = await db.Runs.AsNoTracking().Include(r => r.SurveyVersion).FirstAsync(r => r.Id == runId);
        var definition = DefinitionLoader.Load(run.SurveyVersion!.DefinitionJson, run.SurveyVersion.SurveyId);
        var language = string.IsNullOrWhiteSpace(lang) ? definition.DefaultLanguage : lang;
        if (!ReportRenderer.Languages.Contains(language))
            return Results.Problem($"Code cards cannot be printed in '{language}'; allowed: {string.Join(", ", ReportRenderer.Languages)}.", statusCode: StatusCodes.Status400BadRequest);
        var organization = await db.Organizations.Where(o => o.Id == run.OrganizationId).Select(o => o.Name).FirstOrDefaultAsync() ?? "SurveyPlatform";
        var pdf = ReportRenderer.RenderCodeCards(new CodeCardRequest(SurveyUrl(http, run.Slug),
            [.. sheet.Codes.Select(c => new CodeCard(c, RunCodeGenerator.Display(c)))], language, organization)
        { Survey = definition, Title = run.Name });
        return Results.File(pdf, "application/pdf", $"{run.Slug}-codes-{language}.pdf");
    }

    /// <summary>
    /// Every response of the run as the response CSV of Core (ResponseCsv: the format <c>survey import</c> reads, safe to open
    /// in a spreadsheet), for organizers of the run's organization after re-authentication.
    /// </summary>
    private static async Task<IResult> ResponsesCsv(Guid runId, HttpContext http, Reauthentication reauth, AuditLog audit, IDbContextFactory<SurveyDbContext> dbFactory)
    {
        if (!await reauth.IsFreshAsync(http.User))
            return ReauthenticationNeeded(http);
        await using var db = await dbFactory.CreateDbContextAsync();
        var run = await db.Runs.AsNoTracking().Include(r => r.SurveyVersion).FirstAsync(r => r.Id == runId);
        var definition = DefinitionLoader.Load(run.SurveyVersion!.DefinitionJson, run.SurveyVersion.SurveyId);
        var table = await ResponseTransfer.LoadAsync(db, run, definition, http.RequestAborted);
        await using var csv = new StringWriter();
        ResponseCsv.Write(table, csv);
        await audit.WriteAsync(http.User, AuditActions.Export, run.OrganizationId, run.Slug, $"{table.Count} responses, CSV");
        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"{run.Slug}-responses.csv");
    }

    /// <summary>Browsers go to the password page and come back; other clients get 403.</summary>
    public static IResult ReauthenticationNeeded(HttpContext http)
    {
        var accept = http.Request.Headers.Accept.ToString();
        if (!accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
            return Results.Problem("Confirm your password first (/account/confirm).", statusCode: StatusCodes.Status403Forbidden);
        var back = http.Request.Path + http.Request.QueryString;
        return Results.Redirect($"/account/confirm?returnUrl={Uri.EscapeDataString(back)}");
    }

    private static string? UserId(HttpContext http) => http.User.FindFirstValue(ClaimTypes.NameIdentifier);

    private static async Task<string> SlugAsync(IDbContextFactory<SurveyDbContext> dbFactory, Guid runId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Runs.Where(r => r.Id == runId).Select(r => r.Slug).FirstAsync();
    }

    public static string SurveyUrl(HttpContext http, string slug) => $"{http.RequestServices.GetRequiredService<PublicAddress>().For(http)}/s/{Uri.EscapeDataString(slug)}";

    private static async ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return result;
    }
}
