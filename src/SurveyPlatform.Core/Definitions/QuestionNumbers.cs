namespace SurveyPlatform.Core.Definitions;

/// <summary>
/// How questions are numbered wherever people match a form to a screen (the printed paper questionnaire and the
/// console's paper entry): every item of the definition, in page order, counted from 1. A question skipped by its
/// condition keeps its number, as on paper, where every question is printed.
/// </summary>
public static class QuestionNumbers
{
    /// <summary>The number of each item key.</summary>
    public static IReadOnlyDictionary<string, int> Of(SurveyDefinition definition)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in definition.Items)
            numbers.TryAdd(item.Key, numbers.Count + 1);
        return numbers;
    }

    /// <summary>The number of one item; 0 when the definition has no such item.</summary>
    public static int For(SurveyDefinition definition, string key) => Of(definition).GetValueOrDefault(key);
}
