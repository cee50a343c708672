using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Localization;

/// <summary>
/// How breakdowns and their groups read for people: the question's text and the answer's label in the reader's
/// language, a language's own name for <c>lang</c>, never an item key or an answer code (the value itself only for
/// <c>site</c> and <c>wave</c>, which are the organizer's own labels).
/// </summary>
public static class ResultLabels
{
    /// <summary>The name of a breakdown (<c>born_here</c>, <c>lang</c>, or two crossed as <c>area x born_here</c>).</summary>
    public static string Breakdown(SurveyDefinition definition, string by, string language) =>
        string.Join(" × ", by.Split(" x ").Select(key => key switch
        {
            "lang" or "site" or "wave" => UiStrings.Get("breakdown_" + key, language),
            _ => definition.FindItem(key)?.Text.Get(language) ?? key,
        }));

    /// <summary>The name of one group of a breakdown.</summary>
    public static string Group(SurveyDefinition definition, string by, string value, string language)
    {
        var keys = by.Split(" x ");
        var values = value.Split(" x ");
        if (keys.Length != values.Length)
            return value;
        return string.Join(" × ", keys.Zip(values, (key, v) => v switch
        {
            Indicators.GroupEstimate.NotAnswered => UiStrings.Get("results_not_answered", language),
            _ when key == "lang" => Languages.NativeName(v),
            _ => definition.FindItem(key)?.FindOption(v)?.Label.Get(language) ?? v,
        }));
    }
}
