using System.Globalization;
using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Responses;

public enum AnswerErrorKind { Required, InvalidCode, ScaleRange, NumberFormat, NumberRange, TextTooLong, Unknown, Hidden }

/// <summary>A problem with one answer; <see cref="Arguments"/> fill the placeholders of its message.</summary>
public sealed record AnswerError(string ItemKey, AnswerErrorKind Kind, params object[] Arguments)
{
    /// <summary>Key of the message in ui-strings.json.</summary>
    public string MessageKey => Kind switch
    {
        AnswerErrorKind.Required => "error_required",
        AnswerErrorKind.InvalidCode => "error_invalid_code",
        AnswerErrorKind.ScaleRange => "error_scale_range",
        AnswerErrorKind.NumberFormat => "error_number_format",
        AnswerErrorKind.NumberRange => "error_number_range",
        AnswerErrorKind.TextTooLong => "error_text_too_long",
        _ => "error_invalid_code",
    };
}

/// <summary>Checks answers against their items: codes offered, ranges, lengths, required items.</summary>
public static class AnswerValidator
{
    /// <summary>Errors of the visible items of one page, in page order.</summary>
    public static IReadOnlyList<AnswerError> ValidatePage(SurveyDefinition definition, SurveyPage page, IReadOnlyDictionary<string, string> answers)
    {
        var errors = new List<AnswerError>();
        foreach (var item in page.Items)
        {
            if (item.ShownWhen is { } c && !c.Evaluate(answers))
                continue;
            if (Validate(item, answers.GetValueOrDefault(item.Key)) is { } error)
                errors.Add(error);
        }
        return errors;
    }

    /// <summary>
    /// A whole response (import, paper entry): unknown keys, answers to hidden items and every item's value.
    /// </summary>
    public static IReadOnlyList<AnswerError> ValidateResponse(SurveyDefinition definition, IReadOnlyDictionary<string, string> answers)
    {
        var errors = new List<AnswerError>();
        foreach (var key in answers.Keys.Where(k => definition.FindItem(k) is null))
            errors.Add(new AnswerError(key, AnswerErrorKind.Unknown));
        foreach (var item in definition.Items)
        {
            var value = answers.GetValueOrDefault(item.Key);
            var shown = item.ShownWhen?.Evaluate(answers) ?? true;
            if (!shown)
            {
                if (!string.IsNullOrEmpty(value))
                    errors.Add(new AnswerError(item.Key, AnswerErrorKind.Hidden, item.ShownWhenSource ?? ""));
                continue;
            }
            if (Validate(item, value) is { } error)
                errors.Add(error);
        }
        return errors;
    }

    public static AnswerError? Validate(SurveyItem item, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return item.Required ? new AnswerError(item.Key, AnswerErrorKind.Required) : null;
        switch (item.Type)
        {
            case ItemType.Single:
                return item.FindOption(value) is null ? new AnswerError(item.Key, AnswerErrorKind.InvalidCode) : null;
            case ItemType.Multiple:
                var codes = value.Split(' ');
                return codes.Any(c => c.Length == 0 || item.FindOption(c) is null) || codes.Distinct().Count() != codes.Length
                    ? new AnswerError(item.Key, AnswerErrorKind.InvalidCode) : null;
            case ItemType.Scale:
                return !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) || s < item.Min || s > item.Max
                    ? new AnswerError(item.Key, AnswerErrorKind.ScaleRange, item.Min, item.Max) : null;
            case ItemType.Number:
                if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                    return new AnswerError(item.Key, AnswerErrorKind.NumberFormat);
                return n < item.Min || n > item.Max ? new AnswerError(item.Key, AnswerErrorKind.NumberRange, item.Min, item.Max) : null;
            case ItemType.Text:
                var length = new StringInfoLength(value).Length;
                return length > item.MaxLength ? new AnswerError(item.Key, AnswerErrorKind.TextTooLong, item.MaxLength, length) : null;
            default:
                return null;
        }
    }

    /// <summary>Length in characters as a person counts them (text elements), as the browser's maxlength roughly does.</summary>
    private readonly record struct StringInfoLength(string Value)
    {
        public int Length => new StringInfo(Value).LengthInTextElements;
    }
}
