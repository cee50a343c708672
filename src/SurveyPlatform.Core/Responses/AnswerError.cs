using SurveyPlatform.Core.Localization;

namespace SurveyPlatform.Core.Responses;

public enum AnswerErrorKind
{
    /// <summary>A required item left blank.</summary>
    Required,
    /// <summary>A code the item does not offer (or, for multiple choice, a code given twice).</summary>
    InvalidCode,
    /// <summary>A scale answer that is not a whole number from min to max. Arguments: min, max.</summary>
    ScaleRange,
    /// <summary>A number answer that is not a whole number.</summary>
    NumberFormat,
    /// <summary>A whole number outside min to max. Arguments: min, max.</summary>
    NumberRange,
    /// <summary>Free text over its limit. Arguments: the limit, the length given.</summary>
    TextTooLong,
    /// <summary>A whole response (import) answers a key that is not an item of the survey.</summary>
    Unknown,
    /// <summary>A whole response (import) answers an item its other answers hide. Argument: the condition.</summary>
    Hidden,
}

/// <summary>A problem with one answer; <see cref="Arguments"/> fill the placeholders of its message.</summary>
public sealed record AnswerError(string ItemKey, AnswerErrorKind Kind, params object[] Arguments)
{
    /// <summary>
    /// Key of the message in ui-strings.json. Unknown and Hidden only arise on import, never on a
    /// respondent's page; they borrow the nearest respondent message.
    /// </summary>
    public string MessageKey => Kind switch
    {
        AnswerErrorKind.Required => "error_required",
        AnswerErrorKind.ScaleRange => "error_scale_range",
        AnswerErrorKind.NumberFormat => "error_number_format",
        AnswerErrorKind.NumberRange => "error_number_range",
        AnswerErrorKind.TextTooLong => "error_text_too_long",
        _ => "error_invalid_code",
    };

    /// <summary>The problem in English for people importing or checking data: <c>trust: Choose a number from 0 to 10.</c></summary>
    public override string ToString() => Kind switch
    {
        AnswerErrorKind.Unknown => $"{ItemKey}: not an item of this survey",
        AnswerErrorKind.Hidden => $"{ItemKey}: answered, but this question is not shown to this respondent (shown when {string.Join(", ", Arguments)})",
        _ => $"{ItemKey}: {UiStrings.Format(MessageKey, "en", Arguments)}",
    };

    // Value equality over the arguments too (a record compares arrays by reference), so errors compare as they read.
    public bool Equals(AnswerError? other) =>
        other is not null && ItemKey == other.ItemKey && Kind == other.Kind && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(ItemKey, Kind, Arguments.Length);
}
