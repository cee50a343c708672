namespace SurveyPlatform.Core.Definitions.Loading;

/// <summary>
/// Checks that a condition names existing items and only codes they offer. For <c>shown_when</c> the
/// items must stand on earlier pages: skip logic runs on the server when a page is sent, so that pages
/// work without JavaScript, and an answer on the same page is not known yet.
/// </summary>
internal static class ConditionChecker
{
    /// <param name="pageIndex">The page of the item whose <c>shown_when</c> this is; null for indicators, which may use any item.</param>
    public static void Check(Condition condition, string path, ItemCatalog catalog, ReadContext context, int? pageIndex)
    {
        var usable = pageIndex is { } p ? catalog.BeforePage(p).ToList() : catalog.All;
        foreach (var comparison in Comparisons(condition))
        {
            var key = comparison.Keys.Single();
            var target = catalog.Find(key);
            if (target is null)
            {
                if (!context.BrokenItemKeys.Contains(key))
                    context.Error(path, $"unknown item '{key}' (known: {ItemCatalog.KeyList(usable)})");
                continue;
            }
            if (pageIndex is { } page && target.PageIndex >= page)
            {
                var where = target.PageIndex == page ? "on the same page" : "on a later page";
                context.Error(path, $"'{key}' is {where} ('{target.PageId}'); a condition may only use items of earlier pages, because skip logic runs when a page is sent (usable here: {ItemCatalog.KeyList(usable)})");
                continue;
            }
            CheckComparison(comparison, target.Item, path, context);
        }
    }

    private static void CheckComparison(Condition comparison, SurveyItem item, string path, ReadContext context)
    {
        var key = item.Key;
        if (item.Type is not (ItemType.Single or ItemType.Multiple))
        {
            context.Error(path, $"'{key}' is a {ItemTypes.Name(item.Type)} item; conditions compare the answer codes of single and multiple choice items only");
            return;
        }
        var (codes, isContains) = comparison switch
        {
            EqualsCondition eq => ((IReadOnlyList<string>)[eq.Code], false),
            InCondition @in => (@in.Codes, false),
            ContainsCondition c => ([c.Code], true),
            _ => throw new InvalidOperationException($"not a comparison: {comparison}"),
        };
        if (isContains && item.Type == ItemType.Single)
        {
            context.Error(path, $"'contains' needs a multiple-choice item; '{key}' is single choice: write '{key} = {codes[0]}' or '{key} in (…)'");
            return;
        }
        if (!isContains && item.Type == ItemType.Multiple)
        {
            context.Error(path, $"'{key}' is multiple choice: write '{key} contains {codes[0]}'");
            return;
        }
        foreach (var code in codes.Where(c => item.FindOption(c) is null))
            context.Error(path, CodeNotOffered(code, item));
    }

    public static string CodeNotOffered(string code, SurveyItem item)
    {
        var which = item.OptionsFromRun ? "allowed (its default codes; runs may replace them)" : "allowed";
        return $"'{code}' is not a code of '{item.Key}'; {which}: {string.Join(", ", item.Options.Select(o => o.Code).Distinct())}";
    }

    private static IEnumerable<Condition> Comparisons(Condition condition) => condition switch
    {
        AndCondition a => Comparisons(a.Left).Concat(Comparisons(a.Right)),
        OrCondition o => Comparisons(o.Left).Concat(Comparisons(o.Right)),
        NotCondition n => Comparisons(n.Inner),
        _ => [condition],
    };
}

/// <summary>Item types as the file spells them and as messages name them.</summary>
internal static class ItemTypes
{
    public static readonly IReadOnlyDictionary<string, ItemType> ByFileName = new Dictionary<string, ItemType>
    {
        ["single"] = ItemType.Single,
        ["multiple"] = ItemType.Multiple,
        ["scale"] = ItemType.Scale,
        ["number"] = ItemType.Number,
        ["text"] = ItemType.Text,
    };

    public static string Name(ItemType type) => type switch
    {
        ItemType.Single => "single choice",
        ItemType.Multiple => "multiple choice",
        _ => type.ToString().ToLowerInvariant(),
    };
}
