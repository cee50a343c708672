using System.Security.Cryptography;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Respond;
using SurveyPlatform.Web.Features.Surveys;

namespace SurveyPlatform.Web.Features.Runs;

/// <summary>
/// Paper questionnaires typed in by an organizer: checked with the same rules as an import (every value, and no answer to a
/// question the other answers skip; a blank is never an error, paper cannot force an answer), stored with mode Paper.
/// </summary>
public sealed class PaperEntry(SurveyCatalog catalog, ResponseStore store, TimeProvider time)
{
    /// <summary>The problems with the answers (nothing stored), or none when the response was stored.</summary>
    /// <param name="formNonce">Random per entry form: saving the same form twice (a double click) stores it once.</param>
    public async Task<IReadOnlyList<AnswerError>> SubmitAsync(Guid runId, string lang, IReadOnlyDictionary<string, string> answers, byte[] formNonce,
        CancellationToken ct = default)
    {
        var run = catalog.All.FirstOrDefault(r => r.Id == runId && r.Run.AllowPaperEntry && r.Run.Status != RunStatus.Purged)
            ?? throw new InvalidOperationException("This run does not take paper responses.");
        if (!run.Definition.Languages.Contains(lang))
            throw new ArgumentException($"'{lang}' is not a language of this survey; allowed: {string.Join(", ", run.Definition.Languages)}.", nameof(lang));
        var (given, errors) = RespondentStep.TakeResponse(run.Definition, answers);
        if (errors.Count > 0)
            return errors;
        await store.SubmitAsync(new Submission(RespondentFlow.ToResponse(run, lang, given, ResponseMode.Paper, time), SHA256.HashData(formNonce)), ct);
        return [];
    }
}
