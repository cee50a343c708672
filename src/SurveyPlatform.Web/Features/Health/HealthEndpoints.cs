using System.Security.Cryptography;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Health;

/// <summary>
/// Health checks of ASP.NET Core for a load balancer or a service manager:
/// <c>/healthz/live</c> answers while the process serves requests; <c>/healthz/ready</c> (and <c>/healthz</c>) only
/// while the database can be read and written and no recent write failed (a full disk, a database that went away).
/// The answers carry no data beyond the state of each check.
/// </summary>
public static class HealthEndpoints
{
    public const string Ready = "ready";

    public static void AddPlatformHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseFaults>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [Ready]);
    }

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        var ready = new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync };
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).DisableHttpMetrics();
        app.MapHealthChecks("/healthz/ready", ready).DisableHttpMetrics();
        app.MapHealthChecks("/healthz", ready).DisableHttpMetrics();
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        if (report.Status == HealthStatus.Healthy)
            return http.Response.WriteAsync("ok");
        var lines = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Description ?? e.Value.Status.ToString().ToLowerInvariant()}");
        return http.Response.WriteAsync(string.Join('\n', ["unavailable", .. lines]) + "\n");
    }
}

/// <summary>
/// The last time a request failed on the database (recorded by the error handling of <c>ErrorPages</c>): readiness stays
/// off for a few seconds after such a failure, even when the probe write happens to succeed.
/// </summary>
public sealed class DatabaseFaults(TimeProvider time)
{
    public static readonly TimeSpan Memory = TimeSpan.FromSeconds(5);
    private long _lastTicks;

    public void Record() => Interlocked.Exchange(ref _lastTicks, time.GetUtcNow().UtcTicks);

    public bool Recent => time.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastTicks) < Memory.Ticks;
}

/// <summary>Reads the runs and writes one small value of its own (random bytes, never a time) in a committed transaction.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<SurveyDbContext> dbFactory, DatabaseFaults faults) : IHealthCheck
{
    private const string ProbeName = "health-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // A probe answers within seconds: a database that does not answer is itself the fault (retries would hide it).
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(3));
        var ct = limit.Token;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Runs.AsNoTracking().AnyAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("cannot read the database");
        }
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var value = RandomNumberGenerator.GetBytes(8);
            if (await db.SharedValues.Where(v => v.Name == ProbeName).ExecuteUpdateAsync(s => s.SetProperty(v => v.Value, value), ct) == 0)
            {
                db.SharedValues.Add(new SharedValue { Name = ProbeName, Value = value });
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Another instance made the row at the same moment: the write is tried again at the next probe.
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("cannot write to the database (is its disk full?)");
        }
        return faults.Recent
            ? HealthCheckResult.Unhealthy("a request failed on the database in the last seconds")
            : HealthCheckResult.Healthy();
    }
}
