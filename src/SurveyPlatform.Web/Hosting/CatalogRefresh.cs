using SurveyPlatform.Web.Features.Surveys;

namespace SurveyPlatform.Web.Hosting;

/// <summary>The <c>Instances</c> configuration section: how several instances on one database stay in step.</summary>
public sealed class InstancesOptions
{
    public const string Section = "Instances";
    /// <summary>
    /// How often each instance looks for run changes made elsewhere (another instance's console, the command line):
    /// a run closed on one instance refuses responses on all of them within this time, plus one request.
    /// </summary>
    public double CatalogRefreshSeconds { get; set; } = 2;
}

/// <summary>
/// Keeps the run catalog of this instance in step with the database (docs/architecture.md, "Many instances, one
/// database"). A failed look (the database is down) is logged once per outage and tried again at the next tick; the
/// catalog in memory keeps serving meanwhile.
/// </summary>
public sealed class CatalogRefresh(SurveyCatalog catalog, InstancesOptions options, TimeProvider time, ILogger<CatalogRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, options.CatalogRefreshSeconds)), time);
        var failing = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await catalog.RefreshAsync(ct: stoppingToken))
                    logger.LogInformation("Runs changed in the database; the catalog of this instance was reloaded.");
                if (failing)
                    logger.LogInformation("The database answers again; run changes are followed again.");
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (!failing)
                {
                    logger.LogWarning("Cannot read the runs to follow changes made on other instances ({Reason}); trying again every {Seconds} s.",
                        e.GetBaseException().Message, options.CatalogRefreshSeconds);
                }

                failing = true;
            }
        }
    }
}
