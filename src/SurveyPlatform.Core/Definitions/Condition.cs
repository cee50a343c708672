namespace SurveyPlatform.Core.Definitions;

/// <summary>
/// A parsed <c>shown_when</c> expression, e.g. <c>born_here = no</c>,
/// <c>reported in (yes_some, no)</c>, <c>why_not contains immigration_fear</c>,
/// combined with <c>and</c>, <c>or</c>, <c>not</c> and parentheses.
/// Evaluated against answers as strings (item key → code; multiple choice: space-separated codes).
/// An unanswered item satisfies no comparison: <c>home_language != en</c> is false when blank.
/// </summary>
public abstract record Condition
{
    public abstract bool Evaluate(IReadOnlyDictionary<string, string> answers);
    /// <summary>Item keys this condition reads.</summary>
    public abstract IEnumerable<string> Keys { get; }
    /// <summary>The condition in the file's syntax, fully parenthesized: shows how it was parsed.</summary>
    public abstract override string ToString();
}

public sealed record EqualsCondition(string Key, string Code, bool Negated) : Condition
{
    public override bool Evaluate(IReadOnlyDictionary<string, string> answers) =>
        answers.TryGetValue(Key, out var v) && !string.IsNullOrEmpty(v) && (v == Code) != Negated;
    public override IEnumerable<string> Keys => [Key];
    public override string ToString() => $"{Key} {(Negated ? "!=" : "=")} {Code}";
}

public sealed record InCondition(string Key, IReadOnlyList<string> Codes) : Condition
{
    public override bool Evaluate(IReadOnlyDictionary<string, string> answers) =>
        answers.TryGetValue(Key, out var v) && Codes.Contains(v);
    public override IEnumerable<string> Keys => [Key];
    public override string ToString() => $"{Key} in ({string.Join(", ", Codes)})";
}

/// <summary>Multiple choice: the answer's space-separated codes include <see cref="Code"/>.</summary>
public sealed record ContainsCondition(string Key, string Code) : Condition
{
    public override bool Evaluate(IReadOnlyDictionary<string, string> answers) =>
        answers.TryGetValue(Key, out var v) && v.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(Code);
    public override IEnumerable<string> Keys => [Key];
    public override string ToString() => $"{Key} contains {Code}";
}

public sealed record AndCondition(Condition Left, Condition Right) : Condition
{
    public override bool Evaluate(IReadOnlyDictionary<string, string> answers) => Left.Evaluate(answers) && Right.Evaluate(answers);
    public override IEnumerable<string> Keys => Left.Keys.Concat(Right.Keys);
    public override string ToString() => $"({Left} and {Right})";
}

public sealed record OrCondition(Condition Left, Condition Right) : Condition
{
    public override bool Evaluate(IReadOnlyDictionary<string, string> answers) => Left.Evaluate(answers) || Right.Evaluate(answers);
    public override IEnumerable<string> Keys => Left.Keys.Concat(Right.Keys);
    public override string ToString() => $"({Left} or {Right})";
}

public sealed record NotCondition(Condition Inner) : Condition
{
    public override bool Evaluate(IReadOnlyDictionary<string, string> answers) => !Inner.Evaluate(answers);
    public override IEnumerable<string> Keys => Inner.Keys;
    public override string ToString() => $"not {Inner}";
}
