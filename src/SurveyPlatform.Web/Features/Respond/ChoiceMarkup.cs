using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Localization;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>
/// The answer options of choice and scale items as markup made once per item and language, checked and unchecked,
/// and written into <see cref="SurveyFormPage"/> as static parts: they are most of a page's elements, and nothing in
/// them changes between respondents but the check (docs/architecture.md, "Respondent pages"). Every text and value
/// goes through the pages' encoder. Kept beside the item, so a reloaded survey gets new markup.
/// </summary>
public static class ChoiceMarkup
{
    private static readonly ConditionalWeakTable<SurveyItem, ConcurrentDictionary<string, MarkupString[]>> Items = new();

    /// <summary>
    /// Option <paramref name="index"/> of <paramref name="item"/> in <paramref name="lang"/>: for choice items the
    /// item's options in order; for scale items the numbers from min to max, then "no answer".
    /// </summary>
    public static MarkupString Option(SurveyItem item, string lang, int index, bool isChecked) =>
        Items.GetValue(item, static _ => new ConcurrentDictionary<string, MarkupString[]>(StringComparer.Ordinal))
            .GetOrAdd(lang, static (l, i) => Build(i, l), item)[2 * index + (isChecked ? 1 : 0)];

    private static MarkupString[] Build(SurveyItem item, string lang)
    {
        var id = RespondentFields.InputId(item.Key);
        var name = Encode(RespondentFields.FieldName(item.Key));
        var options = new List<(string Id, string Value, string Label, string Class)>();
        if (item.Type == ItemType.Scale)
        {
            for (var v = item.Min; v <= item.Max; v++)
            {
                var number = v.ToString(CultureInfo.InvariantCulture);
                options.Add((v == item.Min ? id : $"{id}-{number}", number, number, "choice"));
            }
            options.Add(($"{id}-none", "", UiStrings.Get("no_answer", lang), "choice no-answer"));
        }
        else
        {
            for (var i = 0; i < item.Options.Count; i++)
                options.Add((i == 0 ? id : $"{id}-{item.Options[i].Code}", item.Options[i].Code, item.Options[i].Label.Get(lang), "choice"));
        }
        var type = item.Type == ItemType.Multiple ? "checkbox" : "radio";
        var markup = new MarkupString[options.Count * 2];
        for (var i = 0; i < options.Count; i++)
        {
            var (optionId, value, label, cssClass) = options[i];
            var start = $"<div class=\"{cssClass}\"><input type=\"{type}\" id=\"{Encode(optionId)}\" name=\"{name}\" value=\"{Encode(value)}\"";
            var end = $" /><label for=\"{Encode(optionId)}\">{Encode(label)}</label></div>";
            markup[2 * i] = new MarkupString(start + end);
            markup[2 * i + 1] = new MarkupString(start + " checked" + end);
        }
        return markup;
    }

    private static string Encode(string text) => RespondentPages.Encoder.Encode(text);
}
