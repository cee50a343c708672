using System.Text.Json;

namespace SurveyPlatform.Core.Definitions.Loading;

internal sealed record LocatedIndicator(IndicatorDefinition Indicator, string Path);

/// <summary>
/// Reads an indicator (proportion, mean or difference) and checks what it refers to: items of the right
/// type, codes those items offer, and conditions on existing items.
/// </summary>
internal static class IndicatorReader
{
    private static readonly string[] Common = ["id", "kind", "label", "description", "headline"];

    private static readonly Dictionary<string, IndicatorKind> Kinds = new()
    {
        ["proportion"] = IndicatorKind.Proportion,
        ["mean"] = IndicatorKind.Mean,
        ["difference"] = IndicatorKind.Difference,
    };

    /// <summary>The properties each kind takes besides the common ones.</summary>
    private static readonly Dictionary<IndicatorKind, string[]> KindSpecific = new()
    {
        [IndicatorKind.Proportion] = ["item", "positive", "excluded", "among"],
        [IndicatorKind.Mean] = ["items", "scale", "among"],
        [IndicatorKind.Difference] = ["of", "a", "b"],
    };

    private static readonly LocalizedText Missing = new(new Dictionary<string, string>());

    public static IndicatorDefinition? Read(JsonElement element, string path, ReadContext context, ItemCatalog catalog)
    {
        var o = JsonObjectReader.Open(element, path, context, "an indicator");
        if (o is null)
            return null;
        var id = o.String("id", required: true);
        var kindName = o.String("kind", required: true);
        IndicatorKind? kind = kindName is not null && Kinds.TryGetValue(kindName, out var k) ? k : null;
        if (kindName is not null && kind is null)
            o.Error("kind", $"'{kindName}' is not an indicator kind; allowed: {string.Join(", ", Kinds.Keys)}");
        RejectMisplaced(o, kind);
        var label = o.Text("label", required: true);
        var description = o.Text("description", required: false);
        var headline = o.Boolean("headline") ?? false;
        if (id is null || kind is not { } indicatorKind)
        {
            if (id is not null)
                context.BrokenIndicatorIds.Add(id);
            return null;
        }

        var indicator = new IndicatorDefinition { Id = id, Kind = indicatorKind, Label = label ?? Missing, Description = description, Headline = headline };
        return indicatorKind switch
        {
            IndicatorKind.Proportion => ReadProportion(o, indicator, context, catalog),
            IndicatorKind.Mean => ReadMean(o, indicator, context, catalog),
            _ => ReadDifference(o, indicator, context, catalog),
        };
    }

    /// <summary>Checks between indicators: unique ids, and differences of an existing proportion or mean.</summary>
    public static void CheckAcross(IReadOnlyList<LocatedIndicator> indicators, ReadContext context)
    {
        var firstIndexOfId = new Dictionary<string, int>();
        for (var i = 0; i < indicators.Count; i++)
        {
            var (indicator, path) = indicators[i];
            if (firstIndexOfId.TryGetValue(indicator.Id, out var first))
                context.Error(JsonPath.Property(path, "id"), $"indicator id '{indicator.Id}' is already used by {indicators[first].Path}; ids must be unique");
            else
                firstIndexOfId[indicator.Id] = i;
        }
        var comparable = indicators.Select(x => x.Indicator).Where(x => x.Kind != IndicatorKind.Difference).Select(x => x.Id).Distinct().ToList();
        foreach (var (indicator, path) in indicators.Where(x => x.Indicator is { Kind: IndicatorKind.Difference, Of: not null }))
        {
            var of = indicators.FirstOrDefault(x => x.Indicator.Id == indicator.Of)?.Indicator;
            if (of is null && context.BrokenIndicatorIds.Contains(indicator.Of!))
                continue;
            var problem = of is null ? "is not an indicator of this survey" : "is itself a difference";
            if (of is null || of.Kind == IndicatorKind.Difference)
                context.Error(JsonPath.Property(path, "of"), $"'{indicator.Of}' {problem}; a difference compares a proportion or a mean: {(comparable.Count == 0 ? "none declared" : string.Join(", ", comparable))}");
        }
    }

    private static void RejectMisplaced(JsonObjectReader o, IndicatorKind? kind)
    {
        var allowed = Common.Concat(kind is { } k ? KindSpecific[k] : KindSpecific.Values.SelectMany(v => v).Distinct()).ToList();
        foreach (var name in o.PropertyNames.Distinct().Where(n => !allowed.Contains(n)))
        {
            var owners = KindSpecific.Where(p => p.Value.Contains(name)).Select(p => Name(p.Key)).ToList();
            if (owners.Count > 0)
                o.Error(name, $"'{name}' applies only to {string.Join(" and ", owners)} indicators; a {Name(kind!.Value)} takes: {string.Join(", ", KindSpecific[kind.Value])}");
            else
                o.Error(name, $"unknown property; allowed: {string.Join(", ", allowed)}");
        }
    }

    private static IndicatorDefinition ReadProportion(JsonObjectReader o, IndicatorDefinition indicator, ReadContext context, ItemCatalog catalog)
    {
        var itemKey = o.String("item", required: true);
        var positive = o.Strings("positive", required: true) ?? [];
        if (positive.Count == 0 && o.Has("positive"))
            o.Error("positive", "a proportion needs at least one positive code");
        var excluded = o.Strings("excluded", required: false);
        var (among, amongSource) = ReadCondition(o, "among", required: false, context, catalog);

        var item = itemKey is null ? null : catalog.Find(itemKey)?.Item;
        var choiceKeys = catalog.All.Where(i => i.Item.Type is ItemType.Single or ItemType.Multiple);
        if (itemKey is not null && item is null && !context.BrokenItemKeys.Contains(itemKey))
        {
            o.Error("item", $"unknown item '{itemKey}' (choice items: {ItemCatalog.KeyList(choiceKeys)})");
        }
        else if (item is not null && item.Type is not (ItemType.Single or ItemType.Multiple))
        {
            o.Error("item", $"a proportion counts answer codes, so it needs a single or multiple choice item; '{itemKey}' is a {ItemTypes.Name(item.Type)} item");
        }
        else if (item is not null)
        {
            foreach (var (code, path) in positive.Concat(excluded ?? []).Where(c => item.FindOption(c.Value) is null))
                context.Error(path, ConditionChecker.CodeNotOffered(code, item));
        }
        foreach (var (code, path) in positive.Where(p => excluded?.Any(e => e.Value == p.Value) == true))
            context.Error(path, $"'{code}' is both positive and excluded; a code is either counted or left out of the denominator");

        return indicator with
        {
            Item = itemKey,
            Positive = positive.Select(p => p.Value).ToList(),
            // Without "excluded", a refusal is left out of the denominator: refusing is not disagreeing.
            Excluded = excluded is null ? ["refuse"] : excluded.Select(e => e.Value).ToList(),
            Among = among,
            AmongSource = amongSource,
        };
    }

    private static IndicatorDefinition ReadMean(JsonObjectReader o, IndicatorDefinition indicator, ReadContext context, ItemCatalog catalog)
    {
        var items = o.Strings("items", required: true) ?? [];
        if (items.Count == 0 && o.Has("items"))
            o.Error("items", "a mean needs at least one scale or number item");
        var numeric = catalog.All.Where(i => i.Item.Type is ItemType.Scale or ItemType.Number);
        foreach (var (key, path) in items)
        {
            var item = catalog.Find(key)?.Item;
            if (item is null && !context.BrokenItemKeys.Contains(key))
                context.Error(path, $"unknown item '{key}' (scale and number items: {ItemCatalog.KeyList(numeric)})");
            else if (item is not null && item.Type is not (ItemType.Scale or ItemType.Number))
                context.Error(path, $"a mean needs scale or number items; '{key}' is a {ItemTypes.Name(item.Type)} item (scale and number items: {ItemCatalog.KeyList(numeric)})");
        }
        var (among, amongSource) = ReadCondition(o, "among", required: false, context, catalog);
        return indicator with
        {
            Items = items.Select(i => i.Value).ToList(),
            Scale = o.PositiveNumber("scale") ?? 1,
            Among = among,
            AmongSource = amongSource,
        };
    }

    private static IndicatorDefinition ReadDifference(JsonObjectReader o, IndicatorDefinition indicator, ReadContext context, ItemCatalog catalog)
    {
        var (a, aSource) = ReadCondition(o, "a", required: true, context, catalog);
        var (b, bSource) = ReadCondition(o, "b", required: true, context, catalog);
        return indicator with { Of = o.String("of", required: true), GroupA = a, GroupASource = aSource, GroupB = b, GroupBSource = bSource };
    }

    private static (Condition? Condition, string? Source) ReadCondition(JsonObjectReader o, string name, bool required, ReadContext context, ItemCatalog catalog)
    {
        var source = o.String(name, required);
        var condition = ConditionReader.Parse(source, o.PathOf(name), context);
        if (condition is not null)
            ConditionChecker.Check(condition, o.PathOf(name), catalog, context, pageIndex: null);
        return (condition, source);
    }

    private static string Name(IndicatorKind kind) => kind.ToString().ToLowerInvariant();
}
