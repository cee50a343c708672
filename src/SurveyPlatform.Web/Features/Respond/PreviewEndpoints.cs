using Microsoft.Extensions.Options;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Web.Features.Organizations;
using SurveyPlatform.Web.Features.Surveys;
using SurveyPlatform.Web.Hosting;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>
/// <c>/preview/runs/{id}</c>: a run's survey exactly as respondents see it (the same pages, validation and skip logic),
/// for its organizers, whatever the run's status. Nothing is stored: the last page leads to the thank-you notice.
/// It is the one page that may be framed, by the console on the same site only (see SecurityHeaders).
/// </summary>
public static class PreviewEndpoints
{
    public const string Prefix = "/preview";

    public static void MapSurveyPreview(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix + "/runs/{RunId:guid}").RequireAuthorization(ConsolePolicies.ManageRun).DisableAntiforgery();
        group.MapGet("", Start);
        group.MapPost("", Answer).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(RespondEndpoints.MaxAnswerBytes));
    }

    private static IResult Start(Guid runId, string? lang, HttpContext http, SurveyCatalog catalog, StateCipher cipher,
        BrowserBinding binding, IOptions<RespondentOptions> options)
    {
        if (catalog.All.FirstOrDefault(r => r.Id == runId) is not { } run)
            return Results.NotFound();
        var state = RespondentState.Start(run.Id, LanguageChoice.Choose(run.Definition, lang, http.Request), binding.GetOrIssue(http));
        return Render(http, run, state, cipher, options, []);
    }

    private static async Task<IResult> Answer(Guid runId, HttpContext http, SurveyCatalog catalog, StateCipher cipher,
        BrowserBinding binding, IOptions<RespondentOptions> options)
    {
        if (catalog.All.FirstOrDefault(r => r.Id == runId) is not { } run)
            return Results.NotFound();
        var form = await RespondEndpoints.ReadFormAsync(http, http.RequestAborted);
        var state = RespondentStateProtector.ForPreview(cipher, options).Unprotect(form?["state"]);
        if (form is null || state is null || state.RunId != run.Id || state.Page < 0 || state.Page > run.Definition.Pages.Count
            || !binding.Matches(http, state))
            return Notice.Show(http, run, null, NoticeKind.BadRequest);
        var definition = run.Definition;
        if (state.Page > 0)
            SurveyNavigation.TakeAnswers(definition.Pages[state.Page - 1], form, state.Answers);
        var nav = form["nav"].ToString();
        if (nav.StartsWith("lang:", StringComparison.Ordinal))
            state.Lang = LanguageChoice.Match(definition.Languages, nav[5..]) ?? state.Lang;
        else if (nav == "back")
            state.Page = SurveyNavigation.Previous(definition, state.Page, state.Answers);
        else
        {
            var errors = state.Page > 0 ? AnswerValidator.ValidatePage(definition, definition.Pages[state.Page - 1], state.Answers) : [];
            if (errors.Count > 0)
                return Render(http, run, state, cipher, options, errors);
            SurveyNavigation.DropHidden(definition, state.Answers);
            if (SurveyNavigation.Next(definition, state.Page, state.Answers) is not { } next)
                return Notice.Show(http, run, state.Lang, NoticeKind.Thanks);
            state.Page = next;
        }
        return Render(http, run, state, cipher, options, []);
    }

    private static IResult Render(HttpContext http, ActiveRun run, RespondentState state, StateCipher cipher,
        IOptions<RespondentOptions> options, IReadOnlyList<AnswerError> errors)
    {
        http.Response.Headers.CacheControl = "no-store";
        return RespondPage.Render(http, run, state, RespondentStateProtector.ForPreview(cipher, options), options.Value, errors,
            formAction: $"{Prefix}/runs/{run.Id}");
    }
}
