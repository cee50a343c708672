using System.Globalization;
using System.Numerics;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;

namespace SurveyPlatform.Core.Tests.Disclosure;

/// <summary>
/// An attacker written without the platform's disclosure code: it reads a published report as a reader would (the
/// JSON contract's numbers: every n, every estimate of a proportion, every difference's n) and solves the equations
/// exactly, in rational numbers, by Gaussian elimination. A group whose size is fixed by the published figures (or whose
/// size and number of "yes" answers are) is recovered. It knows the survey definition (categories, the conditions of
/// a difference's two sides) and nothing else. It is weaker than the auditor's linear program (no bounds, no skip
/// logic), which is the point: it shares none of its code, so a bug in one is not hidden by the same bug in the other.
/// </summary>
internal sealed class LinearAttacker
{
    private readonly SurveyDefinition _definition;
    private readonly string[] _keys;
    private readonly string[][] _labels;
    private readonly int _cells;
    private readonly List<(Dictionary<int, Fraction> Row, Fraction Value)> _equations = [];
    private readonly HashSet<string> _splitsNotAsked;

    public const string NotAnswered = "(not answered)", NotAsked = "(not asked)";

    /// <summary>The joint table of <paramref name="keys"/> (categories: the codes, "(not asked)" for items with skip logic, "(not answered)"), each cell split into yes / no.</summary>
    public LinearAttacker(SurveyDefinition definition, IReadOnlyList<string> keys, IReadOnlyDictionary<string, IReadOnlyList<string>>? metaLabels = null, IEnumerable<string>? splitsNotAsked = null)
    {
        _definition = definition;
        _keys = [.. keys];
        _splitsNotAsked = [.. splitsNotAsked ?? keys];
        _labels = [.. _keys.Select(k => definition.FindItem(k) is { } item
            ? (string[])[.. item.Options.Select(o => o.Code), .. item.ShownWhen is not null ? new[] { NotAsked } : [], NotAnswered]
            : [.. metaLabels![k]])];
        _cells = _labels.Aggregate(1, (n, l) => n * l.Length);
    }

    public int Cells => _cells;

    private Dictionary<string, string> Cell(int index)
    {
        var cell = new Dictionary<string, string>();
        for (var k = _keys.Length - 1; k >= 0; k--)
        {
            cell[_keys[k]] = _labels[k][index % _labels[k].Length];
            index /= _labels[k].Length;
        }
        return cell;
    }

    /// <summary>Cells where <paramref name="group"/> holds.</summary>
    public List<int> Where(Func<IReadOnlyDictionary<string, string>, bool> group) =>
        [.. Enumerable.Range(0, _cells).Where(i => group(Cell(i)))];

    /// <summary>A group of a table: "area x born_here" = "area_1 x no". The old engine's "(not answered)" also held those never asked.</summary>
    public List<int> Group(string by, string value)
    {
        var keys = by.Split(" x ");
        var values = value.Split(" x ");
        return Where(cell => keys.Zip(values).All(p => cell[p.First] == p.Second
            || (p.Second == NotAnswered && cell[p.First] == NotAsked && !_splitsNotAsked.Contains(p.First))));
    }

    /// <summary>The side of a difference: the definition's condition, evaluated on the cell's answers.</summary>
    public List<int> Side(Condition condition) => Where(cell =>
        condition.Evaluate(cell.Where(p => p.Value is not (NotAnswered or NotAsked)).ToDictionary(p => p.Key, p => p.Value)));

    private static int Yes(int cell) => 2 * cell;
    private static int No(int cell) => 2 * cell + 1;

    public void Size(IEnumerable<int> cells, long n) =>
        _equations.Add((cells.SelectMany(c => new[] { Yes(c), No(c) }).ToDictionary(v => v, _ => Fraction.One), new Fraction(n)));

    public void Positives(IEnumerable<int> cells, long positives) =>
        _equations.Add((cells.ToDictionary(Yes, _ => Fraction.One), new Fraction(positives)));

    /// <summary>What the report's figures of one indicator say: sizes, numerators (n × estimate, unweighted), and differences' sizes.</summary>
    public void Read(IndicatorReport report, string indicatorId)
    {
        var indicator = report.Find(indicatorId)!;
        var all = Enumerable.Range(0, _cells).ToList();
        Read(all, indicator.Overall);
        foreach (var group in indicator.Groups) Read(Group(group.By, group.Value), group.Estimate);
        // A table lists its groups: one it leaves out is empty (the engine once left out empty groups; listing every
        // category, as it does now, tells nothing).
        foreach (var table in indicator.Groups.GroupBy(g => g.By))
        {
            var listed = table.Select(g => Group(g.By, g.Value)).SelectMany(c => c).ToHashSet();
            var keys = table.Key.Split(" x ");
            if (!keys.All(_keys.Contains) || keys.Any(k => _definition.FindItem(k) is null)) continue;
            foreach (var cell in Enumerable.Range(0, _cells).Where(c => !listed.Contains(c))) Size([cell], 0);
        }
        foreach (var difference in report.Indicators.Where(i => i.Definition.Of == indicatorId))
        {
            // A difference over keys this attacker does not model is left aside.
            if (!difference.Definition.GroupA!.Keys.Concat(difference.Definition.GroupB!.Keys).All(_keys.Contains)) continue;
            var a = Side(difference.Definition.GroupA!);
            var b = Side(difference.Definition.GroupB!);
            if (difference.Overall.N is { } n) Size(a.Concat(b), n);
            foreach (var group in difference.Groups)
            {
                var cells = Group(group.By, group.Value).ToHashSet();
                if (group.Estimate.N is { } m) Size(a.Where(cells.Contains).Concat(b.Where(cells.Contains)), m);
            }
        }
    }

    private void Read(List<int> cells, Estimate e)
    {
        if (e.N is not { } n) return;
        Size(cells, n);
        if (e.IsPresented && e.Value is { } p) Positives(cells, (long)Math.Round(p * n));
    }

    /// <summary>The value of the group's size (or its number of yes answers) when the equations fix it; null otherwise.</summary>
    public Fraction? Solve(IEnumerable<int> cells, bool positives)
    {
        var target = positives
            ? cells.ToDictionary(Yes, _ => Fraction.One)
            : cells.SelectMany(c => new[] { Yes(c), No(c) }).ToDictionary(v => v, _ => Fraction.One);
        var value = Fraction.Zero;
        foreach (var (row, rhs, pivot) in Reduced())
        {
            if (!target.TryGetValue(pivot, out var factor) || factor.IsZero) continue;
            foreach (var (v, c) in row)
            {
                var next = target.GetValueOrDefault(v, Fraction.Zero) - factor * c;
                if (next.IsZero) target.Remove(v); else target[v] = next;
            }
            value += factor * rhs;
        }
        return target.Count == 0 ? value : null;
    }

    private List<(Dictionary<int, Fraction> Row, Fraction Value, int Pivot)>? _reduced;

    /// <summary>
    /// The equations reduced, with the one inference beyond algebra that counts allow: counts are never negative, so a
    /// combination of counts that adds up to zero with all coefficients positive makes each of them zero.
    /// </summary>
    private List<(Dictionary<int, Fraction> Row, Fraction Value, int Pivot)> Reduced()
    {
        if (_reduced is not null) return _reduced;
        while (true)
        {
            var rows = Eliminate();
            var zeros = rows.Where(r => r.Value.IsZero && (r.Row.Values.All(c => c > Fraction.Zero) || r.Row.Values.All(c => c < Fraction.Zero)) && r.Row.Count > 1)
                .SelectMany(r => r.Row.Keys).Distinct().ToList();
            if (zeros.Count == 0) return _reduced = rows;
            foreach (var v in zeros) _equations.Add((new Dictionary<int, Fraction> { [v] = Fraction.One }, Fraction.Zero));
        }
    }

    /// <summary>Gauss–Jordan elimination of the equations (each kept row has a pivot no other kept row uses).</summary>
    private List<(Dictionary<int, Fraction> Row, Fraction Value, int Pivot)> Eliminate()
    {
        var rows = new List<(Dictionary<int, Fraction> Row, Fraction Value, int Pivot)>();
        foreach (var (equation, value) in _equations)
        {
            var row = new Dictionary<int, Fraction>(equation);
            var rhs = value;
            foreach (var (other, otherValue, pivot) in rows)
            {
                if (!row.TryGetValue(pivot, out var factor)) continue;
                foreach (var (v, c) in other)
                {
                    var next = row.GetValueOrDefault(v, Fraction.Zero) - factor * c;
                    if (next.IsZero) row.Remove(v); else row[v] = next;
                }
                rhs -= factor * otherValue;
            }
            if (row.Count == 0) continue;
            var p = row.Keys.Min();
            var scale = row[p];
            foreach (var v in row.Keys.ToList()) row[v] /= scale;
            rhs /= scale;
            // Keep the system reduced: the new pivot leaves every earlier row.
            for (var i = 0; i < rows.Count; i++)
            {
                var (other, otherValue, pivot) = rows[i];
                if (!other.TryGetValue(p, out var factor)) continue;
                foreach (var (v, c) in row)
                {
                    var next = other.GetValueOrDefault(v, Fraction.Zero) - factor * c;
                    if (next.IsZero) other.Remove(v); else other[v] = next;
                }
                rows[i] = (other, otherValue - factor * rhs, pivot);
            }
            rows.Add((row, rhs, p));
        }
        return rows;
    }

    /// <summary>
    /// What the attack recovers about a group: its exact size when that is 1 to k−1 people, or that everyone in it
    /// answered alike when its size and its yes answers are both fixed. Null when nothing is revealed.
    /// </summary>
    public string? Reveals(IEnumerable<int> group, int k, string name)
    {
        var cells = group.ToList();
        var size = Solve(cells, positives: false);
        if (size is not { } s || s.IsZero || s >= new Fraction(k)) return null;
        var yes = Solve(cells, positives: true);
        var answers = yes is { } y ? $", {y} of them answered yes" : "";
        return $"{name}: exactly {s} people{answers}";
    }

    /// <summary>Every disclosure among the given groups and every category of every key.</summary>
    public List<string> Attack(IEnumerable<(string Name, List<int> Cells)> groups, int k)
    {
        var found = new List<string>();
        var named = _keys.SelectMany((key, i) => _labels[i].Select(label => ($"{key} = {label}", Where(c => c[key] == label))));
        foreach (var (name, cells) in groups.Concat(named))
            if (Reveals(cells, k, name) is { } finding) found.Add(finding);
        return [.. found.Distinct()];
    }
}

/// <summary>An exact rational number.</summary>
internal readonly struct Fraction : IEquatable<Fraction>, IComparable<Fraction>
{
    public Fraction(BigInteger numerator, BigInteger? denominator = null)
    {
        var d = denominator ?? BigInteger.One;
        if (d.Sign < 0) (numerator, d) = (-numerator, -d);
        var g = BigInteger.GreatestCommonDivisor(numerator, d);
        if (g > 1) (numerator, d) = (numerator / g, d / g);
        Numerator = numerator;
        Denominator = d.IsZero ? BigInteger.One : d;
    }

    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }
    public static Fraction Zero => new(0);
    public static Fraction One => new(1);
    public bool IsZero => Numerator.IsZero;

    public static Fraction operator +(Fraction a, Fraction b) => new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Fraction operator -(Fraction a, Fraction b) => new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Fraction operator *(Fraction a, Fraction b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);
    public static Fraction operator /(Fraction a, Fraction b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;
    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;
    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;
    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;
    public static bool operator ==(Fraction a, Fraction b) => a.Equals(b);
    public static bool operator !=(Fraction a, Fraction b) => !a.Equals(b);

    public int CompareTo(Fraction other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);
    public bool Equals(Fraction other) => Numerator == other.Numerator && Denominator == other.Denominator;
    public override bool Equals(object? obj) => obj is Fraction f && Equals(f);
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);
    public override string ToString() => Denominator.IsOne ? Numerator.ToString(CultureInfo.InvariantCulture) : $"{Numerator}/{Denominator}";
}
