using SurveyPlatform.Web.Features.Account;
using SurveyPlatform.Web.Features.Dashboards;
using SurveyPlatform.Web.Features.Organizations;
using SurveyPlatform.Web.Features.Reports;
using SurveyPlatform.Web.Features.Respond;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Features.Surveys;

namespace SurveyPlatform.Web.Features.Console;

/// <summary>Services and non-page endpoints of the console (downloads, public results).</summary>
public static class ConsoleSetup
{
    public static void AddConsoleFeatures(this IServiceCollection services)
    {
        services.AddSingleton<SetupLinkHolder>();
        services.AddSingleton<Invitations>();
        services.AddSingleton<SurveyVersions>();
        services.AddSingleton<RunCodeGenerator>();
        services.AddSingleton<CodeSheets>();
        services.AddSingleton<RunPurge>();
        services.AddSingleton<RunResults>();
        services.AddSingleton<RunDocuments>();
        services.AddSingleton<PaperEntry>();
    }

    public static void MapConsoleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapRunDownloads();
        app.MapReportDownloads();
        app.MapSurveyPreview();
        app.MapPublicResults();
    }
}
