using System.Text;

namespace SurveyPlatform.Core.Disclosure;

/// <summary>
/// A set of respondents described by the categories of a few keys (<c>born_here = no</c>; <c>area_1 x no</c>;
/// <c>born_here = yes and household_concern = yes</c>): a truth table over the product of the keys' categories.
/// Two descriptions of the same set (the "born abroad" side of a gap and the "born_here = no" group of a table) have
/// the same <see cref="Signature"/>, so a set is published or withheld once, wherever it appears.
/// </summary>
internal sealed class GroupDef
{
    private GroupDef(string[] keys, int[] sizes, bool[] member)
    {
        Keys = keys;
        Sizes = sizes;
        Member = member;
        Signature = MakeSignature();
    }

    /// <summary>Keys in ordinal order.</summary>
    public string[] Keys { get; }
    /// <summary>Number of categories of each key.</summary>
    public int[] Sizes { get; }
    /// <summary>Membership of each combination of categories, the last key varying fastest.</summary>
    public bool[] Member { get; }
    public string Signature { get; }

    public static GroupDef Everyone { get; } = new([], [], [true]);

    /// <summary>The cell where each key takes one category.</summary>
    public static GroupDef Cell(IReadOnlyList<(string Key, int Size, int Category)> parts)
    {
        var sorted = parts.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var sizes = sorted.Select(p => p.Size).ToArray();
        var member = new bool[Product(sizes)];
        member[Index(sizes, sorted.Select(p => p.Category).ToArray())] = true;
        return new GroupDef(sorted.Select(p => p.Key).ToArray(), sizes, member).Normalized();
    }

    /// <summary>The set where <paramref name="test"/> holds, over every combination of the keys' categories.</summary>
    public static GroupDef Where(IReadOnlyList<(string Key, int Size)> keys, Func<IReadOnlyDictionary<string, int>, bool> test)
    {
        var sorted = keys.DistinctBy(k => k.Key).OrderBy(k => k.Key, StringComparer.Ordinal).ToArray();
        var sizes = sorted.Select(k => k.Size).ToArray();
        var member = new bool[Product(sizes)];
        var assignment = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = new int[sizes.Length];
        for (var i = 0; i < member.Length; i++)
        {
            Decode(sizes, i, categories);
            for (var k = 0; k < sorted.Length; k++) assignment[sorted[k].Key] = categories[k];
            member[i] = test(assignment);
        }
        return new GroupDef(sorted.Select(k => k.Key).ToArray(), sizes, member).Normalized();
    }

    /// <summary>Membership for an assignment of categories to (at least) this set's keys.</summary>
    public bool Contains(IReadOnlyDictionary<string, int> assignment)
    {
        var index = 0;
        for (var k = 0; k < Keys.Length; k++) index = index * Sizes[k] + assignment[Keys[k]];
        return Member[index];
    }

    public GroupDef Intersect(GroupDef other)
    {
        var keys = Keys.Zip(Sizes).Concat(other.Keys.Zip(other.Sizes)).Select(p => (p.First, p.Second)).ToList();
        return Where(keys, a => Contains(a) && other.Contains(a));
    }

    /// <summary>The members of this set that are in none of <paramref name="others"/>.</summary>
    public GroupDef Except(params GroupDef[] others)
    {
        var keys = new[] { this }.Concat(others).SelectMany(g => g.Keys.Zip(g.Sizes)).Select(p => (p.First, p.Second)).ToList();
        return Where(keys, a => Contains(a) && !others.Any(o => o.Contains(a)));
    }

    /// <summary>Whether every member of <paramref name="other"/> is a member of this set.</summary>
    public bool IsSupersetOf(GroupDef other)
    {
        var keys = Keys.Zip(Sizes).Concat(other.Keys.Zip(other.Sizes)).Select(p => (p.First, p.Second)).DistinctBy(p => p.First).ToList();
        var holds = true;
        Where(keys, a =>
        {
            if (other.Contains(a) && !Contains(a)) holds = false;
            return false;
        });
        return holds;
    }

    public bool IsEmpty => !Member.Contains(true);

    /// <summary>The same set without the keys its membership does not depend on.</summary>
    private GroupDef Normalized()
    {
        for (var k = 0; k < Keys.Length; k++)
        {
            if (DependsOn(k)) continue;
            var keys = Keys.Where((_, i) => i != k).ToArray();
            var sizes = Sizes.Where((_, i) => i != k).ToArray();
            var member = new bool[Product(sizes)];
            var full = new int[Keys.Length];
            for (var i = 0; i < Member.Length; i++)
            {
                Decode(Sizes, i, full);
                if (full[k] != 0) continue;
                member[Index(sizes, full.Where((_, j) => j != k).ToArray())] = Member[i];
            }
            return new GroupDef(keys, sizes, member).Normalized();
        }
        return this;
    }

    private bool DependsOn(int key)
    {
        var categories = new int[Keys.Length];
        for (var i = 0; i < Member.Length; i++)
        {
            Decode(Sizes, i, categories);
            if (categories[key] != 0) continue;
            var first = Member[i];
            for (var c = 1; c < Sizes[key]; c++)
            {
                categories[key] = c;
                if (Member[Index(Sizes, categories)] != first) return true;
            }
            categories[key] = 0;
        }
        return false;
    }

    private string MakeSignature()
    {
        var text = new StringBuilder();
        for (var k = 0; k < Keys.Length; k++) text.Append(Keys[k]).Append(':').Append(Sizes[k]).Append(';');
        foreach (var m in Member) text.Append(m ? '1' : '0');
        return text.ToString();
    }

    public static int Product(IReadOnlyList<int> sizes)
    {
        var product = 1;
        foreach (var s in sizes) product = checked(product * s);
        return product;
    }

    public static int Index(IReadOnlyList<int> sizes, IReadOnlyList<int> categories)
    {
        var index = 0;
        for (var k = 0; k < sizes.Count; k++) index = index * sizes[k] + categories[k];
        return index;
    }

    public static void Decode(IReadOnlyList<int> sizes, int index, int[] categories)
    {
        for (var k = sizes.Count - 1; k >= 0; k--)
        {
            categories[k] = index % sizes[k];
            index /= sizes[k];
        }
    }

    public override string ToString() => Signature;
}
