using SurveyPlatform.Web.Features.Organizations;
using SurveyPlatform.Web.Features.Surveys;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>
/// <c>/preview/runs/{id}</c>: a run's survey exactly as respondents see it (the same pages and the same
/// <see cref="RespondentFlow"/>), for its organizers, whatever the run's status. Nothing is stored and no code is used:
/// the last page leads to the thank-you notice. It is the one page that may be framed, by the console on the same
/// site only (see SecurityHeaders).
/// </summary>
public static class PreviewEndpoints
{
    public const string Prefix = "/preview";

    public static void MapSurveyPreview(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix + "/runs/{RunId:guid}").RequireAuthorization(ConsolePolicies.ManageRun)
            .AddEndpointFilter(RespondEndpoints.NoStore).DisableAntiforgery();
        group.MapGet("", Start);
        group.MapPost("", Answer).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(RespondentFlow.MaxAnswerBytes));
    }

    private static IResult Start(Guid runId, string? lang, HttpContext http, SurveyCatalog catalog, RespondentFlow flow) =>
        Find(catalog, runId) is { } run ? flow.Start(http, run, RespondentSurface.Preview(run), lang, code: null) : Results.NotFound();

    private static Task<IResult> Answer(Guid runId, HttpContext http, SurveyCatalog catalog, RespondentFlow flow) =>
        Find(catalog, runId) is { } run ? flow.AnswerAsync(http, run, RespondentSurface.Preview(run), http.RequestAborted) : Task.FromResult(Results.NotFound());

    private static ActiveRun? Find(SurveyCatalog catalog, Guid runId) => catalog.All.FirstOrDefault(r => r.Id == runId);
}
