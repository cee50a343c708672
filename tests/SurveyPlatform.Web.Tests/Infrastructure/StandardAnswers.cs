using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Tests.Infrastructure;

/// <summary>A complete, valid set of answers to the standard survey, and a helper that answers page by page.</summary>
public static class StandardAnswers
{
    public static readonly IReadOnlyDictionary<string, string[]> ForeignBornVictim = new Dictionary<string, string[]>
    {
        ["area"] = ["area_2"],
        ["age_group"] = ["25_34"],
        ["gender"] = ["woman"],
        ["born_here"] = ["no"],
        ["status_group"] = ["refuse"],
        ["household_concern"] = ["yes"],
        ["home_language"] = ["es"],
        ["chill_victim"] = ["agree_strong"],
        ["chill_info"] = ["agree_some"],
        ["chill_witness"] = ["agree_strong"],
        ["chill_dv"] = ["dont_know"],
        ["fear_contact"] = ["agree_strong"],
        ["less_safe"] = ["disagree_some"],
        ["stops_without_reason"] = ["somewhat_often"],
        ["victim_12m"] = ["yes"],
        ["reported"] = ["no"],
        ["why_not"] = ["immigration_fear", "language_barrier"],
        ["trust_respect"] = ["4"],
        ["trust_listen"] = ["3"],
        ["safety"] = ["6"],
        ["police_share_belief"] = ["yes"],
        ["policy_uplift"] = ["more_likely"],
        ["comments"] = ["Nadie sabe que la policía no pregunta por el estatus."],
    };

    /// <summary>
    /// From the consent page, answers every page with <paramref name="answers"/> until the thank-you
    /// redirect; returns the keys that were asked, in order.
    /// </summary>
    public static async Task<List<string>> CompleteAsync(Respondent respondent, IReadOnlyDictionary<string, string[]> answers, string? code = null)
    {
        var response = code is null ? await respondent.NextAsync() : await respondent.ConsentWithCodeAsync(code); // consent
        return await AnswerPagesAsync(respondent, answers, response);
    }

    /// <summary>Answers the question pages from where the respondent is until the form stops showing pages.</summary>
    public static async Task<List<string>> AnswerPagesAsync(Respondent respondent, IReadOnlyDictionary<string, string[]> answers, HttpResponseMessage response)
    {
        var asked = new List<string>();
        for (var guard = 0; guard < 20 && response.StatusCode == System.Net.HttpStatusCode.OK; guard++)
        {
            var keys = respondent.ItemKeys;
            asked.AddRange(keys);
            var posted = keys.Where(answers.ContainsKey).SelectMany(k => answers[k].Select(v => (k, v))).ToArray();
            response = await respondent.NextAsync(posted);
        }
        return asked;
    }

    /// <summary>
    /// Stores <paramref name="count"/> responses of foreign-born victims: the first born here (a group far below any
    /// threshold), a third disagreeing on victim chill, every one with <paramref name="comment"/>, in the language <paramref name="lang"/> gives.
    /// </summary>
    public static async Task AddResponsesAsync(this PlatformFactory factory, Guid runId, int count, string comment, Func<int, string> lang)
    {
        await using var db = await factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        for (var i = 0; i < count; i++)
        {
            var answers = ForeignBornVictim.ToDictionary(a => a.Key, a => string.Join(' ', a.Value));
            answers["born_here"] = i == 0 ? "yes" : "no";
            if (i == 0) answers.Remove("status_group"); // asked only of people born abroad
            answers["chill_victim"] = i % 3 == 0 ? "disagree_some" : "agree_strong";
            answers["comments"] = comment;
            db.Responses.Add(new Response
            {
                Id = Guid.NewGuid(),
                RunId = runId,
                Day = new DateOnly(2026, 3, 2 + i % 5),
                Lang = lang(i),
                AnswersJson = JsonSerializer.Serialize(answers),
            });
        }
        await db.SaveChangesAsync();
    }
}
