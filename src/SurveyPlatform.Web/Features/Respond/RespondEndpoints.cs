using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Features.Surveys;
using SurveyPlatform.Web.Hosting;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>
/// The respondent flow at <c>/s/{slug}</c>: static server-rendered pages that work without JavaScript.
/// Nothing about the request (address, user agent, time) is read into the response or logged.
/// </summary>
public static class RespondEndpoints
{
    public const string ErrorPath = "/error";

    /// <summary>
    /// Largest answer post accepted: the protected state (at most 64 KB) and one page of answers fit well
    /// within it. Larger bodies are refused before they are read.
    /// </summary>
    public const int MaxAnswerBytes = 256 * 1024;

    public static void MapRespond(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/s/{slug}").AddEndpointFilter(NoStore).DisableAntiforgery().RequireRateLimiting(AbuseLimits.RespondentPosts);
        group.MapGet("", Start);
        group.MapPost("", Answer).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxAnswerBytes));
        group.MapGet("thanks", Thanks);
        // Only the exception handler shows the error page; asked for directly, there is no such page.
        app.Map(ErrorPath, (HttpContext http) => Notice.Show(http, null, null,
            http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null ? NoticeKind.NotFound : NoticeKind.ServerError))
            .AddEndpointFilter(NoStore);
    }

    private static IResult Start(string slug, string? lang, string? code, HttpContext http, SurveyCatalog catalog,
        RespondentStateProtector protector, BrowserBinding binding, TimeProvider time, IOptions<RespondentOptions> options)
    {
        var run = catalog.Find(slug);
        var language = LanguageChoice.Choose(run?.Definition, lang, http.Request);
        if (run is null)
            return Notice.Show(http, null, language, NoticeKind.NotFound);
        if (!run.Run.AcceptsResponses(Today(time)))
            return Notice.Show(http, run, language, NoticeKind.Closed);
        var state = RespondentState.Start(run.Id, language, binding.GetOrIssue(http));
        // A code from the QR on a printed card fills the code field; it is checked when the respondent goes on.
        if (run.Run.Mode == RunMode.OneTimeCodes && code is { Length: > 0 and <= 64 })
            state.Code = RunCodeHasher.Normalize(code);
        return RespondPage.Render(http, run, state, protector, options.Value, []);
    }

    private static async Task<IResult> Answer(string slug, HttpContext http, SurveyCatalog catalog,
        RespondentStateProtector protector, BrowserBinding binding, ResponseStore store, TimeProvider time,
        IOptions<RespondentOptions> options, RunCodeHasher codes, IDbContextFactory<SurveyDbContext> dbFactory, CancellationToken ct)
    {
        var run = catalog.Find(slug);
        var fallbackLanguage = LanguageChoice.Choose(run?.Definition, http.Request.Query["lang"], http.Request);
        if (run is null)
            return Notice.Show(http, null, fallbackLanguage, NoticeKind.NotFound);

        var form = await ReadFormAsync(http, ct);
        var state = form is null ? null : protector.Unprotect(form["state"]);
        if (form is null || state is null || state.RunId != run.Id || state.Page < 0 || state.Page > run.Definition.Pages.Count)
            return Notice.Show(http, run, fallbackLanguage, NoticeKind.BadRequest);
        if (LanguageChoice.Match(run.Definition.Languages, state.Lang) is not { } language)
            return Notice.Show(http, run, fallbackLanguage, NoticeKind.BadRequest);
        state.Lang = language;
        if (!run.Run.AcceptsResponses(Today(time)))
            return Notice.Show(http, run, language, NoticeKind.Closed);
        if (!binding.Matches(http, state))
            return Notice.Show(http, run, language, NoticeKind.BadRequest);

        var definition = run.Definition;
        if (state.Page > 0)
            SurveyNavigation.TakeAnswers(definition.Pages[state.Page - 1], form, state.Answers);
        var codeMode = run.Run.Mode == RunMode.OneTimeCodes;
        if (codeMode && state.Page == 0 && form.ContainsKey("code"))
            state.Code = form["code"].ToString() is { Length: <= 64 } typed ? RunCodeHasher.Normalize(typed) : null;

        var nav = form["nav"].ToString();
        if (nav.StartsWith("lang:", StringComparison.Ordinal))
        {
            state.Lang = LanguageChoice.Match(definition.Languages, nav[5..]) ?? state.Lang;
            return RespondPage.Render(http, run, state, protector, options.Value, []);
        }
        if (nav == "back")
        {
            state.Page = SurveyNavigation.Previous(definition, state.Page, state.Answers);
            return RespondPage.Render(http, run, state, protector, options.Value, []);
        }
        if (nav != "next")
            return Notice.Show(http, run, language, NoticeKind.BadRequest);

        if (codeMode && state.Page == 0 && !await CodeIsUnusedAsync(dbFactory, codes, run.Id, state.Code, ct))
            return RespondPage.Render(http, run, state, protector, options.Value, [], "error_code_invalid");
        if (state.Page > 0)
        {
            var errors = AnswerValidator.ValidatePage(definition, definition.Pages[state.Page - 1], state.Answers);
            if (errors.Count > 0)
                return RespondPage.Render(http, run, state, protector, options.Value, errors);
        }
        SurveyNavigation.DropHidden(definition, state.Answers);
        if (SurveyNavigation.Next(definition, state.Page, state.Answers) is { } next)
        {
            state.Page = next;
            return RespondPage.Render(http, run, state, protector, options.Value, []);
        }

        var codeHash = codeMode ? codes.Hash(run.Id, state.Code ?? "") : null;
        var outcome = await store.SubmitAsync(new Submission(ToResponse(run, state.Lang, state.Answers, ResponseMode.Online, time), RespondentStateProtector.ReceiptHash(state), codeHash), ct);
        if (outcome == SubmitOutcome.CodeAlreadyUsed)
            return Notice.Show(http, run, state.Lang, NoticeKind.CodeUsed);
        // 303 so that a refresh of the thank-you page is a harmless GET, never a second POST.
        return new SeeOther($"/s/{Uri.EscapeDataString(run.Slug)}/thanks?lang={Uri.EscapeDataString(state.Lang)}");
    }

    private static IResult Thanks(string slug, string? lang, HttpContext http, SurveyCatalog catalog)
    {
        var run = catalog.Find(slug);
        var language = LanguageChoice.Choose(run?.Definition, lang, http.Request);
        return run is null
            ? Notice.Show(http, null, language, NoticeKind.NotFound)
            : Notice.Show(http, run, language, NoticeKind.Thanks);
    }

    /// <summary>A response as stored: answers in the definition's order, the day (or week) only, the run's wave and site.</summary>
    public static Response ToResponse(ActiveRun run, string lang, IReadOnlyDictionary<string, string> answers, ResponseMode mode, TimeProvider time)
    {
        var day = Today(time);
        if (run.Run.DatePrecision == DatePrecision.Week)
            day = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        // Answers in the definition's order, so the stored JSON says nothing about the order of answering.
        var ordered = run.Definition.Items.Where(i => answers.ContainsKey(i.Key))
            .ToDictionary(i => i.Key, i => answers[i.Key]);
        return new Response
        {
            Id = Guid.NewGuid(),
            RunId = run.Id,
            Day = day,
            Lang = lang,
            Mode = mode,
            AnswersJson = JsonSerializer.Serialize(ordered),
            Wave = run.Run.Wave,
            Site = run.Run.Site,
        };
    }

    /// <summary>The posted form, or null when it is not a reasonable URL-encoded form (then the page says "bad request").</summary>
    internal static async Task<IFormCollection?> ReadFormAsync(HttpContext http, CancellationToken ct)
    {
        // Survey forms post URL-encoded fields; multipart (files, buffered to disk) is never needed.
        var request = http.Request;
        if (!request.HasFormContentType || request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
            || request.ContentLength > MaxAnswerBytes)
            return null;
        try
        {
            return await http.Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Whether an unused code of this run has this hash; only reads, the code is used up on submission.</summary>
    private static async Task<bool> CodeIsUnusedAsync(IDbContextFactory<SurveyDbContext> dbFactory, RunCodeHasher codes, Guid runId,
        string? code, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(code))
            return false;
        var hash = codes.Hash(runId, code);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RunCodes.AnyAsync(c => c.CodeHash == hash && c.RunId == runId && !c.Used, ct);
    }

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static async ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // Answers must not stay in the cache of a shared or seized phone. Set after the endpoint ran, so that
        // it replaces the anti-forgery system's own no-cache header.
        var result = await next(context);
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        context.HttpContext.Response.Headers.Pragma = "no-cache";
        return result;
    }

    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
