using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;

namespace SurveyPlatform.Web.Features.Health;

public static class HealthEndpoints
{
    /// <summary><c>/healthz</c>: 200 "ok" when the database answers, 503 otherwise. Carries no data.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", async (IDbContextFactory<SurveyDbContext> dbFactory, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.Database.CanConnectAsync(ct)
                ? Results.Text("ok")
                : Results.Text("database unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
}
