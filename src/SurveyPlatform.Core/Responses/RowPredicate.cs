using System.Globalization;
using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Responses;

/// <summary>
/// Compiles a <see cref="Condition"/> into a test on a row of a <see cref="ResponseTable"/>, with the same
/// meaning as <see cref="Condition.Evaluate"/> on the row's answers (a blank satisfies no comparison), but
/// reading the columnar arrays directly.
/// </summary>
public static class RowPredicate
{
    public static Func<int, bool> Compile(Condition condition, ResponseTable table) => condition switch
    {
        EqualsCondition c => CompileEquals(c, table),
        InCondition c => CompileIn(c, table),
        ContainsCondition c => CompileContains(c, table),
        AndCondition c => And(Compile(c.Left, table), Compile(c.Right, table)),
        OrCondition c => Or(Compile(c.Left, table), Compile(c.Right, table)),
        NotCondition c => Not(Compile(c.Inner, table)),
        _ => throw new NotSupportedException($"Condition {condition} cannot be compiled."),
    };

    /// <summary>The condition evaluated on every row at once, one tight loop per comparison.</summary>
    public static bool[] Mask(Condition condition, ResponseTable table)
    {
        switch (condition)
        {
            case AndCondition c:
                {
                    var (a, b) = (Mask(c.Left, table), Mask(c.Right, table));
                    for (var r = 0; r < a.Length; r++) a[r] &= b[r];
                    return a;
                }
            case OrCondition c:
                {
                    var (a, b) = (Mask(c.Left, table), Mask(c.Right, table));
                    for (var r = 0; r < a.Length; r++) a[r] |= b[r];
                    return a;
                }
            case NotCondition c:
                {
                    var a = Mask(c.Inner, table);
                    for (var r = 0; r < a.Length; r++) a[r] = !a[r];
                    return a;
                }
            case EqualsCondition c when table[c.Key] is CategoryColumn col:
                {
                    var index = col.IndexOf(c.Code);
                    var accepted = new bool[col.CodeCount];
                    for (var i = 1; i < accepted.Length; i++) accepted[i] = (i == index) != c.Negated;
                    return Lookup(col.Values, accepted);
                }
            case InCondition c when table[c.Key] is CategoryColumn col:
                {
                    var accepted = new bool[col.CodeCount];
                    foreach (var code in c.Codes)
                        if (col.IndexOf(code) is var i and > 0) accepted[i] = true;
                    return Lookup(col.Values, accepted);
                }
            default:
                {
                    var test = Compile(condition, table);
                    var mask = new bool[table.Count];
                    for (var r = 0; r < mask.Length; r++) mask[r] = test(r);
                    return mask;
                }
        }
    }

    private static bool[] Lookup(ushort[] values, bool[] accepted)
    {
        var mask = new bool[values.Length];
        for (var r = 0; r < mask.Length; r++) mask[r] = accepted[values[r]];
        return mask;
    }

    private static Func<int, bool> And(Func<int, bool> a, Func<int, bool> b) => r => a(r) && b(r);
    private static Func<int, bool> Or(Func<int, bool> a, Func<int, bool> b) => r => a(r) || b(r);
    private static Func<int, bool> Not(Func<int, bool> a) => r => !a(r);

    private static Func<int, bool> CompileEquals(EqualsCondition c, ResponseTable table)
    {
        switch (table[c.Key])
        {
            case CategoryColumn col:
                {
                    var values = col.Values;
                    var index = col.IndexOf(c.Code);
                    return c.Negated ? r => values[r] != 0 && values[r] != index : r => values[r] != 0 && values[r] == index;
                }
            case NumberColumn col:
                {
                    var values = col.Values;
                    var target = double.TryParse(c.Code, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t : double.NaN;
                    return c.Negated ? r => !double.IsNaN(values[r]) && values[r] != target : r => values[r] == target;
                }
            case MultiColumn col:
                {
                    var masks = col.Masks;
                    var bit = col.Bit(c.Code);
                    return c.Negated ? r => masks[r] != 0 && masks[r] != bit : r => masks[r] != 0 && masks[r] == bit;
                }
            case var col:
                return c.Negated ? r => !col.IsBlank(r) && col.Text(r) != c.Code : r => col.Text(r) == c.Code;
        }
    }

    private static Func<int, bool> CompileIn(InCondition c, ResponseTable table)
    {
        if (table[c.Key] is CategoryColumn col)
        {
            var values = col.Values;
            var accepted = new bool[col.CodeCount];
            foreach (var code in c.Codes)
            {
                var i = col.IndexOf(code);
                if (i > 0) accepted[i] = true;
            }
            return r => accepted[values[r]];
        }
        var other = table[c.Key];
        var set = c.Codes.ToHashSet();
        return r => other.Text(r) is { } v && set.Contains(v);
    }

    private static Func<int, bool> CompileContains(ContainsCondition c, ResponseTable table)
    {
        if (table[c.Key] is MultiColumn col)
        {
            var masks = col.Masks;
            var bit = col.Bit(c.Code);
            return r => (masks[r] & bit) != 0;
        }
        var other = table[c.Key];
        return r => other.Text(r) is { } v && v.Split(' ').Contains(c.Code);
    }
}
