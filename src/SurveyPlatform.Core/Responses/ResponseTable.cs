using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Responses;

/// <summary>
/// Responses in columnar form for fast aggregation: one compact array per item (choice codes as small
/// integers, scales as doubles), weights as doubles. Built once per data set by
/// <see cref="ResponseTableBuilder"/> and then only read, so it can be shared between threads.
/// </summary>
public sealed class ResponseTable
{
    /// <summary>Meta columns every table may carry besides the items.</summary>
    public const string Lang = "lang", Wave = "wave", Site = "site", WeightColumn = "weight";
    public static readonly IReadOnlySet<string> MetaKeys = new HashSet<string> { Lang, Wave, Site };

    internal ResponseTable(SurveyDefinition definition, int count, IReadOnlyDictionary<string, Column> columns, double[]? weights, bool synthetic)
    {
        Definition = definition;
        Count = count;
        Columns = columns;
        Weights = weights;
        Synthetic = synthetic;
    }

    public SurveyDefinition Definition { get; }
    public int Count { get; }
    public IReadOnlyDictionary<string, Column> Columns { get; }
    /// <summary>Null when every weight is 1.</summary>
    public double[]? Weights { get; }
    /// <summary>Rows made by the generator, not by people: results must say so.</summary>
    public bool Synthetic { get; }

    public double Weight(int row) => Weights?[row] ?? 1.0;

    public Column this[string key] => Columns.TryGetValue(key, out var c) ? c
        : throw new KeyNotFoundException($"No column '{key}' in this data set.");

    public bool Has(string key) => Columns.ContainsKey(key);

    /// <summary>A table with the same rows and other weights (e.g. after raking).</summary>
    public ResponseTable WithWeights(double[]? weights)
    {
        if (weights is not null && weights.Length != Count)
            throw new ArgumentException($"Expected {Count} weights, got {weights.Length}.", nameof(weights));
        return new ResponseTable(Definition, Count, Columns, weights, Synthetic);
    }

    /// <summary>The answers of one row as the strings of the CSV format (for export and checks).</summary>
    public Dictionary<string, string> Row(int row)
    {
        var answers = new Dictionary<string, string>();
        foreach (var (key, column) in Columns)
        {
            var text = column.Text(row);
            if (text is not null) answers[key] = text;
        }
        return answers;
    }
}

public abstract class Column(string key)
{
    public string Key { get; } = key;
    public abstract bool IsBlank(int row);
    /// <summary>The value as written in the CSV format, null when blank.</summary>
    public abstract string? Text(int row);
}

/// <summary>
/// Single choice (and the <c>lang</c>, <c>wave</c>, <c>site</c> labels): <see cref="Values"/>[row] is an
/// index into <see cref="Codes"/>, 0 meaning blank.
/// </summary>
public sealed class CategoryColumn(string key, IReadOnlyList<string> codes, ushort[] values) : Column(key)
{
    /// <summary>Codes[0] is null (blank); codes in definition order, then any met in the data.</summary>
    public IReadOnlyList<string?> Codes { get; } = [null, .. codes];
    public ushort[] Values { get; } = values;
    public int CodeCount => Codes.Count;

    public int IndexOf(string code)
    {
        for (var i = 1; i < Codes.Count; i++)
            if (Codes[i] == code) return i;
        return -1;
    }

    public override bool IsBlank(int row) => Values[row] == 0;
    public override string? Text(int row) => Codes[Values[row]];
}

/// <summary>Multiple choice: a bit per option (definition order), 0 meaning blank.</summary>
public sealed class MultiColumn(string key, IReadOnlyList<string> codes, ulong[] masks) : Column(key)
{
    public IReadOnlyList<string> Codes { get; } = codes;
    public ulong[] Masks { get; } = masks;

    public ulong Bit(string code)
    {
        for (var i = 0; i < Codes.Count; i++)
            if (Codes[i] == code) return 1UL << i;
        return 0;
    }

    public override bool IsBlank(int row) => Masks[row] == 0;
    public override string? Text(int row)
    {
        var mask = Masks[row];
        if (mask == 0) return null;
        var parts = new List<string>();
        for (var i = 0; i < Codes.Count; i++)
            if ((mask & (1UL << i)) != 0) parts.Add(Codes[i]);
        return string.Join(' ', parts);
    }
}

/// <summary>Scale and number items: NaN meaning blank.</summary>
public sealed class NumberColumn(string key, double[] values) : Column(key)
{
    public double[] Values { get; } = values;
    public override bool IsBlank(int row) => double.IsNaN(Values[row]);
    public override string? Text(int row) => double.IsNaN(Values[row]) ? null
        : Values[row].ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Free text: kept for export only, never aggregated.</summary>
public sealed class TextColumn(string key, string?[] values) : Column(key)
{
    public string?[] Values { get; } = values;
    public override bool IsBlank(int row) => string.IsNullOrEmpty(Values[row]);
    public override string? Text(int row) => string.IsNullOrEmpty(Values[row]) ? null : Values[row];
}
