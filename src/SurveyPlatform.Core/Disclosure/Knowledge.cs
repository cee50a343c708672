using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Disclosure;

/// <summary>Three-valued (Kleene) truth: what can be said of a condition when only some answers are known.</summary>
internal enum Truth { False, True, Unknown }

/// <summary>
/// What an attacker knows of a respondent who falls in a cell of a table: the answers that define the cell, and
/// everything the survey definition's skip logic implies from them (an item whose <c>shown_when</c> is false for
/// those answers was left blank). Conditions are evaluated three-valued over that knowledge, with the meaning of
/// <see cref="Condition.Evaluate"/>: a blank answer satisfies no comparison.
/// </summary>
internal sealed class Knowledge(SurveyDefinition definition, IReadOnlyDictionary<string, string?> known)
{
    private readonly Dictionary<string, Truth> _shown = new(StringComparer.Ordinal);

    /// <summary>The answer to <paramref name="key"/>: (true, code), (true, null) for a known blank, (false, _) when unknown.</summary>
    public (bool Known, string? Code) Value(string key)
    {
        if (known.TryGetValue(key, out var code)) return (true, code);
        if (definition.FindItem(key) is { } item && Shown(item) == Truth.False) return (true, null);
        return (false, null);
    }

    /// <summary>Whether the item is shown to a respondent of the cell.</summary>
    public Truth Shown(SurveyItem item)
    {
        if (item.ShownWhen is null) return Truth.True;
        if (_shown.TryGetValue(item.Key, out var cached)) return cached;
        _shown[item.Key] = Truth.Unknown; // conditions only read earlier items; this guards against a malformed cycle
        return _shown[item.Key] = Evaluate(item.ShownWhen);
    }

    public Truth Evaluate(Condition condition) => condition switch
    {
        EqualsCondition c => Atom(c.Key, v => (v == c.Code) != c.Negated),
        InCondition c => Atom(c.Key, v => c.Codes.Contains(v)),
        ContainsCondition c => Atom(c.Key, v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(c.Code)),
        AndCondition c => And(Evaluate(c.Left), Evaluate(c.Right)),
        OrCondition c => Or(Evaluate(c.Left), Evaluate(c.Right)),
        NotCondition c => Not(Evaluate(c.Inner)),
        _ => Truth.Unknown,
    };

    private Truth Atom(string key, Func<string, bool> test)
    {
        var (isKnown, code) = Value(key);
        if (!isKnown) return Truth.Unknown;
        return code is not null && test(code) ? Truth.True : Truth.False;
    }

    public static Truth And(Truth a, Truth b) =>
        a == Truth.False || b == Truth.False ? Truth.False : a == Truth.True && b == Truth.True ? Truth.True : Truth.Unknown;

    public static Truth Or(Truth a, Truth b) =>
        a == Truth.True || b == Truth.True ? Truth.True : a == Truth.False && b == Truth.False ? Truth.False : Truth.Unknown;

    public static Truth Not(Truth a) => a switch { Truth.True => Truth.False, Truth.False => Truth.True, _ => Truth.Unknown };

    /// <summary>
    /// Whether a respondent of the cell can be in the indicator's denominator: the filter and <c>among</c> hold and
    /// the item was answered with a code that counts (for scores: one of the items answered).
    /// </summary>
    public Truth InDomain(IndicatorDefinition indicator, Condition? filter)
    {
        var truth = Truth.True;
        if (filter is not null) truth = And(truth, Evaluate(filter));
        if (indicator.Among is { } among) truth = And(truth, Evaluate(among));
        if (indicator.Kind == IndicatorKind.Mean)
        {
            var answered = Truth.False;
            foreach (var key in indicator.Items)
            {
                var (isKnown, code) = Value(key);
                answered = Or(answered, !isKnown ? Truth.Unknown : code is null ? Truth.False : Truth.True);
            }
            return And(truth, answered);
        }
        var (itemKnown, itemCode) = Value(indicator.Item!);
        var counts = !itemKnown ? Truth.Unknown : itemCode is null || indicator.Excluded.Contains(itemCode) ? Truth.False : Truth.True;
        return And(truth, counts);
    }

    /// <summary>For a proportion whose item is known in the cell: whether its answer is positive (null when not known).</summary>
    public bool? Positive(IndicatorDefinition indicator)
    {
        if (indicator.Kind != IndicatorKind.Proportion || !known.TryGetValue(indicator.Item!, out var code) || code is null) return null;
        return indicator.Positive.Contains(code);
    }

    /// <summary>
    /// The release keys whose answers decide a condition, following the skip logic of items that are not release keys
    /// (whether <c>why_not</c> was shown depends on <c>reported</c>, which depends on <c>victim_12m</c>).
    /// </summary>
    public static ISet<string> Dependencies(SurveyDefinition definition, IEnumerable<string> keys, IReadOnlySet<string> releaseKeys)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(keys);
        while (stack.Count > 0)
        {
            var key = stack.Pop();
            if (!seen.Add(key)) continue;
            if (releaseKeys.Contains(key))
            {
                found.Add(key);
                continue;
            }
            if (definition.FindItem(key)?.ShownWhen is { } shownWhen)
                foreach (var k in shownWhen.Keys) stack.Push(k);
        }
        return found;
    }
}
