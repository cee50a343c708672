using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Disclosure;

/// <summary>
/// A set of respondents that a release shows (a group of a table, a side of a difference, a count of responses) or
/// that an attacker can name (a row of a crossed table). Published or withheld as a whole, wherever it appears.
/// </summary>
internal sealed class Node
{
    public required int Id { get; init; }
    public required GroupDef Group { get; init; }
    /// <summary>How the audit names it: "born_here = no", "born_here = yes and household_concern = yes, area = area_1".</summary>
    public required string Label { get; set; }
    /// <summary>A count of responses (every row), rather than of the indicator's denominator.</summary>
    public bool AllRows { get; init; }
    /// <summary>The estimate as measured (null for counts and for sets no figure shows).</summary>
    public Estimate? Raw { get; set; }
    /// <summary>Rows in the set: of the indicator's denominator, or every row for counts.</summary>
    public long TrueN { get; set; }
    /// <summary>Size of the same figure under the nearest comparable filter (differencing).</summary>
    public long? Compared { get; set; }
    /// <summary>Shown somewhere: as a row, a side of a difference or a count. Other nodes only name sets an attacker can add up.</summary>
    public bool Figure { get; set; }
    /// <summary>Decided elsewhere (response counts, the total): never suppressed by this model.</summary>
    public bool Fixed { get; init; }
    /// <summary>Why the figure is withheld; null when it is published.</summary>
    public string? Reason { get; set; }
    public List<Partition> Partitions { get; } = [];

    /// <summary>
    /// A group a reader can name without it being shown: a category of one question the release breaks down by (people
    /// who refused to say where they were born), though no table lists it. Audited like a withheld group.
    /// </summary>
    public bool Named { get; set; }

    public bool Published => Figure && Reason is null;
    /// <summary>
    /// What the auditor attacks: withheld figures, and named groups no figure shows that are smaller than k (a group of
    /// k or more could be published as it is).
    /// </summary>
    public bool Audited(int minCell) => Hidden || (Named && !Figure && TrueN < minCell);
    public bool Hidden => Figure && Reason is not null;
    /// <summary>Published with its estimate (its numerator, or sum of scores, can be worked out).</summary>
    public bool ValuePublished => Published && Raw is { IsPresented: true };

    public override string ToString() => $"{Label} ({(Published ? "published" : Reason ?? "not shown")})";
}

/// <summary>A set and the sets it splits into, all shown: the parent's size is the sum of the children's.</summary>
internal sealed record Partition(Node Parent, IReadOnlyList<Node> Children);

/// <summary>
/// One audited part of a release: the figures of one indicator (with its differences, trends and difference in
/// differences) and the response counts they are tied to, or the response counts alone. Nodes are keyed by the set
/// they describe, so a set shown twice is one node.
/// </summary>
internal sealed class ReleaseModel
{
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);

    public ReleaseModel(SurveyDefinition definition, IndicatorDefinition? indicator, Condition? filter, int minCell, bool weighted)
    {
        Definition = definition;
        Indicator = indicator;
        Filter = filter;
        MinCell = minCell;
        Weighted = weighted;
    }

    public SurveyDefinition Definition { get; }
    /// <summary>The indicator whose denominator the figures count; null for a model of response counts alone.</summary>
    public IndicatorDefinition? Indicator { get; }
    public Condition? Filter { get; }
    public int MinCell { get; }
    public bool Weighted { get; }
    /// <summary>The keys the figures break down by, with their categories and each row's category.</summary>
    public Dictionary<string, KeyCategories> Keys { get; } = new(StringComparer.Ordinal);
    public IEnumerable<Node> Nodes => _nodes.Values;
    public List<Partition> Partitions { get; } = [];
    /// <summary>The total number of responses, when published.</summary>
    public long? Total { get; set; }
    /// <summary>Each row's class for the indicator: 0 outside the denominator; proportions 1 = positive, 2 = negative; scores 1 = in it.</summary>
    public Func<int, int>? RowClass { get; set; }
    /// <summary>Scores: each row's score (NaN outside the denominator).</summary>
    public Func<int, double>? RowScore { get; set; }
    public int Rows { get; set; }
    public (double Min, double Max) ScoreRange { get; set; }

    public bool IsScore => Indicator?.Kind == IndicatorKind.Mean;

    /// <summary>The node of a set, made when first met. A set shown again only adds what the new sighting knows.</summary>
    public Node NodeFor(GroupDef group, bool allRows, string label, bool figure = false, Estimate? raw = null, long? compared = null, bool isFixed = false)
    {
        var signature = (allRows ? "all|" : "domain|") + group.Signature;
        if (!_nodes.TryGetValue(signature, out var node))
        {
            _nodes[signature] = node = new Node { Id = _nodes.Count, Group = group, Label = label, AllRows = allRows, Fixed = isFixed };
        }
        if (figure && !node.Figure)
        {
            node.Figure = true;
            node.Label = label;
        }
        if (raw is not null && node.Raw is null)
        {
            node.Raw = raw;
            node.TrueN = raw.N ?? 0;
        }
        if (compared is not null) node.Compared = compared;
        return node;
    }

    public void AddPartition(Node parent, IReadOnlyList<Node> children)
    {
        if (children.Count == 0) return;
        var partition = new Partition(parent, children);
        Partitions.Add(partition);
        parent.Partitions.Add(partition);
        foreach (var child in children) child.Partitions.Add(partition);
    }

    public KeyCategories AddKey(KeyCategories key)
    {
        if (!Keys.TryGetValue(key.Key, out var known)) Keys[key.Key] = known = key;
        return known;
    }

    /// <summary>What an attacker knows of the people in a combination of categories (blank categories are known blanks).</summary>
    public Knowledge KnowledgeOf(IReadOnlyDictionary<string, int> assignment)
    {
        var known = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, category) in assignment)
        {
            var k = Keys[key];
            if (k.Item is null && !k.IsMeta) continue; // a condition made into a key: not an answer
            known[key] = k.Code(category);
        }
        return new Knowledge(Definition, known);
    }

    /// <summary>
    /// Whether the skip logic allows the combination: a "(not asked)" category only where the item can be hidden,
    /// an answer or "(not answered)" only where it can be shown.
    /// </summary>
    public bool Consistent(IReadOnlyDictionary<string, int> assignment, Knowledge knowledge)
    {
        foreach (var (key, category) in assignment)
        {
            var k = Keys[key];
            if (k.Item?.ShownWhen is null) continue;
            var shown = knowledge.Shown(k.Item);
            if (category == k.NotAsked ? shown == Truth.True : shown == Truth.False) return false;
        }
        return true;
    }

    /// <summary>
    /// The classes of rows a combination can hold: bit 0 outside the denominator, then (proportions) positive and
    /// negative, (scores) in the denominator; response counts have one class. Zero: the combination cannot exist.
    /// </summary>
    public int PossibleClasses(IReadOnlyDictionary<string, int> assignment)
    {
        var knowledge = KnowledgeOf(assignment);
        if (!Consistent(assignment, knowledge)) return 0;
        if (Indicator is null) return 1;
        var inDomain = knowledge.InDomain(Indicator, Filter) != Truth.False;
        if (IsScore) return 1 | (inDomain ? 2 : 0);
        if (!inDomain) return 1;
        return knowledge.Positive(Indicator) switch
        {
            true => 1 | 2,
            false => 1 | 4,
            null => 1 | 2 | 4,
        };
    }

    /// <summary>Whether any combination in the set can hold rows of the indicator's denominator (or any row, for counts).</summary>
    public bool Possible(GroupDef group, bool allRows)
    {
        var assignment = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = new int[group.Keys.Length];
        for (var i = 0; i < group.Member.Length; i++)
        {
            if (!group.Member[i]) continue;
            GroupDef.Decode(group.Sizes, i, categories);
            for (var k = 0; k < categories.Length; k++) assignment[group.Keys[k]] = categories[k];
            var classes = PossibleClasses(assignment);
            if (allRows ? classes != 0 : (classes & ~1) != 0) return true;
        }
        return false;
    }

    /// <summary>The set where a condition holds, over the categories of its keys (made keys when it is not about single-choice answers).</summary>
    public GroupDef Where(Condition condition, ResponseTable table, Func<string, KeyCategories> key)
    {
        var keys = condition.Keys.Distinct().ToList();
        if (keys.All(k => table.Has(k) && table[k] is CategoryColumn))
        {
            var categories = keys.Select(k => AddKey(key(k))).ToList();
            return GroupDef.Where(categories.Select(c => (c.Key, c.Count)).ToList(), a =>
            {
                var known = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var c in categories) known[c.Key] = c.Code(a[c.Key]);
                return new Knowledge(Definition, known).Evaluate(condition) == Truth.True;
            });
        }
        var made = AddKey(KeyCategories.FromMask($"({condition})", RowPredicate.Mask(condition, table)));
        return GroupDef.Cell([(made.Key, 2, 1)]);
    }

    /// <summary>Label of a combination of categories, e.g. "area = area_1, born_here = no".</summary>
    public static string Describe(IEnumerable<(string Key, string Label)> parts) =>
        string.Join(", ", parts.Select(p => $"{p.Key} = {p.Label}"));
}
