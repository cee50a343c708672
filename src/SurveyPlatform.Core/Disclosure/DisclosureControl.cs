using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Disclosure;

/// <summary>
/// Disclosure control of published figures (docs/anonymity.md rule 7): every figure a view, a report or the command
/// line shows goes through here. Everything shown together is one release and one set of linear equations:
/// <list type="number">
/// <item>primary suppression: a group of fewer than k respondents is withheld, size included (and, for filtered
/// results, a figure whose rows differ by fewer than k from a comparable filter's);</item>
/// <item>secondary suppression: more groups are withheld until no withheld group's size can be narrowed to fewer than
/// k/2 values and none can be shown to have answered all alike, across every table, crossing, difference, trend
/// and count of the release;</item>
/// <item>the auditor (<see cref="AttackLp"/>) checks that by attacking the release as a linear program; nothing is
/// published that fails it.</item>
/// </list>
/// A difference whose groups are withheld publishes neither its value nor its size.
/// </summary>
public static class DisclosureControl
{
    /// <summary>Measures the indicators and publishes them as one release.</summary>
    public static Release Publish(ResponseTable table, EngineOptions? options = null, ReleaseOptions? release = null)
    {
        options ??= new EngineOptions();
        release ??= new ReleaseOptions();
        var measured = IndicatorEngine.Measure(table, options);
        var k = options.MinCell;
        var findings = new List<AuditFinding>();

        var counts = CountsModel(table.Definition, table, release.CountsBy, k);
        findings.AddRange(Decide(counts.Model, release, "responses"));

        var singles = measured.Indicators.Where(i => i.Definition.Kind != IndicatorKind.Difference).ToList();
        var built = new IndicatorModel[singles.Count];
        var results = new List<AuditFinding>[singles.Count];
        try
        {
            Parallel.For(0, singles.Count, i =>
            {
                var differences = measured.Indicators.Where(d => d.Definition.Kind == IndicatorKind.Difference && d.Definition.Of == singles[i].Definition.Id).ToList();
                built[i] = IndicatorModel.Build(measured, singles[i], differences, counts);
                results[i] = Decide(built[i].Model, release, singles[i].Definition.Id);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        foreach (var r in results) findings.AddRange(r);

        var report = Assemble(measured, built);
        // A count withheld in one indicator's model is withheld everywhere; the counts themselves were decided first.
        var countTables = counts.Tables.Select(t => new CountTable(t.By, t.Cells.Select(c =>
            new CountCell(c.Label, c.Node.Published ? c.Node.TrueN : null, c.Node.Reason)).ToList())).ToList();
        return new Release(report, countTables, new AuditReport(k, Merge(findings)));
    }

    /// <summary>
    /// Counts of responses shown on their own (a run's responses by day, language and way of answering, live for its
    /// organizers): each table is one-way and independent of the others given the total, which is shown.
    /// </summary>
    public static IReadOnlyList<CountTable> Counts(long total, IReadOnlyList<(string By, IReadOnlyList<(string Value, long Count)> Counts)> tables, int minCell)
    {
        if (minCell < EngineOptions.SmallestMinCell)
            throw new ArgumentException($"The privacy threshold (min cell) is {minCell}; allowed: {EngineOptions.SmallestMinCell} or more.");
        var model = new ReleaseModel(EmptyDefinition, null, null, minCell, weighted: false) { Rows = (int)Math.Min(total, int.MaxValue) };
        var built = new CountsModelResult(model, []);
        var totalNode = model.NodeFor(GroupDef.Everyone, allRows: true, "all responses", figure: true, isFixed: true);
        totalNode.TrueN = total;
        if (total < minCell) totalNode.Reason = Decisions.Privacy;
        else model.Total = total;
        foreach (var (by, counts) in tables)
        {
            var present = counts.Where(c => c.Count > 0).ToList();
            var key = model.AddKey(KeyCategories.FromCounts(by, present, total));
            var cells = new List<(string, Node)>();
            for (var c = 1; c < key.Count; c++)
            {
                var node = model.NodeFor(GroupDef.Cell([(by, key.Count, c)]), allRows: true, $"{by} = {key.Labels[c]}", figure: true);
                node.TrueN = key.RowCounts[c];
                cells.Add((key.Labels[c], node));
            }
            model.AddPartition(totalNode, cells.Select(c => c.Item2).ToList());
            built.Tables.Add((by, cells));
        }
        Decide(model, new ReleaseOptions(), "responses");
        return built.Tables.Select(t => new CountTable(t.By, t.Cells.Select(c =>
            new CountCell(c.Label, c.Node.Published ? c.Node.TrueN : null, c.Node.Reason)).ToList())).ToList();
    }

    private static readonly SurveyDefinition EmptyDefinition = new()
    {
        Id = "counts",
        Version = "0",
        DefaultLanguage = "en",
        Languages = ["en"],
        Title = new LocalizedText(new Dictionary<string, string> { ["en"] = "counts" }),
        Consent = new ConsentPage(new LocalizedText(new Dictionary<string, string>()), [], new LocalizedText(new Dictionary<string, string>())),
        Pages = [],
        ThankYou = new ThankYouPage(new LocalizedText(new Dictionary<string, string>()), [], []),
    };

    private sealed record CountsModelResult(ReleaseModel Model, List<(string By, List<(string Label, Node Node)> Cells)> Tables);

    /// <summary>The response counts published with a release (by <c>lang</c>, <c>wave</c>…) and the total.</summary>
    private static CountsModelResult CountsModel(SurveyDefinition definition, ResponseTable table, IReadOnlyList<string> countsBy, int k)
    {
        var model = new ReleaseModel(definition, null, null, k, table.Weights is not null) { Rows = table.Count };
        var result = new CountsModelResult(model, []);
        var total = model.NodeFor(GroupDef.Everyone, allRows: true, "all responses", figure: true, isFixed: true);
        total.TrueN = table.Count;
        if (table.Count < k) total.Reason = Decisions.Privacy;
        else model.Total = table.Count;
        foreach (var by in countsBy.Distinct())
        {
            if (!table.Has(by) || table[by] is not CategoryColumn) continue;
            var key = model.AddKey(KeyCategories.Of(table, by));
            var cells = new List<(string, Node)>();
            foreach (var c in key.DisplayOrder())
            {
                var group = GroupDef.Cell([(by, key.Count, c)]);
                if (key.IsMeta ? key.RowCounts[c] == 0 : !model.Possible(group, allRows: true) && key.RowCounts[c] == 0) continue;
                var node = model.NodeFor(group, allRows: true, $"{by} = {key.Labels[c]}", figure: true);
                node.TrueN = key.RowCounts[c];
                cells.Add((key.Labels[c], node));
            }
            model.AddPartition(total, cells.Select(c => c.Item2).ToList());
            result.Tables.Add((by, cells));
        }
        return result;
    }

    /// <summary>The figures of one indicator with its differences, and what the assembly needs to find them again.</summary>
    private sealed class IndicatorModel
    {
        public required ReleaseModel Model { get; init; }
        public required MeasuredIndicator Measured { get; init; }
        public required Node Overall { get; init; }
        /// <summary>[grouping][category]: the node of each listed group (null: not listed, the skip logic rules it out).</summary>
        public required Node?[][] Cells { get; init; }
        public List<Difference> Differences { get; } = [];

        public sealed record Difference(MeasuredIndicator Measured, Node? A, Node? B, Node?[][] CellsA, Node?[][] CellsB);

        public static IndicatorModel Build(Measurement measured, MeasuredIndicator indicator, IReadOnlyList<MeasuredIndicator> differences, CountsModelResult counts)
        {
            var table = measured.Table;
            var options = measured.Options;
            var definition = indicator.Definition;
            var model = new ReleaseModel(table.Definition, definition, options.Filter, options.MinCell, table.Weights is not null)
            {
                Rows = table.Count,
                Total = counts.Model.Total,
            };
            var values = measured.Values[definition.Id];
            var filter = measured.Filter;
            var score = definition.Kind == IndicatorKind.Mean;
            model.RowClass = r =>
            {
                if (filter is not null && !filter[r]) return 0;
                var code = values.Codes[r];
                if (code == 0 || double.IsNaN(values.Y[code])) return 0;
                return score ? 1 : values.Y[code] != 0 ? 1 : 2;
            };
            model.RowScore = r => values.Y[values.Codes[r]];
            if (score)
            {
                var items = definition.Items.Select(k => table.Definition.FindItem(k)).OfType<SurveyItem>().ToList();
                model.ScoreRange = items.Count == 0 ? (0, 0) : (definition.Scale * items.Min(i => i.Min), definition.Scale * items.Max(i => i.Max));
            }
            var keyCache = measured.Groupings.SelectMany(g => g.Keys).DistinctBy(k => k.Key).ToDictionary(k => k.Key, StringComparer.Ordinal);
            KeyCategories Key(string key)
            {
                if (!keyCache.TryGetValue(key, out var k)) keyCache[key] = k = KeyCategories.Of(table, key);
                return k;
            }
            foreach (var grouping in measured.Groupings)
                foreach (var key in grouping.Keys) model.AddKey(key);

            var overall = model.NodeFor(GroupDef.Everyone, false, "all respondents", figure: true, raw: indicator.Overall, compared: indicator.OverallCompared);
            var cells = new Node?[measured.Groupings.Count][];
            for (var g = 0; g < measured.Groupings.Count; g++)
            {
                var grouping = measured.Groupings[g];
                cells[g] = new Node?[grouping.Labels.Length];
                foreach (var i in grouping.DisplayOrder)
                {
                    var group = CellOf(grouping, i);
                    if (!Listed(model, grouping, i, group, indicator.Groups[g][i].N ?? 0)) continue;
                    cells[g][i] = model.NodeFor(group, false, $"{grouping.Breakdown.Name} = {grouping.Labels[i]}", figure: true,
                        raw: indicator.Groups[g][i], compared: indicator.Compared[g][i]);
                }
                Partitions(model, grouping, overall, cells[g], (key, c) => model.NodeFor(GroupDef.Cell([(key.Key, key.Count, c)]), false, $"{key.Key} = {key.Labels[c]}"));
            }

            var built = new IndicatorModel { Model = model, Measured = indicator, Overall = overall, Cells = cells };
            foreach (var difference in differences)
            {
                var d = difference.Definition;
                var a = model.Where(d.GroupA!, table, Key);
                var b = model.Where(d.GroupB!, table, Key);
                var nodeA = model.Possible(a, false) || difference.PartA!.N > 0 ? model.NodeFor(a, false, d.GroupASource ?? d.GroupA!.ToString(), figure: true, raw: difference.PartA) : null;
                var nodeB = model.Possible(b, false) || difference.PartB!.N > 0 ? model.NodeFor(b, false, d.GroupBSource ?? d.GroupB!.ToString(), figure: true, raw: difference.PartB) : null;
                // Everyone in neither side (people who refused or skipped the question the sides are defined by) is the
                // overall minus both sides: a group nobody lists, which a reader can still name.
                var disjoint = a.Intersect(b).IsEmpty;
                if (nodeA is not null && nodeB is not null)
                {
                    Residual(model, GroupDef.Everyone, a, b, $"neither {nodeA.Label} nor {nodeB.Label}",
                        disjoint ? indicator.Overall.N - difference.PartA!.N - difference.PartB!.N : null);
                }

                var cellsA = new Node?[measured.Groupings.Count][];
                var cellsB = new Node?[measured.Groupings.Count][];
                for (var g = 0; g < measured.Groupings.Count; g++)
                {
                    var grouping = measured.Groupings[g];
                    cellsA[g] = new Node?[grouping.Labels.Length];
                    cellsB[g] = new Node?[grouping.Labels.Length];
                    foreach (var i in grouping.DisplayOrder)
                    {
                        var cell = CellOf(grouping, i);
                        if (!Listed(model, grouping, i, cell, 1)) continue;
                        var label = $"{grouping.Breakdown.Name} = {grouping.Labels[i]}";
                        Node? Side(GroupDef side, Node? whole, string source, Estimate raw)
                        {
                            if (whole is null) return null;
                            var both = side.Intersect(cell);
                            return model.Possible(both, false) || raw.N > 0 ? model.NodeFor(both, false, $"{source}, {label}", figure: true, raw: raw) : null;
                        }
                        cellsA[g][i] = Side(a, nodeA, nodeA?.Label ?? "", difference.GroupsA[g][i]);
                        cellsB[g][i] = Side(b, nodeB, nodeB?.Label ?? "", difference.GroupsB[g][i]);
                    }
                    foreach (var i in grouping.DisplayOrder)
                    {
                        if (cellsA[g][i] is { } sideA && cellsB[g][i] is { } sideB)
                        {
                            Residual(model, CellOf(grouping, i), a, b, $"neither {nodeA!.Label} nor {nodeB!.Label}, {grouping.Breakdown.Name} = {grouping.Labels[i]}",
                                disjoint ? indicator.Groups[g][i].N - difference.GroupsA[g][i].N - difference.GroupsB[g][i].N : null);
                        }
                    }

                    if (nodeA is not null) model.AddPartition(nodeA, cellsA[g].OfType<Node>().ToList());
                    if (nodeB is not null) model.AddPartition(nodeB, cellsB[g].OfType<Node>().ToList());
                }
                built.Differences.Add(new Difference(difference, nodeA, nodeB, cellsA, cellsB));
            }

            // Every category of every key is a group a reader can name, listed or not ("unlisted" groups leak too).
            foreach (var key in model.Keys.Values.Where(k => k.Item is not null || k.IsMeta).ToList())
            {
                long[]? sizes = null;
                foreach (var c in key.DisplayOrder())
                {
                    if (key.IsMeta && key.RowCounts[c] == 0) continue;
                    var group = GroupDef.Cell([(key.Key, key.Count, c)]);
                    if (!model.Possible(group, false)) continue;
                    var node = model.NodeFor(group, false, $"{key.Key} = {key.Labels[c]}");
                    node.Named = true;
                    if (node.Figure) continue;
                    sizes ??= DomainSizes(model, key);
                    node.TrueN = sizes[c];
                }
            }

            // Response counts by a key these figures also break down by are tied to them: the same people, every class.
            foreach (var (by, countCells) in counts.Tables)
            {
                if (!model.Keys.ContainsKey(by)) continue;
                var key = model.Keys[by];
                foreach (var (label, countNode) in countCells)
                {
                    var category = Array.IndexOf(key.Labels, label);
                    if (category < 0) continue;
                    var node = model.NodeFor(GroupDef.Cell([(by, key.Count, category)]), allRows: true, $"{by} = {label} (responses)", figure: true, isFixed: true);
                    node.TrueN = countNode.TrueN;
                    node.Reason = countNode.Reason;
                }
            }
            return built;
        }

        /// <summary>
        /// A named group: the people of <paramref name="whole"/> on neither side of a difference. Its size is the whole's
        /// minus both sides' when the sides cannot overlap (<paramref name="size"/>); else it is counted.
        /// </summary>
        private static void Residual(ReleaseModel model, GroupDef whole, GroupDef a, GroupDef b, string label, long? size)
        {
            var rest = whole.Except(a, b);
            if (rest.IsEmpty || !model.Possible(rest, false)) return;
            var node = model.NodeFor(rest, false, label);
            node.Named = true;
            if (node.Figure) return;
            if (size is { } known)
            {
                node.TrueN = known;
                return;
            }
            var keys = rest.Keys.Select(k => model.Keys[k].RowValues).ToArray();
            long count = 0;
            for (var r = 0; r < model.Rows; r++)
            {
                if (model.RowClass!(r) == 0) continue;
                var index = 0;
                for (var k = 0; k < keys.Length; k++) index = index * rest.Sizes[k] + keys[k][r];
                if (rest.Member[index]) count++;
            }
            node.TrueN = count;
        }

        /// <summary>Rows of the indicator's denominator in each category of a key.</summary>
        private static long[] DomainSizes(ReleaseModel model, KeyCategories key)
        {
            var sizes = new long[key.Count];
            for (var r = 0; r < model.Rows; r++)
                if (model.RowClass!(r) != 0) sizes[key.RowValues[r]]++;
            return sizes;
        }

        private static GroupDef CellOf(Grouping grouping, int index)
        {
            var categories = grouping.CategoriesOf(index);
            return GroupDef.Cell(grouping.Keys.Select((k, j) => (k.Key, k.Count, categories[j])).ToList());
        }

        /// <summary>
        /// A group is listed unless the definition rules it out (then everyone knows it is empty): every category of an
        /// item, present or not, so that being listed says nothing; a label of lang, wave or site only when met in the data.
        /// </summary>
        private static bool Listed(ReleaseModel model, Grouping grouping, int index, GroupDef group, long n)
        {
            var categories = grouping.CategoriesOf(index);
            for (var j = 0; j < categories.Length; j++)
                if (grouping.Keys[j].IsMeta && grouping.Keys[j].RowCounts[categories[j]] == 0) return false;
            return n > 0 || model.Possible(group, false);
        }

        /// <summary>The sums a table of a grouping adds up to: the whole, and for a crossed table each row and column.</summary>
        private static void Partitions(ReleaseModel model, Grouping grouping, Node overall, Node?[] cells, Func<KeyCategories, int, Node> margin)
        {
            model.AddPartition(overall, cells.OfType<Node>().ToList());
            if (!grouping.IsTwoWay) return;
            for (var side = 0; side < 2; side++)
            {
                var key = grouping.Keys[side];
                var of = side == 0 ? grouping.FirstKeyOf : grouping.SecondKeyOf;
                for (var c = 0; c < key.Count; c++)
                {
                    var children = cells.Where((n, i) => n is not null && of[i] == c).OfType<Node>().ToList();
                    if (children.Count > 0) model.AddPartition(margin(key, c), children);
                }
            }
        }
    }

    /// <summary>
    /// Decides what one model withholds: primary suppression, then complementary suppression in each table until the
    /// auditor finds nothing to recover. Returns the auditor's findings on the withheld groups.
    /// </summary>
    private static List<AuditFinding> Decide(ReleaseModel model, ReleaseOptions release, string figure)
    {
        var k = model.MinCell;
        foreach (var node in model.Nodes.Where(n => n.Figure && !n.Fixed))
        {
            if (node.TrueN < k) node.Reason = Decisions.Privacy;
            else if (Differencing.Differs(node.TrueN, node.Compared, k)) node.Reason = Decisions.Differencing;
        }
        if (!release.PrimaryOnly) Complement(model);
        if (!model.Nodes.Any(n => n.Audited(k))) return [];

        using var lp = new AttackLp(model);
        foreach (var disagreement in lp.Disagreements())
            throw new InvalidOperationException($"The disclosure model disagrees with the measured figures ({disagreement}).");
        var latest = new Dictionary<int, NodeFinding>();
        while (true)
        {
            // A group that passed stays passed: withholding more only widens what an attacker can make of it. Groups
            // that passed only because a published group said the same are checked again.
            var audit = model.Nodes.Where(n => n.Audited(k) && !(latest.TryGetValue(n.Id, out var f) && f.Passed && !f.Exempt)).ToList();
            foreach (var finding in lp.Audit(audit, release.ExactAudit)) latest[finding.Node.Id] = finding;
            var failing = latest.Values.Where(f => !f.Passed).ToList();
            if (failing.Count == 0 || release.PrimaryOnly) break;
            var more = MoreToWithhold(model, failing);
            if (more.Count == 0)
            {
                throw new DisclosureException($"The results of {figure} cannot be published safely: even with everything else withheld, " +
                    $"{failing[0].Node.Label} could be worked out. Ask for fewer breakdowns.");
            }

            Complement(model);
            foreach (var node in model.Nodes.Where(n => n.Hidden)) lp.Withdraw(node);
        }
        var findings = latest.Values.OrderBy(f => f.Node.Id).ToList();
        return findings.Select(f => new AuditFinding(figure, f.Node.Label, f.Low, f.High, f.Values, f.Alike, f.Passed, f.Exact)).ToList();
    }

    /// <summary>
    /// Complementary suppression in each table (the classic rule, a good start for the auditor): wherever the withheld
    /// groups of a table under a published total are one group, fewer than k people together, or all answered alike,
    /// the smallest published group of that table is withheld too; and a withheld total whose parts are all published
    /// loses its smallest part (the parts would add up to it). Repeated until nothing changes.
    /// </summary>
    private static void Complement(ReleaseModel model)
    {
        var k = model.MinCell;
        bool changed;
        do
        {
            changed = false;
            foreach (var partition in model.Partitions)
            {
                Node? next = null;
                if (partition.Parent.Published)
                {
                    var hidden = partition.Children.Where(c => c.Hidden).ToList();
                    if (hidden.Count == 0) continue;
                    var size = hidden.Sum(c => c.TrueN);
                    if (size == 0) continue; // only empty groups withheld: working that out reveals no one
                    var alike = false;
                    if (model.Indicator is not null && !model.IsScore && partition.Parent.ValuePublished && hidden.All(c => c.Raw?.Value is not null))
                    {
                        var positives = hidden.Sum(c => Math.Round(c.Raw!.Value!.Value * c.TrueN));
                        alike = positives == 0 || positives == size;
                    }
                    if (hidden.Count > 1 && size >= k && !alike) continue;
                    next = Smallest(partition.Children);
                }
                else if (partition.Parent.Hidden && partition.Children.All(c => c.Published))
                {
                    next = Smallest(partition.Children);
                }
                if (next is null) continue;
                next.Reason = Decisions.Complementary;
                changed = true;
            }
        } while (changed);
    }

    private static Node? Smallest(IEnumerable<Node> nodes) =>
        nodes.Where(c => c.Published && !c.Fixed).OrderBy(c => c.TrueN).ThenBy(c => c.Id).FirstOrDefault();

    /// <summary>
    /// For each group the auditor could narrow: withhold the smallest of the published figures that pinned it down in
    /// the attacker's solution; else the smallest published group beside it in one of its tables; else the smallest
    /// total it is part of; else the smallest published group sharing a key with it; else the smallest.
    /// </summary>
    private static List<Node> MoreToWithhold(ReleaseModel model, IReadOnlyList<NodeFinding> failing)
    {
        var more = new List<Node>();
        static bool Open(Node n) => n.Published && !n.Fixed;
        foreach (var finding in failing)
        {
            var node = finding.Node;
            var tables = node.Partitions.Where(p => p.Children.Contains(node)).ToList();
            var pick = finding.Binding.Where(Open).OrderBy(c => c.TrueN).ThenBy(c => c.Id).FirstOrDefault()
                ?? tables.SelectMany(p => p.Children).Where(c => c != node && Open(c)).OrderBy(c => c.TrueN).ThenBy(c => c.Id).FirstOrDefault()
                ?? tables.Select(p => p.Parent).Where(Open).OrderBy(c => c.TrueN).ThenBy(c => c.Id).FirstOrDefault()
                ?? model.Nodes.Where(c => Open(c) && c.Group.Keys.Intersect(node.Group.Keys).Any()).OrderBy(c => c.TrueN).ThenBy(c => c.Id).FirstOrDefault()
                ?? model.Nodes.Where(Open).OrderBy(c => c.TrueN).ThenBy(c => c.Id).FirstOrDefault();
            if (pick is null || more.Contains(pick)) continue;
            pick.Reason = Decisions.Complementary;
            more.Add(pick);
        }
        return more;
    }

    /// <summary>Findings of a count met in several models: the narrowest is the attacker's best.</summary>
    private static List<AuditFinding> Merge(List<AuditFinding> findings) =>
        findings.GroupBy(f => (f.Figure, f.Group)).Select(g => g.OrderBy(f => f.Passed).ThenBy(f => f.Values).First()).ToList();

    private static IndicatorReport Assemble(Measurement measured, IReadOnlyList<IndicatorModel> models)
    {
        var options = measured.Options;
        var byId = models.ToDictionary(m => m.Measured.Definition.Id);
        var requested = measured.Groupings.Select((g, i) => (g, i)).Where(x => measured.Requested.Contains(x.g.Breakdown.Name)).ToList();
        var results = new List<IndicatorResult>();
        foreach (var indicator in measured.Indicators)
        {
            var definition = indicator.Definition;
            if (definition.Kind != IndicatorKind.Difference)
            {
                var model = byId[definition.Id];
                var groups = new List<GroupEstimate>();
                foreach (var (grouping, g) in requested)
                {
                    foreach (var i in grouping.DisplayOrder)
                    {
                        if (model.Cells[g][i] is { } node)
                            groups.Add(new GroupEstimate(grouping.Breakdown.Name, grouping.Labels[i], Final(node)));
                    }
                }

                results.Add(new IndicatorResult { Id = definition.Id, Kind = definition.Kind, Definition = definition, Overall = Final(model.Overall), Groups = groups });
            }
            else
            {
                var difference = byId[definition.Of!].Differences.First(d => d.Measured.Definition.Id == definition.Id);
                var groups = new List<GroupEstimate>();
                foreach (var (grouping, g) in requested)
                {
                    foreach (var i in grouping.DisplayOrder)
                    {
                        var (a, b) = (difference.CellsA[g][i], difference.CellsB[g][i]);
                        if (a is null && b is null) continue;
                        groups.Add(new GroupEstimate(grouping.Breakdown.Name, grouping.Labels[i], Gap(a, b)));
                    }
                }

                results.Add(new IndicatorResult { Id = definition.Id, Kind = definition.Kind, Definition = definition, Overall = Gap(difference.A, difference.B), Groups = groups });
            }
        }

        var trends = new List<TrendResult>();
        var dids = new List<DidResult>();
        foreach (var model in models)
        {
            var id = model.Measured.Definition.Id;
            if (measured.TrendGrouping is { } trend)
            {
                var g = IndexOf(measured, trend);
                var waves = new List<GroupEstimate>();
                foreach (var wave in measured.Waves)
                {
                    var i = Array.IndexOf(trend.Labels, wave);
                    if (i >= 0 && model.Cells[g][i] is { } node) waves.Add(new GroupEstimate(ResponseTable.Wave, wave, Final(node)));
                }
                var changes = new List<WaveChange>();
                for (var i = 1; i < waves.Count; i++)
                    changes.Add(new WaveChange(waves[i - 1].Value, waves[i].Value, Estimator.Difference(waves[i].Estimate, waves[i - 1].Estimate)));
                trends.Add(new TrendResult(id, waves, changes) { FirstToLast = WaveChange.FirstToLast(waves) });
            }
            if (measured.DidGrouping is { } did && options.Did is { } sites)
            {
                var g = IndexOf(measured, did);
                Estimate Cell(string site, string wave)
                {
                    var i = Array.IndexOf(did.Labels, $"{site} x {wave}");
                    return i >= 0 && model.Cells[g][i] is { } node ? Final(node) : new Estimate { Decision = Decisions.Suppress, Reasons = [Decisions.Privacy] };
                }
                var (before, after) = (measured.Waves[0], measured.Waves[^1]);
                var siteChange = Estimator.Difference(Cell(sites.Site, after), Cell(sites.Site, before));
                var comparisonChange = Estimator.Difference(Cell(sites.ComparisonSite, after), Cell(sites.ComparisonSite, before));
                dids.Add(new DidResult(id, sites.Site, sites.ComparisonSite, before, after, siteChange, comparisonChange,
                    Estimator.Difference(siteChange, comparisonChange)));
            }
        }

        var table = measured.Table;
        return new IndicatorReport
        {
            Survey = table.Definition.Id,
            SurveyVersion = table.Definition.Version,
            Responses = table.Count,
            Weighted = table.Weights is not null,
            Synthetic = table.Synthetic,
            InputSha256 = options.InputSha256,
            MinCell = options.MinCell,
            CiMethod = options.Ci == CiMethod.Wilson ? "wilson" : "kg",
            Breakdowns = options.Breakdowns.Select(b => b.Name).ToList(),
            Indicators = results,
            Trends = trends,
            DifferenceInDifferences = dids,
            WeightingDesignEffect = measured.WeightingDesignEffect,
        };
    }

    private static int IndexOf(Measurement measured, Grouping grouping) =>
        measured.Groupings.Select((g, i) => (g, i)).First(x => ReferenceEquals(x.g, grouping)).i;

    /// <summary>What a figure may show: published with its presentation decision, or withheld with its reason (no size for privacy).</summary>
    private static Estimate Final(Node node) =>
        node.Reason is { } reason ? (node.Raw ?? new Estimate { Decision = Decisions.Suppress }).Withheld(reason) : node.Raw!.Published();

    /// <summary>A difference: withheld with no size when either side is withheld; "not applicable" when a side cannot exist.</summary>
    private static Estimate Gap(Node? a, Node? b) =>
        a is null || b is null
            ? new Estimate { Decision = Decisions.Suppress, Reasons = [Decisions.NotApplicable] }
            : Estimator.Difference(Final(a), Final(b));
}
