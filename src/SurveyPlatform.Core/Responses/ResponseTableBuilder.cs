using System.Globalization;
using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Responses;

/// <summary>
/// Fills a <see cref="ResponseTable"/> row by row from answers as strings (CSV cells, stored answers),
/// checking each value against the definition. <see cref="Set"/> returns the problem in words (null when
/// the value is fine), so the caller can say which row and column.
/// </summary>
public sealed class ResponseTableBuilder
{
    private readonly SurveyDefinition _definition;
    private readonly List<Slot> _slots = [];
    private readonly Dictionary<string, int> _slotIndex = new(StringComparer.Ordinal);
    // Looked up by span for every answer of every row read; the lookup object is made once.
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _slotBySpan;
    private double[] _weights;
    private bool _anyWeight;
    private int _capacity;

    public ResponseTableBuilder(SurveyDefinition definition, IReadOnlyList<string>? areaCodes = null, int capacity = 1024)
    {
        _definition = definition;
        _slotBySpan = _slotIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        _capacity = Math.Max(16, capacity);
        foreach (var item in definition.Items)
        {
            Slot slot = item.Type switch
            {
                ItemType.Single => new CategorySlot(item.Key,
                    item.OptionsFromRun && areaCodes is { Count: > 0 } ? areaCodes : item.Options.Select(o => o.Code).ToList(), open: false),
                ItemType.Multiple => new MultiSlot(item.Key, item.Options.Select(o => o.Code).ToList()),
                ItemType.Scale => new NumberSlot(item.Key, item.Min, item.Max, integer: true),
                ItemType.Number => new NumberSlot(item.Key, item.Min, item.Max, integer: true),
                _ => new TextSlot(item.Key, item.MaxLength),
            };
            Add(slot);
        }
        foreach (var meta in new[] { ResponseTable.Lang, ResponseTable.Wave, ResponseTable.Site })
            Add(new CategorySlot(meta, [], open: true));
        _weights = new double[_capacity];
        foreach (var slot in _slots) slot.Grow(_capacity);
    }

    public int Count { get; private set; }
    public bool Synthetic { get; set; }

    /// <summary>The slot of a column (item key, <c>lang</c>, <c>wave</c>, <c>site</c>), or -1 when unknown. Weight is separate.</summary>
    public int SlotOf(string key) => _slotIndex.TryGetValue(key, out var i) ? i : -1;

    public int SlotOf(ReadOnlySpan<char> key) => _slotBySpan.TryGetValue(key, out var i) ? i : -1;

    public int NewRow()
    {
        if (Count == _capacity)
        {
            _capacity *= 2;
            Array.Resize(ref _weights, _capacity);
            foreach (var slot in _slots) slot.Grow(_capacity);
        }
        _weights[Count] = 1;
        return Count++;
    }

    /// <summary>Stores <paramref name="value"/> (non-blank) in <paramref name="row"/>; returns what is wrong with it, or null.</summary>
    public string? Set(int slot, int row, string value) => _slots[slot].Set(row, value.AsSpan());

    /// <summary>Same as <see cref="Set(int, int, string)"/> without making a string of a value that is already known.</summary>
    public string? Set(int slot, int row, ReadOnlySpan<char> value) => _slots[slot].Set(row, value);

    /// <summary>
    /// Sets a value given as UTF-8 when it is one of the slot's codes (the fast path of loading stored answers);
    /// false when the caller must pass it as text instead (another kind of slot, or a value that is not a code).
    /// </summary>
    public bool TrySetCode(int slot, int row, ReadOnlySpan<byte> utf8) => _slots[slot] is CategorySlot category && category.TrySetCode(row, utf8);

    /// <summary>The slot's key in UTF-8, to recognise it in stored answers without decoding them.</summary>
    public ReadOnlySpan<byte> KeyUtf8(int slot) => _slots[slot].KeyUtf8;

    public int SlotCount => _slots.Count;

    public string? Set(string key, int row, string value)
    {
        var slot = SlotOf(key);
        return slot < 0 ? $"'{key}' is not an item of survey '{_definition.Id}'" : Set(slot, row, value);
    }

    public string? SetWeight(int row, string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) || !double.IsFinite(w))
            return $"'{Shorten(value)}' is not a number; allowed: a positive number such as 1.25";
        return SetWeight(row, w);
    }

    public string? SetWeight(int row, double weight)
    {
        if (!(weight > 0) || !double.IsFinite(weight))
            return $"{weight.ToString(CultureInfo.InvariantCulture)} is not positive; allowed: a positive number such as 1.25";
        _weights[row] = weight;
        _anyWeight = true;
        return null;
    }

    public ResponseTable Build()
    {
        var columns = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (var slot in _slots) columns[slot.Key] = slot.Build(Count);
        double[]? weights = null;
        if (_anyWeight)
        {
            weights = _weights;
            Array.Resize(ref weights, Count);
        }
        return new ResponseTable(_definition, Count, columns, weights, Synthetic);
    }

    private void Add(Slot slot)
    {
        _slotIndex[slot.Key] = _slots.Count;
        _slots.Add(slot);
    }

    internal static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private abstract class Slot(string key)
    {
        public string Key { get; } = key;
        public byte[] KeyUtf8 { get; } = System.Text.Encoding.UTF8.GetBytes(key);
        public abstract string? Set(int row, ReadOnlySpan<char> value);
        public abstract void Grow(int capacity);
        public abstract Column Build(int count);
    }

    private sealed class CategorySlot : Slot
    {
        private readonly List<string> _codes;
        private readonly Dictionary<string, ushort> _lookup = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ushort>.AlternateLookup<ReadOnlySpan<char>> _lookupBySpan;
        private readonly bool _open;
        private ushort[] _values = [];

        public CategorySlot(string key, IReadOnlyList<string> codes, bool open) : base(key)
        {
            _codes = [.. codes];
            _open = open;
            for (var i = 0; i < _codes.Count; i++) _lookup[_codes[i]] = (ushort)(i + 1);
            _lookupBySpan = _lookup.GetAlternateLookup<ReadOnlySpan<char>>();
            _utf8 = [.. _codes.Select(System.Text.Encoding.UTF8.GetBytes)];
        }

        // The declared codes in UTF-8 (labels added later by an open slot are found through the text path).
        private readonly byte[][] _utf8;

        public bool TrySetCode(int row, ReadOnlySpan<byte> utf8)
        {
            for (var i = 0; i < _utf8.Length; i++)
            {
                if (utf8.SequenceEqual(_utf8[i]))
                {
                    _values[row] = (ushort)(i + 1);
                    return true;
                }
            }
            return false;
        }

        public override string? Set(int row, ReadOnlySpan<char> value)
        {
            if (_lookupBySpan.TryGetValue(value, out var index))
            {
                _values[row] = index;
                return null;
            }
            if (!_open)
                return $"'{Shorten(value.ToString())}' is not a code of {Key}; allowed: {string.Join(", ", _codes)}";
            if (value.Length > 100)
                return $"a {Key} label may have at most 100 characters";
            if (_codes.Count >= ushort.MaxValue - 1)
                return $"too many different {Key} labels (at most {ushort.MaxValue - 2})";
            var label = value.ToString();
            _codes.Add(label);
            _values[row] = _lookup[label] = (ushort)_codes.Count;
            return null;
        }

        public override void Grow(int capacity) => Array.Resize(ref _values, capacity);

        public override Column Build(int count)
        {
            var values = _values;
            Array.Resize(ref values, count);
            return new CategoryColumn(Key, _codes, values);
        }
    }

    private sealed class MultiSlot(string key, IReadOnlyList<string> codes) : Slot(key)
    {
        private ulong[] _masks = [];

        public override string? Set(int row, ReadOnlySpan<char> value)
        {
            ulong mask = 0;
            foreach (var range in value.Split(' '))
            {
                var part = value[range];
                if (part.IsEmpty) continue;
                var i = IndexOf(part);
                if (i < 0)
                    return $"'{Shorten(part.ToString())}' is not a code of {Key}; allowed: codes separated by a space among {string.Join(", ", codes)}";
                mask |= 1UL << i;
            }
            _masks[row] = mask;
            return null;
        }

        private int IndexOf(ReadOnlySpan<char> code)
        {
            for (var i = 0; i < codes.Count; i++)
                if (code.SequenceEqual(codes[i])) return i;
            return -1;
        }

        public override void Grow(int capacity) => Array.Resize(ref _masks, capacity);

        public override Column Build(int count)
        {
            var masks = _masks;
            Array.Resize(ref masks, count);
            return new MultiColumn(Key, codes, masks);
        }
    }

    private sealed class NumberSlot(string key, int min, int max, bool integer) : Slot(key)
    {
        private double[] _values = [];

        public override string? Set(int row, ReadOnlySpan<char> value)
        {
            if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                return $"'{Shorten(value.ToString())}' is not a whole number; allowed: integers {min} to {max}";
            if (integer && (number < min || number > max))
                return $"{number} is out of range for {Key}; allowed: integers {min} to {max}";
            _values[row] = number;
            return null;
        }

        public override void Grow(int capacity)
        {
            var old = _values.Length;
            Array.Resize(ref _values, capacity);
            Array.Fill(_values, double.NaN, old, capacity - old);
        }

        public override Column Build(int count)
        {
            var values = _values;
            Array.Resize(ref values, count);
            return new NumberColumn(Key, values);
        }
    }

    private sealed class TextSlot(string key, int maxLength) : Slot(key)
    {
        private string?[] _values = [];

        public override string? Set(int row, ReadOnlySpan<char> value)
        {
            if (maxLength > 0 && value.Length > maxLength)
                return $"the text has {value.Length} characters; allowed: at most {maxLength}";
            _values[row] = value.ToString();
            return null;
        }

        public override void Grow(int capacity) => Array.Resize(ref _values, capacity);

        public override Column Build(int count)
        {
            var values = _values;
            Array.Resize(ref values, count);
            return new TextColumn(Key, values);
        }
    }
}
