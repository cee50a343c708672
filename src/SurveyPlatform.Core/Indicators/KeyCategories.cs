using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Indicators;

/// <summary>
/// The categories of one key that results break down by (a single-choice item, or <c>lang</c>, <c>wave</c>,
/// <c>site</c>), and which category each row falls in. Category <c>i</c> ≥ 1 is the column's code <c>i</c>;
/// category 0 is a blank answer to an item that was shown ("(not answered)": skipped, or left blank or refused
/// on paper); when the item has skip logic, category <see cref="NotAsked"/> (= the column's code count) holds the
/// rows whose earlier answers hid it ("(not asked)"). Keeping the two apart matters for readers (people never asked
/// are not people who declined) and for disclosure control (who was asked follows from published answers).
/// </summary>
public sealed class KeyCategories
{
    private KeyCategories(string key, string[] labels, ushort[] rowValues, int notAsked, bool isMeta, SurveyItem? item)
    {
        Key = key;
        Labels = labels;
        RowValues = rowValues;
        NotAsked = notAsked;
        IsMeta = isMeta;
        Item = item;
        RowCounts = new long[labels.Length];
        foreach (var v in rowValues) RowCounts[v]++;
    }

    public string Key { get; }
    /// <summary>Label of each category: the code, <see cref="GroupEstimate.NotAnswered"/> or <see cref="GroupEstimate.NotAsked"/>.</summary>
    public string[] Labels { get; }
    public int Count => Labels.Length;
    /// <summary>The category of each row.</summary>
    public ushort[] RowValues { get; }
    /// <summary>The "(not asked)" category, or −1 when the item is always shown (and for <c>lang</c>, <c>wave</c>, <c>site</c>).</summary>
    public int NotAsked { get; }
    /// <summary><c>lang</c>, <c>wave</c> or <c>site</c>: labels met in the data rather than codes of the definition.</summary>
    public bool IsMeta { get; }
    /// <summary>The survey item (null for <c>lang</c>, <c>wave</c>, <c>site</c>).</summary>
    public SurveyItem? Item { get; }
    /// <summary>Rows in each category.</summary>
    public long[] RowCounts { get; }

    public const int NotAnswered = 0;

    /// <summary>The answer code of a category; null for "(not answered)" and "(not asked)".</summary>
    public string? Code(int category) => category == NotAnswered || category == NotAsked ? null : Labels[category];

    /// <summary>Categories in the order to show them: codes in definition order, then "(not asked)", then "(not answered)".</summary>
    public IEnumerable<int> DisplayOrder()
    {
        for (var i = 1; i < Count; i++)
            if (i != NotAsked) yield return i;
        if (NotAsked > 0) yield return NotAsked;
        yield return NotAnswered;
    }

    /// <summary>
    /// A key made of a condition that is not about single-choice answers (e.g. <c>why_not contains immigration_fear</c>):
    /// category 1 where it holds, 0 elsewhere. Disclosure control uses it for the sides of a difference.
    /// </summary>
    internal static KeyCategories FromMask(string name, bool[] mask)
    {
        var values = new ushort[mask.Length];
        for (var r = 0; r < mask.Length; r++) values[r] = mask[r] ? (ushort)1 : (ushort)0;
        return new KeyCategories(name, ["false", "true"], values, -1, isMeta: false, item: null);
    }

    /// <summary>
    /// A key known only by its counts (e.g. responses by day, read from the database): rows are laid out category by
    /// category; rows beyond the counts' sum fall in "(not answered)". Listed like <c>lang</c>: present values only.
    /// </summary>
    internal static KeyCategories FromCounts(string key, IReadOnlyList<(string Label, long Count)> counts, long total)
    {
        var values = new ushort[total];
        var row = 0L;
        for (var c = 0; c < counts.Count; c++)
            for (var i = 0L; i < counts[c].Count && row < total; i++) values[row++] = (ushort)(c + 1);
        return new KeyCategories(key, [GroupEstimate.NotAnswered, .. counts.Select(c => c.Label)], values, -1, isMeta: true, item: null);
    }

    /// <summary>
    /// The categories of <paramref name="key"/> in <paramref name="table"/>. With <paramref name="splitNotAsked"/>
    /// false, blanks stay one "(not answered)" category whatever the reason (the margins of raking use that).
    /// </summary>
    public static KeyCategories Of(ResponseTable table, string key, bool splitNotAsked = true)
    {
        if (table[key] is not CategoryColumn column)
            throw new ArgumentException($"Cannot break results down by '{key}': not a single-choice column.");
        var item = table.Definition.FindItem(key);
        var isMeta = ResponseTable.MetaKeys.Contains(key) && item is null;
        var codes = column.CodeCount;
        if (!splitNotAsked || item?.ShownWhen is not { } shownWhen)
        {
            var plain = new string[codes];
            plain[0] = GroupEstimate.NotAnswered;
            for (var i = 1; i < codes; i++) plain[i] = column.Codes[i]!;
            return new KeyCategories(key, plain, column.Values, -1, isMeta, item);
        }
        // A blank answer to an item that the row's own earlier answers hid was never asked.
        var shown = RowPredicate.Mask(shownWhen, table);
        var values = new ushort[column.Values.Length];
        var notAsked = (ushort)codes;
        for (var r = 0; r < values.Length; r++)
        {
            var v = column.Values[r];
            values[r] = v == 0 && !shown[r] ? notAsked : v;
        }
        var labels = new string[codes + 1];
        labels[0] = GroupEstimate.NotAnswered;
        for (var i = 1; i < codes; i++) labels[i] = column.Codes[i]!;
        labels[codes] = GroupEstimate.NotAsked;
        return new KeyCategories(key, labels, values, codes, isMeta, item);
    }
}
