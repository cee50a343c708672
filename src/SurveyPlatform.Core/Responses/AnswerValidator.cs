using System.Globalization;
using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Responses;

/// <summary>
/// Checks answers against their items: codes offered, ranges, lengths and required items. Answers are
/// strings: a code, space-separated codes for multiple choice, a whole number for scale and number, or text.
/// A blank (empty or white space) answer means "not answered".
/// </summary>
public static class AnswerValidator
{
    /// <summary>
    /// Errors of one page, for the items shown given <paramref name="answers"/>, in page order. Hidden
    /// items are not checked: their answers are dropped (<see cref="SkipLogic.CleanAnswers"/>).
    /// </summary>
    /// <param name="definition">The survey the page belongs to.</param>
    /// <param name="runOptionCodes">A run's area codes, replacing the options of items with <c>options_from_run</c>.</param>
    public static IReadOnlyList<AnswerError> ValidatePage(
        SurveyDefinition definition, SurveyPage page, IReadOnlyDictionary<string, string> answers, IReadOnlyList<string>? runOptionCodes = null) =>
        ValidateItems(page.Items, SkipLogic.CleanAnswers(definition, answers), runOptionCodes);

    /// <summary>Errors of the shown items among <paramref name="items"/>, in their order.</summary>
    public static IReadOnlyList<AnswerError> ValidateItems(
        IEnumerable<SurveyItem> items, IReadOnlyDictionary<string, string> answers, IReadOnlyList<string>? runOptionCodes = null) =>
        items.Where(i => SkipLogic.IsShown(i, answers))
            .Select(i => Validate(i, answers.GetValueOrDefault(i.Key), runOptionCodes))
            .OfType<AnswerError>()
            .ToList();

    /// <summary>
    /// A whole response (CSV import, paper entry): keys that are not items, answers to items the other
    /// answers hide, and every value. A blank is never an error here: paper cannot force an answer.
    /// </summary>
    public static IReadOnlyList<AnswerError> ValidateResponse(
        SurveyDefinition definition, IReadOnlyDictionary<string, string> answers, IReadOnlyList<string>? runOptionCodes = null)
    {
        var errors = answers.Keys.Where(k => definition.FindItem(k) is null).Order(StringComparer.Ordinal)
            .Select(k => new AnswerError(k, AnswerErrorKind.Unknown)).ToList();
        // Visibility is judged on the cleaned answers so that hiding cascades: an answer that only
        // shows an item through another hidden answer does not count.
        var shownAnswers = SkipLogic.CleanAnswers(definition, answers);
        foreach (var item in definition.Items)
        {
            var value = answers.GetValueOrDefault(item.Key);
            if (IsBlank(value))
                continue;
            if (!SkipLogic.IsShown(item, shownAnswers))
                errors.Add(new AnswerError(item.Key, AnswerErrorKind.Hidden, item.ShownWhenSource ?? item.ShownWhen?.ToString() ?? ""));
            else if (Validate(item, value, runOptionCodes) is { } error)
                errors.Add(error);
        }
        return errors;
    }

    /// <summary>The problem with one answer to <paramref name="item"/>, or null when it is acceptable.</summary>
    public static AnswerError? Validate(SurveyItem item, string? value, IReadOnlyList<string>? runOptionCodes = null)
    {
        if (IsBlank(value))
            return item.Required ? new AnswerError(item.Key, AnswerErrorKind.Required) : null;
        return item.Type switch
        {
            ItemType.Single => Offers(item, runOptionCodes, value) ? null : new AnswerError(item.Key, AnswerErrorKind.InvalidCode),
            ItemType.Multiple => ValidateMultiple(item, value, runOptionCodes),
            ItemType.Scale => IsWholeNumber(value) && InRange(item, value)
                ? null : new AnswerError(item.Key, AnswerErrorKind.ScaleRange, item.Min, item.Max),
            ItemType.Number => !IsWholeNumber(value) ? new AnswerError(item.Key, AnswerErrorKind.NumberFormat)
                : !InRange(item, value) ? new AnswerError(item.Key, AnswerErrorKind.NumberRange, item.Min, item.Max)
                : null,
            _ => ValidateText(item, value),
        };
    }

    private static bool IsBlank([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] string? value) => string.IsNullOrWhiteSpace(value);

    private static bool Offers(SurveyItem item, IReadOnlyList<string>? runOptionCodes, string code) =>
        item.OptionsFromRun && runOptionCodes is { Count: > 0 } ? runOptionCodes.Contains(code) : item.FindOption(code) is not null;

    private static AnswerError? ValidateMultiple(SurveyItem item, string value, IReadOnlyList<string>? runOptionCodes)
    {
        // Codes are separated by exactly one space (the XLSForm convention); a code given twice is a broken form.
        var codes = value.Split(' ');
        var valid = codes.All(c => Offers(item, runOptionCodes, c)) && codes.Distinct().Count() == codes.Length;
        return valid ? null : new AnswerError(item.Key, AnswerErrorKind.InvalidCode);
    }

    /// <summary>An optional minus and ASCII digits: what a number field sends, in every language of the survey.</summary>
    private static bool IsWholeNumber(string value)
    {
        var digits = value.StartsWith('-') ? value[1..] : value;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit);
    }

    // A whole number too long for a long is certainly out of range, not badly written.
    private static bool InRange(SurveyItem item, string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= item.Min && n <= item.Max;

    private static AnswerError? ValidateText(SurveyItem item, string value)
    {
        // Characters as a person counts them: an emoji with skin tone is one, not four UTF-16 units.
        var length = new StringInfo(value).LengthInTextElements;
        return length > item.MaxLength ? new AnswerError(item.Key, AnswerErrorKind.TextTooLong, item.MaxLength, length) : null;
    }
}
