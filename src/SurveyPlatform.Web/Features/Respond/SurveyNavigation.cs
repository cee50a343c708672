using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>
/// Moves between pages on the server: page 0 is the consent page, 1..N the definition's pages; a page
/// whose items are all hidden by skip logic is passed over.
/// </summary>
public static class SurveyNavigation
{
    public static bool IsShown(SurveyItem item, IReadOnlyDictionary<string, string> answers) =>
        item.ShownWhen?.Evaluate(answers) ?? true;

    public static IEnumerable<SurveyItem> VisibleItems(SurveyPage page, IReadOnlyDictionary<string, string> answers) =>
        page.Items.Where(i => IsShown(i, answers));

    /// <summary>The next page with a visible item after <paramref name="page"/>, or null when the survey is done.</summary>
    public static int? Next(SurveyDefinition definition, int page, IReadOnlyDictionary<string, string> answers)
    {
        for (var p = page + 1; p <= definition.Pages.Count; p++)
        {
            if (VisibleItems(definition.Pages[p - 1], answers).Any())
                return p;
        }
        return null;
    }

    /// <summary>The previous page with a visible item, or 0 (consent).</summary>
    public static int Previous(SurveyDefinition definition, int page, IReadOnlyDictionary<string, string> answers)
    {
        for (var p = Math.Min(page, definition.Pages.Count + 1) - 1; p >= 1; p--)
        {
            if (VisibleItems(definition.Pages[p - 1], answers).Any())
                return p;
        }
        return 0;
    }

    /// <summary>
    /// Takes the posted values of the page's visible items into the answers. Values of hidden items are
    /// ignored; a blank value removes an earlier answer. Multiple choice values are joined by one space.
    /// </summary>
    public static void TakeAnswers(SurveyPage page, IFormCollection form, Dictionary<string, string> answers)
    {
        foreach (var item in page.Items)
        {
            if (!IsShown(item, answers))
                continue;
            var values = form[FieldName(item.Key)];
            var value = item.Type == ItemType.Multiple
                ? string.Join(' ', values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct())
                : (values.Count > 0 ? values[0] : null) ?? "";
            if (item.Type != ItemType.Text)
                value = value.Trim();
            if (value.Length == 0)
                answers.Remove(item.Key);
            else
                answers[item.Key] = item.Type == ItemType.Text ? value.Replace("\r\n", "\n") : value;
        }
    }

    /// <summary>Drops answers to items that are no longer shown (e.g. after changing an earlier answer), in page order.</summary>
    public static void DropHidden(SurveyDefinition definition, Dictionary<string, string> answers)
    {
        foreach (var item in definition.Items)
        {
            if (answers.ContainsKey(item.Key) && !IsShown(item, answers))
                answers.Remove(item.Key);
        }
        foreach (var key in answers.Keys.Where(k => definition.FindItem(k) is null).ToList())
            answers.Remove(key);
    }

    public static string FieldName(string key) => "q." + key;

    public static string InputId(string key) => "q-" + key;
}
