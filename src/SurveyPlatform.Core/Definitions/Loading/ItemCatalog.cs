namespace SurveyPlatform.Core.Definitions.Loading;

internal sealed record LocatedItem(SurveyItem Item, string Path, int PageIndex, string PageId);

/// <summary>The items read so far with where they stand, for checks that look across pages.</summary>
internal sealed class ItemCatalog(IReadOnlyList<LocatedItem> items)
{
    public IReadOnlyList<LocatedItem> All => items;

    /// <summary>The first item with <paramref name="key"/> (duplicates are reported separately).</summary>
    public LocatedItem? Find(string key) => items.FirstOrDefault(i => i.Item.Key == key);

    public IEnumerable<LocatedItem> BeforePage(int pageIndex) => items.Where(i => i.PageIndex < pageIndex);

    public static string KeyList(IEnumerable<LocatedItem> items)
    {
        var keys = items.Select(i => i.Item.Key).Distinct().ToList();
        return keys.Count == 0 ? "none" : string.Join(", ", keys);
    }
}
