using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Features.Surveys;
using SurveyPlatform.Web.Hosting;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>Where a respondent form lives: the survey itself, or the organizers' preview of it (nothing stored, no code used).</summary>
public sealed record RespondentSurface(bool IsPreview, string FormAction)
{
    public static RespondentSurface Survey(ActiveRun run) => new(false, $"/s/{Uri.EscapeDataString(run.Slug)}");

    public static RespondentSurface Preview(ActiveRun run) => new(true, $"{PreviewEndpoints.Prefix}/runs/{run.Id}");
}

/// <summary>
/// The respondent flow of the survey and of its preview, one code path for both: read the posted page, check the
/// sealed state, its browser and language, let Core's <see cref="RespondentStep"/> take and check the answers and
/// move, use up a one-time code when the respondent starts, store the response at the end. The two surfaces differ
/// in three named ways only: the preview shows a run whatever its status (organizers preview drafts), uses no code
/// and stores nothing.
/// </summary>
public sealed class RespondentFlow(RespondentStateProtector protector, BrowserBinding binding, ResponseStore store, RunCodeHasher codes,
    TimeProvider time, IOptions<RespondentOptions> options, RespondentErrors errors, DatabaseFaultRecorder faults)
{
    /// <summary>
    /// Largest answer post accepted: the protected state (at most 64 KB) and one page of answers fit well
    /// within it. Larger bodies are refused before they are read.
    /// </summary>
    public const int MaxAnswerBytes = 256 * 1024;

    /// <summary>The consent page of a new session.</summary>
    /// <param name="code">A code from an old printed card's link (<c>?code=</c>); cards made now carry it in the address's fragment.</param>
    public IResult Start(HttpContext http, ActiveRun run, RespondentSurface surface, string? lang, string? code)
    {
        var language = LanguageChoice.Choose(run.Definition, lang, http.Request);
        if (!surface.IsPreview && !run.Run.AcceptsResponses(Today()))
            return RespondentPages.Notice(http, run, language, NoticeKind.Closed);
        var state = RespondentState.Start(run.Id, language, binding.GetOrIssue(http));
        if (UsesCodes(run) && code is { Length: > 0 and <= 64 })
            state.Code = RunCodeHasher.Normalize(code);
        return Page(run, surface, state, []);
    }

    /// <summary>A posted page: the next, previous or same page, the end of the survey, or a notice.</summary>
    public async Task<IResult> AnswerAsync(HttpContext http, ActiveRun run, RespondentSurface surface, CancellationToken ct)
    {
        var definition = run.Definition;
        var form = await ReadFormAsync(http, ct);
        var state = protector.Unprotect(form?[RespondentFields.State], run.Id, surface.IsPreview);
        if (form is null || state is null || !RespondentStep.IsPage(definition, state.Page) || !binding.Matches(http, state)
            || !Navigation.TryParse(form[RespondentFields.Navigation], out var navigation)
            || LanguageChoice.Match(definition.Languages, state.Lang) is not { } language)
        {
            return RespondentPages.Notice(http, run, LanguageChoice.Choose(definition, http.Request.Query["lang"], http.Request), NoticeKind.BadRequest);
        }

        state.Lang = language;
        if (!surface.IsPreview && !run.Run.AcceptsResponses(Today()))
            return RespondentPages.Notice(http, run, language, NoticeKind.Closed);

        var claimsCode = !surface.IsPreview && UsesCodes(run) && !state.CodeClaimed;
        if (claimsCode && state.Page > RespondentStep.ConsentPage)
        {
            // Only a session that claimed its code gets past the consent page; one that did not (the run changed to
            // codes while it was under way) goes back to it, keeping its answers.
            state.Page = RespondentStep.ConsentPage;
            return Page(run, surface, state, [], codeError: "error_code_missing");
        }
        if (UsesCodes(run) && state.Page == RespondentStep.ConsentPage && !state.CodeClaimed && form.ContainsKey(RespondentFields.Code))
            state.Code = form[RespondentFields.Code].ToString() is { Length: <= 64 } typed ? RunCodeHasher.Normalize(typed) : null;

        var step = RespondentStep.Take(definition, state.Page, navigation, key => form[RespondentFields.FieldName(key)], state.Answers);
        if (navigation.Move == Move.Language)
            state.Lang = LanguageChoice.Match(definition.Languages, navigation.Language) ?? state.Lang;
        if (step.Outcome == StepOutcome.Invalid)
            return Page(run, surface, state, step.Errors);

        // The code is used up when the respondent starts, never in the commit that stores the answers (docs/anonymity.md, "One-time codes").
        if (claimsCode && navigation.Move == Move.Next)
        {
            var (codeError, failed) = await ClaimCodeAsync(state, run, ct);
            if (codeError is not null)
                return Page(run, surface, state, [], codeError);
            if (failed is not null)
                return Page(run, surface, state, [], alertKey: failed, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (step.Outcome == StepOutcome.Show)
        {
            state.Page = step.Page;
            return Page(run, surface, state, []);
        }
        if (surface.IsPreview)
            return RespondentPages.Notice(http, run, state.Lang, NoticeKind.Thanks);
        try
        {
            await store.SubmitAsync(new Submission(ToResponse(run, state.Lang, state.Answers, ResponseMode.Online, time), state.ReceiptHash()), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The answers are still in the form: say so, and let the respondent send the same page again.
            errors.Log(e);
            faults.Note(e);
            return Page(run, surface, state, [], alertKey: "error_not_saved", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        // 303 so that a refresh of the thank-you page is a harmless GET, never a second POST.
        return new SeeOther($"/s/{Uri.EscapeDataString(run.Slug)}/thanks?lang={Uri.EscapeDataString(state.Lang)}");
    }

    /// <summary>The problem with the typed code, or the failure to reach the database; neither when the code is now this session's.</summary>
    private async Task<(string? CodeError, string? Failed)> ClaimCodeAsync(RespondentState state, ActiveRun run, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(state.Code))
            return ("error_code_missing", null);
        CodeClaim claim;
        try
        {
            claim = await store.ClaimCodeAsync(run.Id, codes.Hash(run.Id, state.Code), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            errors.Log(e);
            faults.Note(e);
            return (null, "error_not_saved");
        }
        switch (claim)
        {
            case CodeClaim.Claimed:
                state.CodeClaimed = true;
                state.Code = null; // the session needs only to know that it has a code, not which
                return (null, null);
            case CodeClaim.AlreadyUsed:
                return ("error_code_used", null);
            default:
                return ("error_code_invalid", null);
        }
    }

    private IResult Page(ActiveRun run, RespondentSurface surface, RespondentState state, IReadOnlyList<AnswerError> errors,
        string? codeError = null, string? alertKey = null, int? statusCode = null)
    {
        var code = UsesCodes(run) ? new CodeField(state.Code, codeError, state.CodeClaimed) : null;
        var model = new SurveyFormModel(run, state.Lang, state.Page, state.Answers, errors, protector.Protect(state, surface.IsPreview),
            RespondentPages.QuickExitUrl(run, options.Value), surface.FormAction, code, alertKey);
        return RespondentPages.Form(model, statusCode);
    }

    /// <summary>Whether the run's consent page asks for a one-time code (the preview shows the field but checks nothing).</summary>
    private static bool UsesCodes(ActiveRun run) => run.Run.Mode == RunMode.OneTimeCodes;

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>A response as stored: answers in the definition's order, the day (or week) only, the run's wave and site.</summary>
    public static Response ToResponse(ActiveRun run, string lang, IReadOnlyDictionary<string, string> answers, ResponseMode mode, TimeProvider time) =>
        ResponseRows.New(run.Run, run.Definition, lang, answers, mode, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));

    /// <summary>The posted form, or null when it is not a reasonable URL-encoded form (then the page says "bad request").</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext http, CancellationToken ct)
    {
        // Survey forms post URL-encoded fields; multipart (files, buffered to disk) is never needed.
        var request = http.Request;
        if (!request.HasFormContentType || request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
            || request.ContentLength > MaxAnswerBytes)
        {
            return null;
        }

        try
        {
            return await http.Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException or DecoderFallbackException)
        {
            return null;
        }
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
