using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Responses;

/// <summary>
/// Which items and pages a respondent sees, given the answers so far. Runs on the server between pages
/// (pages work without JavaScript). Conditions only read items of earlier pages (the loader enforces it),
/// so one pass in page order settles everything.
/// </summary>
public static class SkipLogic
{
    public static bool IsShown(SurveyItem item, IReadOnlyDictionary<string, string> answers) =>
        item.ShownWhen?.Evaluate(answers) ?? true;

    public static IReadOnlyList<SurveyItem> VisibleItems(SurveyPage page, IReadOnlyDictionary<string, string> answers) =>
        page.Items.Where(i => IsShown(i, answers)).ToList();

    public static bool PageHasVisibleItems(SurveyPage page, IReadOnlyDictionary<string, string> answers)
    {
        foreach (var item in page.Items)
        {
            if (IsShown(item, answers))
                return true;
        }
        return false;
    }

    /// <summary>
    /// A copy of <paramref name="answers"/> without answers to items that are not shown (<see cref="RemoveHidden"/>).
    /// Keys that are not items are kept; whoever validates the response reports them.
    /// </summary>
    public static Dictionary<string, string> CleanAnswers(SurveyDefinition definition, IReadOnlyDictionary<string, string> answers)
    {
        var cleaned = new Dictionary<string, string>(answers);
        RemoveHidden(definition, cleaned);
        return cleaned;
    }

    /// <summary>
    /// Removes answers to items that are not shown, in page order so that removals cascade: changing
    /// <c>victim_12m</c> to <c>no</c> hides <c>reported</c>, which hides <c>why_not</c>. A hidden item must be left
    /// blank, never keep a stale answer. Keys that are not items are left alone.
    /// </summary>
    public static void RemoveHidden(SurveyDefinition definition, Dictionary<string, string> answers)
    {
        foreach (var item in definition.Items)
        {
            if (item.ShownWhen is not null && answers.ContainsKey(item.Key) && !IsShown(item, answers))
                answers.Remove(item.Key);
        }
    }

    /// <summary>
    /// The index of the next page after <paramref name="currentIndex"/> that shows at least one item, or
    /// null when none is left (the response is complete). Use -1 for the consent page before the first page.
    /// </summary>
    public static int? NextPageIndex(SurveyDefinition definition, int currentIndex, IReadOnlyDictionary<string, string> answers) =>
        NextShownPage(definition, currentIndex, CleanAnswers(definition, answers));

    /// <summary>
    /// The index of the nearest page before <paramref name="currentIndex"/> that shows at least one item,
    /// or null when there is none (back to the consent page). Stale answers to items that are hidden now
    /// do not count, so Back never lands on a page that would be empty.
    /// </summary>
    public static int? PreviousPageIndex(SurveyDefinition definition, int currentIndex, IReadOnlyDictionary<string, string> answers) =>
        PreviousShownPage(definition, currentIndex, CleanAnswers(definition, answers));

    /// <summary><see cref="NextPageIndex"/> for answers that are already clean (<see cref="RemoveHidden"/>).</summary>
    public static int? NextShownPage(SurveyDefinition definition, int currentIndex, IReadOnlyDictionary<string, string> cleanAnswers)
    {
        for (var index = Math.Max(currentIndex + 1, 0); index < definition.Pages.Count; index++)
        {
            if (PageHasVisibleItems(definition.Pages[index], cleanAnswers))
                return index;
        }
        return null;
    }

    /// <summary><see cref="PreviousPageIndex"/> for answers that are already clean (<see cref="RemoveHidden"/>).</summary>
    public static int? PreviousShownPage(SurveyDefinition definition, int currentIndex, IReadOnlyDictionary<string, string> cleanAnswers)
    {
        for (var index = Math.Min(currentIndex, definition.Pages.Count) - 1; index >= 0; index--)
        {
            if (PageHasVisibleItems(definition.Pages[index], cleanAnswers))
                return index;
        }
        return null;
    }
}
