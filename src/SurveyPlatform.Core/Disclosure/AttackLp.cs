using Google.OrTools.LinearSolver;
using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Disclosure;

/// <summary>A combination of keys whose joint table the attacker solves for (a maximal clique of the links between keys).</summary>
internal sealed class Clique
{
    public required string[] Keys { get; init; }
    public required int[] Sizes { get; init; }
    public int Cells => GroupDef.Product(Sizes);
    /// <summary>Index of the first count variable: cell × classes + class.</summary>
    public int XOffset { get; set; }
    /// <summary>Scores: index of the first sum variable: one per cell.</summary>
    public int SOffset { get; set; }
}

/// <summary>What a variable list adds up: sizes in the denominator, positives, negatives, every row, or sums of scores.</summary>
internal enum Measure { InDomain, Positive, Negative, AllRows, AboveLowest, BelowHighest, Sum }

/// <summary>How wide an attacker can make a withheld set, and whether its people can be shown to have answered alike.</summary>
internal sealed record NodeFinding(Node Node, double Low, double High, bool Exact, string? Alike, bool Exempt, bool Passed)
{
    /// <summary>For a failure: the published figures that pin the set down (their rows bind the attacker's optimum).</summary>
    public IReadOnlyList<Node> Binding { get; init; } = [];

    /// <summary>Whole numbers of people the set can hold; <see cref="long.MaxValue"/> when unbounded.</summary>
    public long Values => double.IsPositiveInfinity(High) ? long.MaxValue
        : Math.Max(0, (long)Math.Floor(High + AttackLp.Tolerance) - (long)Math.Ceiling(Low - AttackLp.Tolerance) + 1);
}

/// <summary>
/// The attacker of docs/anonymity.md rule 7, as a linear program solved with GLOP (Google OR-Tools). Variables are
/// the cells of the joint table of the keys a release links (crossed in a table, tied by skip logic, or by the
/// conditions of a difference's two sides), each split into classes: inside the indicator's denominator and
/// positive, negative (scores: inside, with the sum of scores), or outside it. Keys that are not linked are
/// independent given the totals, so the joint table is never built: the links are made chordal and the LP holds
/// one table per maximal clique, tied to its neighbours in a junction tree by equal margins (for such decomposable
/// structures, tables that agree on their margins always extend to a joint table). Structural zeros follow from
/// the definition's skip logic; every published size and numerator is an equality. The LP relaxes integrality:
/// the ranges it finds contain the integer ones (see docs/anonymity.md, "The auditor").
/// </summary>
internal sealed class AttackLp : IDisposable
{
    public const double Tolerance = 1e-6;
    /// <summary>Above this many variables the crossings are too entangled to audit; the release is refused.</summary>
    public const int MaxVariables = 400_000;

    private readonly ReleaseModel _model;
    private readonly Solver _solver;
    private readonly List<Clique> _cliques;
    private readonly List<Variable> _variables = [];
    private readonly double[] _truth;
    private readonly int _classes;
    private readonly Dictionary<(int Node, Measure Measure), int[]> _lists = [];
    private readonly Dictionary<int, List<Constraint>> _rows = [];
    private double[] _solution = [];

    public AttackLp(ReleaseModel model)
    {
        _model = model;
        _classes = model.Indicator is null ? 1 : model.IsScore ? 2 : 3;
        _cliques = Cliques(model);
        var count = 0;
        foreach (var clique in _cliques)
        {
            clique.XOffset = count;
            count += clique.Cells * _classes;
        }
        if (model.IsScore)
        {
            foreach (var clique in _cliques)
            {
                clique.SOffset = count;
                count += clique.Cells;
            }
        }

        if (count > MaxVariables)
            throw new DisclosureException($"The breakdowns cross too many keys to check what they reveal ({count:N0} combinations); ask for fewer crossed breakdowns.");
        _truth = Truth();
        _solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("The GLOP linear solver of OR-Tools is not available.");
        // Presolve would run again for every objective; without it GLOP starts each solve from the last basis.
        _solver.SetSolverSpecificParametersAsString("use_preprocessing: false");
        Build();
    }

    /// <summary>The published figure each row of the LP states.</summary>
    private readonly Dictionary<Constraint, Node> _rowNode = [];

    /// <summary>Published figures whose rows bind the last optimum: withholding one of them widens it.</summary>
    private List<Node> Binding() => _rowNode.Where(p => p.Value.Published && Math.Abs(p.Key.DualValue()) > 1e-9).Select(p => p.Value).Distinct().ToList();

    public void Dispose() => _solver.Dispose();

    /// <summary>The maximal cliques of the keys' links, made chordal by min-fill elimination.</summary>
    private static List<Clique> Cliques(ReleaseModel model)
    {
        var keys = model.Keys.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        var release = new HashSet<string>(keys, StringComparer.Ordinal);
        var adjacent = keys.ToDictionary(k => k, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        void Link(IEnumerable<string> set)
        {
            var list = set.Where(release.Contains).Distinct().ToList();
            foreach (var a in list)
            {
                foreach (var b in list)
                    if (a != b) adjacent[a].Add(b);
            }
        }
        foreach (var node in model.Nodes) Link(node.Group.Keys);
        foreach (var key in model.Keys.Values)
        {
            if (key.Item?.ShownWhen is { } shownWhen)
                Link(Knowledge.Dependencies(model.Definition, shownWhen.Keys, release).Append(key.Key));
        }

        if (model.Indicator is { } indicator)
        {
            var domain = new List<string>();
            if (indicator.Item is { } item) domain.Add(item);
            domain.AddRange(indicator.Items);
            if (indicator.Among is { } among) domain.AddRange(among.Keys);
            if (model.Filter is { } filter) domain.AddRange(filter.Keys);
            Link(Knowledge.Dependencies(model.Definition, domain, release));
        }

        var remaining = new HashSet<string>(keys, StringComparer.Ordinal);
        var graph = adjacent.ToDictionary(p => p.Key, p => new HashSet<string>(p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        var found = new List<HashSet<string>>();
        while (remaining.Count > 0)
        {
            var next = remaining.OrderBy(v => Fill(graph, v)).ThenBy(v => graph[v].Count).ThenBy(v => v, StringComparer.Ordinal).First();
            var clique = new HashSet<string>(graph[next], StringComparer.Ordinal) { next };
            foreach (var a in graph[next])
            {
                foreach (var b in graph[next])
                    if (a != b) graph[a].Add(b);
            }

            foreach (var a in graph[next]) graph[a].Remove(next);
            graph.Remove(next);
            remaining.Remove(next);
            if (!found.Any(f => f.IsSupersetOf(clique))) found.Add(clique);
        }
        found.RemoveAll(c => found.Any(f => !ReferenceEquals(f, c) && f.IsSupersetOf(c)));
        if (found.Count == 0) found.Add([]);
        return found.Select(c =>
        {
            var sorted = c.OrderBy(k => k, StringComparer.Ordinal).ToArray();
            return new Clique { Keys = sorted, Sizes = sorted.Select(k => model.Keys[k].Count).ToArray() };
        }).ToList();
    }

    private static int Fill(Dictionary<string, HashSet<string>> graph, string v)
    {
        var fill = 0;
        var neighbours = graph[v].ToList();
        for (var i = 0; i < neighbours.Count; i++)
        {
            for (var j = i + 1; j < neighbours.Count; j++)
                if (!graph[neighbours[i]].Contains(neighbours[j])) fill++;
        }

        return fill;
    }

    /// <summary>The true tables of the data (one pass over the rows per clique): the point every published figure agrees with.</summary>
    private double[] Truth()
    {
        var truth = new double[_cliques.Sum(c => c.Cells * _classes + (_model.IsScore ? c.Cells : 0))];
        foreach (var clique in _cliques)
        {
            var columns = clique.Keys.Select(k => _model.Keys[k].RowValues).ToArray();
            var sizes = clique.Sizes;
            for (var r = 0; r < _model.Rows; r++)
            {
                var cell = 0;
                for (var k = 0; k < columns.Length; k++) cell = cell * sizes[k] + columns[k][r];
                var rowClass = _model.RowClass?.Invoke(r) ?? 0;
                truth[clique.XOffset + cell * _classes + rowClass]++;
                if (_model.IsScore && rowClass == 1) truth[clique.SOffset + cell] += _model.RowScore!(r);
            }
        }
        return truth;
    }

    private void Build()
    {
        foreach (var clique in _cliques)
        {
            var assignment = new Dictionary<string, int>(StringComparer.Ordinal);
            var categories = new int[clique.Keys.Length];
            for (var cell = 0; cell < clique.Cells; cell++)
            {
                GroupDef.Decode(clique.Sizes, cell, categories);
                for (var k = 0; k < categories.Length; k++) assignment[clique.Keys[k]] = categories[k];
                var possible = _model.Indicator is null ? (_model.PossibleClasses(assignment) != 0 ? 1 : 0) : _model.PossibleClasses(assignment);
                // A combination the skip logic rules out is a known zero, unless the data has it: then the data does not
                // follow the definition there, and nothing is assumed about that combination.
                var contradicted = Enumerable.Range(0, _classes).Any(c => (possible & (1 << c)) == 0 && _truth[clique.XOffset + cell * _classes + c] > 0);
                for (var c = 0; c < _classes; c++)
                {
                    var zero = !contradicted && (possible & (1 << c)) == 0;
                    _variables.Add(_solver.MakeNumVar(0, zero ? 0 : double.PositiveInfinity, ""));
                }
            }
        }
        if (_model.IsScore)
        {
            var (min, max) = _model.ScoreRange;
            foreach (var clique in _cliques)
            {
                for (var cell = 0; cell < clique.Cells; cell++)
                {
                    var s = _solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, "");
                    _variables.Add(s);
                    var x = _variables[clique.XOffset + cell * _classes + 1];
                    var above = _solver.MakeConstraint(0, double.PositiveInfinity);
                    above.SetCoefficient(s, 1);
                    above.SetCoefficient(x, -min);
                    var below = _solver.MakeConstraint(0, double.PositiveInfinity);
                    below.SetCoefficient(x, max);
                    below.SetCoefficient(s, -1);
                }
            }
        }
        // The junction tree: each clique tied to the one it shares most keys with by equal margins (per class, and sums).
        var joined = new List<int> { 0 };
        var left = Enumerable.Range(1, _cliques.Count - 1).ToList();
        while (left.Count > 0)
        {
            var (child, parent) = left.SelectMany(c => joined.Select(p => (c, p)))
                .OrderByDescending(e => _cliques[e.c].Keys.Intersect(_cliques[e.p].Keys).Count()).First();
            Tie(_cliques[child], _cliques[parent]);
            joined.Add(child);
            left.Remove(child);
        }
        if (_model.Total is { } total) Row(Enumerable.Range(_cliques[0].XOffset, _cliques[0].Cells * _classes).ToArray(), total, total);
        foreach (var key in _model.Keys.Values.Where(k => k.IsMeta))
        {
            for (var category = 0; category < key.Count; category++)
            {
                // Categories of lang, wave and site are listed when someone answered with them: at least one row, or none.
                var present = key.RowCounts[category] > 0;
                var group = GroupDef.Cell([(key.Key, key.Count, category)]);
                Row(List(group, Measure.AllRows), present ? 1 : 0, present ? double.PositiveInfinity : 0);
            }
        }

        foreach (var node in _model.Nodes.Where(n => n.Published)) Publish(node);
    }

    private void Tie(Clique child, Clique parent)
    {
        var shared = child.Keys.Intersect(parent.Keys).OrderBy(k => k, StringComparer.Ordinal).ToArray();
        var sizes = shared.Select(k => _model.Keys[k].Count).ToArray();
        var childMap = Projection(child, shared);
        var parentMap = Projection(parent, shared);
        var cells = GroupDef.Product(sizes);
        for (var j = 0; j < cells; j++)
        {
            for (var c = 0; c < _classes; c++)
            {
                var row = _solver.MakeConstraint(0, 0);
                for (var i = 0; i < childMap.Length; i++)
                    if (childMap[i] == j) row.SetCoefficient(_variables[child.XOffset + i * _classes + c], 1);
                for (var i = 0; i < parentMap.Length; i++)
                    if (parentMap[i] == j) row.SetCoefficient(_variables[parent.XOffset + i * _classes + c], -1);
            }
            if (_model.IsScore)
            {
                var row = _solver.MakeConstraint(0, 0);
                for (var i = 0; i < childMap.Length; i++)
                    if (childMap[i] == j) row.SetCoefficient(_variables[child.SOffset + i], 1);
                for (var i = 0; i < parentMap.Length; i++)
                    if (parentMap[i] == j) row.SetCoefficient(_variables[parent.SOffset + i], -1);
            }
        }
    }

    /// <summary>For each cell of the clique, the index of its projection on <paramref name="keys"/>.</summary>
    private int[] Projection(Clique clique, string[] keys)
    {
        var positions = keys.Select(k => Array.IndexOf(clique.Keys, k)).ToArray();
        var sizes = keys.Select(k => _model.Keys[k].Count).ToArray();
        var map = new int[clique.Cells];
        var categories = new int[clique.Keys.Length];
        var projected = new int[keys.Length];
        for (var cell = 0; cell < map.Length; cell++)
        {
            GroupDef.Decode(clique.Sizes, cell, categories);
            for (var k = 0; k < keys.Length; k++) projected[k] = categories[positions[k]];
            map[cell] = GroupDef.Index(sizes, projected);
        }
        return map;
    }

    /// <summary>The variables a set's measure adds up, in the smallest clique that holds the set's keys.</summary>
    private int[] List(GroupDef group, Measure measure)
    {
        var clique = _cliques.Where(c => group.Keys.All(k => c.Keys.Contains(k))).MinBy(c => c.Cells)
            ?? throw new InvalidOperationException($"No clique holds {string.Join(", ", group.Keys)}.");
        var positions = group.Keys.Select(k => Array.IndexOf(clique.Keys, k)).ToArray();
        var list = new List<int>();
        var categories = new int[clique.Keys.Length];
        for (var cell = 0; cell < clique.Cells; cell++)
        {
            GroupDef.Decode(clique.Sizes, cell, categories);
            var index = 0;
            for (var k = 0; k < positions.Length; k++) index = index * group.Sizes[k] + categories[positions[k]];
            if (!group.Member[index]) continue;
            var x = clique.XOffset + cell * _classes;
            switch (measure)
            {
                case Measure.AllRows:
                    for (var c = 0; c < _classes; c++) list.Add(x + c);
                    break;
                case Measure.InDomain:
                    list.Add(x + 1);
                    if (_classes == 3) list.Add(x + 2);
                    break;
                case Measure.Positive:
                    list.Add(x + 1);
                    break;
                case Measure.Negative:
                    list.Add(x + 2);
                    break;
                case Measure.Sum:
                    list.Add(clique.SOffset + cell);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(measure));
            }
        }
        return [.. list];
    }

    private int[] List(Node node, Measure measure)
    {
        if (!_lists.TryGetValue((node.Id, measure), out var list))
            _lists[(node.Id, measure)] = list = List(node.Group, node.AllRows ? Measure.AllRows : measure);
        return list;
    }

    private Constraint Row(int[] variables, double low, double high, double coefficient = 1)
    {
        var row = _solver.MakeConstraint(low, high);
        foreach (var v in variables) row.SetCoefficient(_variables[v], coefficient);
        return row;
    }

    /// <summary>Adds what a published figure tells: its size, and with its estimate its numerator (or sum of scores).</summary>
    private void Publish(Node node)
    {
        var rows = new List<Constraint>();
        var n = node.TrueN;
        rows.Add(Row(List(node, Measure.InDomain), n, n));
        if (node.ValuePublished && !node.AllRows && node.Raw!.Value is { } value)
        {
            if (_model.IsScore)
            {
                var (min, max) = _model.ScoreRange;
                if (!_model.Weighted)
                {
                    rows.Add(Row(List(node, Measure.Sum), value * n, value * n));
                }
                else if (Math.Abs(value - min) < 1e-9 || Math.Abs(value - max) < 1e-9)
                {
                    // Weighted: the mean tells the sum only when everyone gave the lowest or the highest score.
                    var row = _solver.MakeConstraint(value * n, value * n);
                    foreach (var v in List(node, Measure.Sum)) row.SetCoefficient(_variables[v], 1);
                    rows.Add(row);
                }
            }
            else if (!_model.Weighted)
            {
                var positives = Math.Round(value * n);
                rows.Add(Row(List(node, Measure.Positive), positives, positives));
            }
            else if (value == 0)
            {
                rows.Add(Row(List(node, Measure.Positive), 0, 0));
            }
            else if (value == 1)
            {
                rows.Add(Row(List(node, Measure.Negative), 0, 0));
            }
            else
            {
                // Weighted, strictly between 0 and 1: at least one of each.
                rows.Add(Row(List(node, Measure.Positive), 1, double.PositiveInfinity));
                rows.Add(Row(List(node, Measure.Negative), 1, double.PositiveInfinity));
            }
        }
        _rows[node.Id] = rows;
        foreach (var row in rows) _rowNode[row] = node;
    }

    /// <summary>Forgets what a figure that is now withheld used to tell.</summary>
    public void Withdraw(Node node)
    {
        if (!_rows.Remove(node.Id, out var rows)) return;
        foreach (var row in rows)
        {
            row.SetBounds(double.NegativeInfinity, double.PositiveInfinity);
            _rowNode.Remove(row);
        }
    }

    private double Value(int[] list, double[] point)
    {
        double sum = 0;
        foreach (var v in list) sum += point[v];
        return sum;
    }

    private double MeasureOf(Node node, Measure measure, double[] point)
    {
        if (measure is Measure.AboveLowest or Measure.BelowHighest)
        {
            var (min, max) = _model.ScoreRange;
            var sum = Value(List(node, Measure.Sum), point);
            var n = Value(List(node, Measure.InDomain), point);
            return measure == Measure.AboveLowest ? sum - min * n : max * n - sum;
        }
        return Value(List(node, measure), point);
    }

    /// <summary>The objective's coefficients for a measure of a node (scores: the sum above the lowest, or below the highest).</summary>
    private void AddObjective(Dictionary<int, double> objective, Node node, Measure measure, double weight)
    {
        void Add(int v, double c) => objective[v] = objective.GetValueOrDefault(v) + c * weight;
        if (measure is Measure.AboveLowest or Measure.BelowHighest)
        {
            var (min, max) = _model.ScoreRange;
            var sign = measure == Measure.AboveLowest ? 1 : -1;
            foreach (var v in List(node, Measure.Sum)) Add(v, sign);
            foreach (var v in List(node, Measure.InDomain)) Add(v, measure == Measure.AboveLowest ? -min : max);
        }
        else
        {
            foreach (var v in List(node, measure)) Add(v, 1);
        }
    }

    /// <summary>
    /// Optimum of an objective (±∞ when unbounded; NaN when GLOP cannot tell, which every caller reads as "not shown to
    /// be safe"); an optimal solution joins the witnesses. A numerically troubled solve is tried again from scratch, then
    /// with presolve.
    /// </summary>
    private double Optimize(Dictionary<int, double> coefficients, bool maximize)
    {
        var objective = _solver.Objective();
        objective.Clear();
        foreach (var (v, c) in coefficients)
            if (c != 0) objective.SetCoefficient(_variables[v], c);
        if (maximize) objective.SetMaximization(); else objective.SetMinimization();
        var status = _solver.Solve();
        if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.UNBOUNDED))
        {
            _solver.Reset();
            status = _solver.Solve();
        }
        if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.UNBOUNDED))
        {
            _solver.SetSolverSpecificParametersAsString("use_preprocessing: true");
            _solver.Reset();
            status = _solver.Solve();
            _solver.SetSolverSpecificParametersAsString("use_preprocessing: false");
        }
        if (status == Solver.ResultStatus.UNBOUNDED) return maximize ? double.PositiveInfinity : double.NegativeInfinity;
        if (status != Solver.ResultStatus.OPTIMAL) return double.NaN;
        if (_solution.Length != _variables.Count) _solution = new double[_variables.Count];
        for (var v = 0; v < _solution.Length; v++) _solution[v] = _variables[v].SolutionValue();
        Witness(_solution);
        return objective.Value();
    }

    private double Optimize(Node node, Measure measure, bool maximize)
    {
        var coefficients = new Dictionary<int, double>();
        AddObjective(coefficients, node, measure, 1);
        return Optimize(coefficients, maximize);
    }

    // Witnesses: every table met that agrees with everything published (the true one, and each optimum). Withholding
    // more only widens what agrees, so they stay witnesses for the whole life of the model.
    private readonly Dictionary<int, Node> _watched = [];
    private readonly Dictionary<int, (double Low, double High, double[] Reach)> _seen = [];
    private Measure[] SideMeasures => _model.Indicator is null ? [] : _model.IsScore
        ? [Measure.AboveLowest, Measure.BelowHighest] : [Measure.Positive, Measure.Negative];

    private void Watch(Node node)
    {
        if (!_watched.TryAdd(node.Id, node)) return;
        var size = MeasureOf(node, Measure.InDomain, _truth);
        _seen[node.Id] = (size, size, node.AllRows ? [] : SideMeasures.Select(m => MeasureOf(node, m, _truth)).ToArray());
    }

    private void Witness(double[] point)
    {
        var sides = SideMeasures;
        foreach (var node in _watched.Values)
        {
            var (low, high, reach) = _seen[node.Id];
            var size = MeasureOf(node, Measure.InDomain, point);
            for (var m = 0; m < reach.Length; m++) reach[m] = Math.Max(reach[m], MeasureOf(node, sides[m], point));
            _seen[node.Id] = (Math.Min(low, size), Math.Max(high, size), reach);
        }
    }

    /// <summary>
    /// A set is protected when an attacker can narrow it to no fewer than k/2 sizes, or only to sizes of k or more (it
    /// could be published), or only to nobody (an empty set has no one to protect).
    /// </summary>
    private bool Wide(double low, double high) => double.IsPositiveInfinity(high) || low >= _model.MinCell - Tolerance || high < 1 - Tolerance
        || Math.Floor(high + Tolerance) - Math.Ceiling(low - Tolerance) + 1 >= (_model.MinCell + 1) / 2;

    /// <summary>
    /// Audits withheld sets. With <paramref name="exact"/> false, a set passes as soon as witnesses show it wide enough
    /// and with people on both sides of the answer: first a few objectives that push many sets apart at once, then one
    /// set at a time. Failures, and exact audits, always solve for the bounds.
    /// </summary>
    public List<NodeFinding> Audit(IReadOnlyList<Node> nodes, bool exact)
    {
        foreach (var node in nodes) Watch(node);
        var sides = SideMeasures;
        if (!exact)
        {
            var random = new Random(_model.MinCell);
            for (var round = 0; round < 4; round++)
            {
                var narrow = nodes.Where(n => !Wide(_seen[n.Id].Low, _seen[n.Id].High)).ToList();
                if (narrow.Count < 2) break;
                var coefficients = new Dictionary<int, double>();
                foreach (var node in narrow) AddObjective(coefficients, node, Measure.InDomain, random.Next(2) == 0 ? -1 : 1);
                Optimize(coefficients, maximize: true);
            }
            for (var m = 0; m < sides.Length; m++)
            {
                var unseen = nodes.Where(n => !n.AllRows && _seen[n.Id].Reach[m] < Threshold(sides[m])).ToList();
                if (unseen.Count < 2) continue;
                var coefficients = new Dictionary<int, double>();
                foreach (var node in unseen) AddObjective(coefficients, node, sides[m], 1);
                Optimize(coefficients, maximize: true);
            }
        }

        var findings = new List<NodeFinding>();
        foreach (var node in nodes)
        {
            var (lo, hi, _) = _seen[node.Id];
            var solved = false;
            var binding = new List<Node>();
            if (exact || !Wide(lo, hi))
            {
                hi = Optimize(node, Measure.InDomain, maximize: true);
                if (double.IsNaN(hi)) hi = lo; // not solved: only what witnesses show counts
                if (!Wide(lo, hi)) binding.AddRange(Binding());
                if (exact || !Wide(_seen[node.Id].Low, hi))
                {
                    lo = Optimize(node, Measure.InDomain, maximize: false);
                    if (double.IsNaN(lo)) lo = _seen[node.Id].Low;
                    if (!Wide(lo, hi)) binding.AddRange(Binding());
                }
                else
                {
                    lo = _seen[node.Id].Low;
                }
                solved = exact;
            }
            string? alike = null;
            var exempt = false;
            for (var m = 0; m < sides.Length && !node.AllRows; m++)
            {
                // Someone on this side has been seen: the set is not forced to the other side.
                if (_seen[node.Id].Reach[m] >= Threshold(sides[m])) continue;
                var coefficients = new Dictionary<int, double>();
                AddObjective(coefficients, node, sides[m], 1);
                var most = Optimize(coefficients, maximize: true);
                if (double.IsNaN(most)) most = _seen[node.Id].Reach[m];
                if (most >= Threshold(sides[m])) continue;
                if (hi < 1 - Tolerance) continue; // the set may as well be empty: nothing to be alike
                var pinning = Binding();
                alike = sides[m] switch
                {
                    Measure.Positive => "negative",
                    Measure.Negative => "positive",
                    Measure.AboveLowest => "lowest",
                    _ => "highest",
                };
                exempt = Exempted(node, alike);
                if (exempt) continue;
                binding.AddRange(pinning);
                break;
            }
            var passed = Wide(lo, hi) && (alike is null || exempt);
            findings.Add(new NodeFinding(node, Math.Max(0, lo), hi, solved, alike, exempt, passed) { Binding = passed ? [] : binding.Distinct().ToList() });
        }
        return findings;
    }

    private double Threshold(Measure measure) => measure is Measure.Positive or Measure.Negative
        ? 1 - Tolerance
        : Math.Max(Tolerance, (_model.ScoreRange.Max - _model.ScoreRange.Min) * Tolerance);

    /// <summary>
    /// A set forced to answer alike only because a published set holding it did (a published "0% of 40"): the
    /// published figure says it already, so withholding this one could not have protected anyone.
    /// </summary>
    private bool Exempted(Node node, string alike) => _model.Nodes.Any(p =>
        p.ValuePublished && !p.AllRows && p.Raw!.Value is { } v && p.Group.IsSupersetOf(node.Group) && alike switch
        {
            "negative" => v == 0,
            "positive" => v == 1,
            "lowest" => Math.Abs(v - _model.ScoreRange.Min) < 1e-9,
            _ => Math.Abs(v - _model.ScoreRange.Max) < 1e-9,
        });

    /// <summary>Checks that the true tables agree with every published figure (a wrong model would audit the wrong release).</summary>
    public IEnumerable<string> Disagreements()
    {
        foreach (var node in _model.Nodes.Where(n => n.Figure && (n.Raw is not null || n.AllRows)))
        {
            var size = MeasureOf(node, Measure.InDomain, _truth);
            if (Math.Abs(size - node.TrueN) > 0.5) yield return $"{node.Label}: model {size}, measured {node.TrueN}";
        }
    }

}

/// <summary>A release that cannot be checked or protected; the message says why, in words a user can act on.</summary>
public sealed class DisclosureException(string message) : Exception(message);
