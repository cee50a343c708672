using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Respond;

namespace SurveyPlatform.Web.Features.Dashboards;

public sealed record PublicResultsModel(string Slug, string Lang, string? By, RunReport? Run);

/// <summary>
/// <c>/r/{slug}</c>: published aggregates of a run, no sign-in, no script. It shows the run's release (every offered
/// breakdown passed disclosure control together), one breakdown at a time, and changes only when at least k new
/// responses arrived (docs/anonymity.md rule 7).
/// </summary>
public static class PublicResultsEndpoints
{
    public static void MapPublicResults(this IEndpointRouteBuilder app) =>
        app.MapGet("/r/{slug}", async (string slug, string? lang, string? by, HttpContext http, RunResults results,
            IDbContextFactory<SurveyDbContext> dbFactory, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var runId = await db.Runs.Where(r => r.Slug == slug && r.IsPublished && r.Status != RunStatus.Purged)
                .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
            var release = runId is { } id ? await results.ReleasedAsync(id, ct) : null;
            var language = release is null ? "en" : LanguageChoice.Choose(release.Definition, lang, http.Request);
            var breakdown = release is not null && by is not null && RunResults.BreakdownsFor(release.Definition).Contains(by) ? by : null;
            var report = release?.Slice(breakdown);
            http.Response.Headers.CacheControl = "no-cache";
            return new RazorComponentResult<PublicResultsView>(new { Model = new PublicResultsModel(slug, language, breakdown, report) })
            {
                StatusCode = report is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK,
            };
        });
}
