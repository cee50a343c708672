using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Responses;

/// <summary>The button a respondent pressed on a page.</summary>
public enum Move { Next, Back, Language }

/// <summary>A page's button as posted: <c>next</c>, <c>back</c> or <c>lang:xx</c> (a language switch).</summary>
public readonly record struct Navigation(Move Move, string? Language = null)
{
    public static Navigation Next { get; } = new(Move.Next);

    /// <summary>Reads a posted button; anything else (a forged or missing value) is not a navigation.</summary>
    public static bool TryParse(string? value, out Navigation navigation)
    {
        navigation = value switch
        {
            "next" => Next,
            "back" => new(Move.Back),
            { Length: > 5 and <= 40 } when value.StartsWith("lang:", StringComparison.Ordinal) => new(Move.Language, value[5..]),
            _ => default,
        };
        return value is "next" or "back" || navigation.Move == Move.Language;
    }
}

public enum StepOutcome
{
    /// <summary>Show <see cref="StepResult.Page"/> (the next, the previous or the same page).</summary>
    Show,
    /// <summary>The page's answers have problems: show the same page with <see cref="StepResult.Errors"/>.</summary>
    Invalid,
    /// <summary>The last page shown was answered: the response is complete.</summary>
    Complete,
}

/// <summary>What follows a posted page. Pages are numbered as respondents see them: 0 is the consent page, 1..N the survey's pages.</summary>
public readonly record struct StepResult(StepOutcome Outcome, int Page, IReadOnlyList<AnswerError> Errors);

/// <summary>
/// One step of a respondent through a survey, the same for the online survey, the organizers' preview and paper
/// entry: take the answers posted on a page, drop answers that skip logic now hides (once per page), check the
/// page, and move to the next page that shows something, back to the previous one, or to the end.
/// </summary>
public static class RespondentStep
{
    public const int ConsentPage = 0;

    /// <summary>Whether <paramref name="page"/> is the consent page or one of the survey's pages.</summary>
    public static bool IsPage(SurveyDefinition definition, int page) => page >= ConsentPage && page <= definition.Pages.Count;

    /// <summary>
    /// Takes the values posted on <paramref name="page"/> into <paramref name="answers"/> (values of items the page
    /// does not show are ignored; a blank value removes an earlier answer), removes answers that are hidden now, and
    /// applies <paramref name="navigation"/>. Leaving a page by Back or a language switch keeps its answers unchecked,
    /// so nothing typed is lost; Next checks them first.
    /// </summary>
    /// <param name="posted">The values posted for an item key (several for multiple choice).</param>
    public static StepResult Take(SurveyDefinition definition, int page, Navigation navigation,
        Func<string, IReadOnlyList<string?>> posted, Dictionary<string, string> answers)
    {
        if (!IsPage(definition, page))
            throw new ArgumentOutOfRangeException(nameof(page), page, $"Pages are 0 (consent) to {definition.Pages.Count}.");
        if (page > ConsentPage)
            TakeAnswers(definition.Pages[page - 1], posted, answers);
        SkipLogic.RemoveHidden(definition, answers);
        return navigation.Move switch
        {
            Move.Back => new(StepOutcome.Show, Previous(definition, page, answers), []),
            Move.Language => new(StepOutcome.Show, page, []),
            _ => Forward(definition, page, answers),
        };
    }

    /// <summary>The items <paramref name="page"/> shows given (clean) <paramref name="answers"/>; none on the consent page.</summary>
    public static IReadOnlyList<SurveyItem> ItemsShown(SurveyDefinition definition, int page, IReadOnlyDictionary<string, string> answers) =>
        page > ConsentPage ? SkipLogic.VisibleItems(definition.Pages[page - 1], answers) : [];

    /// <summary>Whether Next on <paramref name="page"/> completes the response (its button then says "send").</summary>
    public static bool IsLastPage(SurveyDefinition definition, int page, IReadOnlyDictionary<string, string> answers) =>
        page > ConsentPage && SkipLogic.NextShownPage(definition, page - 1, answers) is null;

    /// <summary>
    /// One item's answer from the values given for it: trimmed, Windows line breaks made plain; for multiple choice
    /// the codes given, once each, joined by one space. Empty when nothing was given.
    /// </summary>
    public static string Normalize(SurveyItem item, IReadOnlyList<string?> values)
    {
        if (item.Type == ItemType.Multiple)
        {
            var codes = new List<string>(values.Count);
            foreach (var value in values)
            {
                if (value?.Trim() is { Length: > 0 } code && !codes.Contains(code))
                    codes.Add(code);
            }
            return string.Join(' ', codes);
        }
        var text = values.Count > 0 ? values[0]?.Trim() ?? "" : "";
        return item.Type == ItemType.Text ? text.Replace("\r\n", "\n", StringComparison.Ordinal) : text;
    }

    /// <summary>
    /// A whole response given at once (a paper questionnaire typed in): each answer normalised as on the online
    /// pages, blanks left out, and checked as an import is (a blank is never an error; an answer to a question the
    /// other answers skip is). Keys that are not items are kept for the check to report.
    /// </summary>
    public static (Dictionary<string, string> Answers, IReadOnlyList<AnswerError> Errors) TakeResponse(
        SurveyDefinition definition, IReadOnlyDictionary<string, string> given)
    {
        var answers = new Dictionary<string, string>(given.Count);
        foreach (var (key, value) in given)
        {
            if (string.IsNullOrWhiteSpace(value))
                continue;
            answers[key] = definition.FindItem(key) is { } item
                ? Normalize(item, item.Type == ItemType.Multiple ? value.Split(' ') : [value])
                : value.Trim();
        }
        return (answers, AnswerValidator.ValidateResponse(definition, answers));
    }

    private static void TakeAnswers(SurveyPage page, Func<string, IReadOnlyList<string?>> posted, Dictionary<string, string> answers)
    {
        foreach (var item in page.Items)
        {
            // Conditions read earlier pages only, so what this page showed is known before its answers are taken.
            if (!SkipLogic.IsShown(item, answers))
                continue;
            var value = Normalize(item, posted(item.Key));
            if (value.Length == 0)
                answers.Remove(item.Key);
            else
                answers[item.Key] = value;
        }
    }

    private static StepResult Forward(SurveyDefinition definition, int page, Dictionary<string, string> answers)
    {
        if (page > ConsentPage)
        {
            var errors = AnswerValidator.ValidateItems(definition.Pages[page - 1].Items, answers);
            if (errors.Count > 0)
                return new(StepOutcome.Invalid, page, errors);
        }
        return SkipLogic.NextShownPage(definition, page - 1, answers) is { } next
            ? new(StepOutcome.Show, next + 1, [])
            : new(StepOutcome.Complete, page, []);
    }

    private static int Previous(SurveyDefinition definition, int page, Dictionary<string, string> answers) =>
        page > ConsentPage && SkipLogic.PreviousShownPage(definition, page - 1, answers) is { } previous ? previous + 1 : ConsentPage;
}
