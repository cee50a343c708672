using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Indicators;

/// <summary>
/// A way to split results into groups: one single-choice item (or <c>site</c>, <c>wave</c>, <c>lang</c>),
/// or two of them crossed (<c>area x born_here</c>).
/// </summary>
public sealed record Breakdown(IReadOnlyList<string> Keys)
{
    public string Name => string.Join(" x ", Keys);
    public override string ToString() => Name;

    public static Breakdown Of(params string[] keys) => new(keys);

    /// <summary>The breakdowns the definition offers (its <c>breakdowns</c> list), read.</summary>
    public static IReadOnlyList<Breakdown> Offered(SurveyDefinition definition) =>
        [.. definition.Breakdowns.Select(b => Parse(b, definition))];

    /// <summary>
    /// Reads <c>area</c>, <c>area x born_here</c>, <c>areaxborn_here</c> or <c>area×born_here</c>; a split is
    /// accepted only where both sides are keys that can break results down.
    /// </summary>
    public static Breakdown Parse(string text, SurveyDefinition definition)
    {
        var trimmed = text.Trim();
        if (IsBreakdownKey(trimmed, definition) || !LooksCrossed(trimmed))
            return Check(new Breakdown([trimmed]), definition);
        foreach (var separator in new[] { " x ", "×", ":" })
        {
            var parts = trimmed.Split(separator, StringSplitOptions.TrimEntries);
            if (parts.Length == 2) return Check(new Breakdown(parts), definition);
        }
        for (var i = trimmed.IndexOf('x'); i > 0; i = trimmed.IndexOf('x', i + 1))
        {
            var (a, b) = (trimmed[..i], trimmed[(i + 1)..]);
            if (IsBreakdownKey(a, definition) && IsBreakdownKey(b, definition))
                return new Breakdown([a, b]);
        }
        return Check(new Breakdown([trimmed]), definition);
    }

    private static bool LooksCrossed(string text) => text.Contains('x') || text.Contains('×') || text.Contains(':');

    public static bool IsBreakdownKey(string key, SurveyDefinition definition) =>
        ResponseTable.MetaKeys.Contains(key) || definition.FindItem(key) is { Type: ItemType.Single };

    public static IReadOnlyList<string> AllowedKeys(SurveyDefinition definition) =>
        [.. definition.Items.Where(i => i.Type == ItemType.Single).Select(i => i.Key), .. ResponseTable.MetaKeys.Order()];

    private static Breakdown Check(Breakdown breakdown, SurveyDefinition definition)
    {
        foreach (var key in breakdown.Keys)
        {
            if (IsBreakdownKey(key, definition)) continue;
            var why = definition.FindItem(key) is { } item
                ? $"'{key}' is a {item.Type.ToString().ToLowerInvariant()} item, not a single-choice item"
                : $"'{key}' is not an item of survey '{definition.Id}'";
            throw new ArgumentException(
                $"Cannot break results down by '{breakdown.Name}': {why}; allowed: {string.Join(", ", AllowedKeys(definition))}, or two of them as a x b.");
        }
        if (breakdown.Keys.Count == 2 && breakdown.Keys[0] == breakdown.Keys[1])
            throw new ArgumentException($"Cannot break results down by '{breakdown.Name}': the two keys must differ.");
        return breakdown;
    }
}
