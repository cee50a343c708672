using SurveyPlatform.Web.Features.Account;
using SurveyPlatform.Web.Features.Organizations;

namespace SurveyPlatform.Web.Features.Console;

/// <summary>Services and non-page endpoints of the console (downloads, public results).</summary>
public static class ConsoleSetup
{
    public static void AddConsoleFeatures(this IServiceCollection services)
    {
        services.AddSingleton<SetupLinkHolder>();
        services.AddSingleton<Invitations>();
    }

    public static void MapConsoleEndpoints(this IEndpointRouteBuilder app)
    {
    }
}
