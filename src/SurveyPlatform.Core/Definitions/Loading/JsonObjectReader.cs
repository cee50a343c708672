using System.Text.Json;

namespace SurveyPlatform.Core.Definitions.Loading;

/// <summary>
/// Reads the properties of one JSON object, reporting every missing, mistyped or unknown property at
/// its JSON path. Readers return null (or an empty list) for a broken value so that reading goes on
/// and all problems of a file are listed at once.
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly JsonElement _element;
    private readonly ReadContext _context;

    private JsonObjectReader(JsonElement element, string path, ReadContext context)
    {
        _element = element;
        Path = path;
        _context = context;
    }

    public string Path { get; }

    /// <summary>A reader for <paramref name="element"/>, or null (and an error) when it is not an object.</summary>
    public static JsonObjectReader? Open(JsonElement element, string path, ReadContext context, string what)
    {
        if (element.ValueKind == JsonValueKind.Object)
            return new JsonObjectReader(element, path, context);
        context.Error(path, $"{what} must be an object {{ … }}, not {Describe(element)}");
        return null;
    }

    public string PathOf(string name) => JsonPath.Property(Path, name);

    public bool Has(string name) => _element.TryGetProperty(name, out _);

    public IEnumerable<string> PropertyNames => _element.EnumerateObject().Select(p => p.Name);

    public void Error(string name, string message) => _context.Error(PathOf(name), message);

    /// <summary>Reports properties not in <paramref name="allowed"/>: a misspelt optional key would otherwise be silently ignored.</summary>
    public void RejectUnknown(IReadOnlyCollection<string> allowed)
    {
        foreach (var name in PropertyNames.Where(n => !allowed.Contains(n)).Distinct())
            Error(name, $"unknown property; allowed: {string.Join(", ", allowed.Where(a => a != "$schema"))}");
    }

    public string? String(string name, bool required)
    {
        if (!TryGet(name, required, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
            return value.GetString();
        Error(name, value.ValueKind == JsonValueKind.String ? "must not be empty" : $"must be a string, not {Describe(value)}");
        return null;
    }

    public int? Integer(string name, bool required)
    {
        if (!TryGet(name, required, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            return Fail<int>(name, $"must be a whole number, not {Describe(value)}");
        return number;
    }

    public double? PositiveNumber(string name)
    {
        if (!TryGet(name, required: false, out var value))
            return null;
        // A number too large for a double (1e400) reads as infinity, which no indicator can scale by.
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || number <= 0 || !double.IsFinite(number))
            return Fail<double>(name, $"must be a number greater than 0, not {Describe(value)}");
        return number;
    }

    public bool? Boolean(string name)
    {
        if (!TryGet(name, required: false, out var value))
            return null;
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            return Fail<bool>(name, $"must be true or false, not {Describe(value)}");
        return value.GetBoolean();
    }

    public JsonObjectReader? Object(string name, bool required, string what)
    {
        if (_element.TryGetProperty(name, out var value))
            return Open(value, PathOf(name), _context, what);
        if (required)
            Error(name, "is required and must be an object");
        return null;
    }

    /// <summary>The elements of a list with their paths; empty when the list is missing or not a list.</summary>
    public IReadOnlyList<(JsonElement Element, string Path)> List(string name, bool required)
    {
        if (!TryGet(name, required, out var value))
            return [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(name, $"must be a list [ … ], not {Describe(value)}");
            return [];
        }
        return value.EnumerateArray().Select((e, i) => (e, JsonPath.Index(PathOf(name), i))).ToList();
    }

    /// <summary>A list of strings with their paths, or null when absent; wrong elements are reported and left out.</summary>
    public IReadOnlyList<(string Value, string Path)>? Strings(string name, bool required)
    {
        if (!Has(name))
        {
            if (required)
                Error(name, "is required");
            return null;
        }
        var strings = new List<(string, string)>();
        foreach (var (element, path) in List(name, required))
        {
            if (element.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(element.GetString()))
                strings.Add((element.GetString()!, path));
            else
                _context.Error(path, $"must be a non-empty string, not {Describe(element)}");
        }
        return strings;
    }

    public LocalizedText? Text(string name, bool required) =>
        TryGet(name, required, out var value) ? LocalizedTextReader.Read(value, PathOf(name), _context) : null;

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        if (_element.TryGetProperty(name, out value))
            return true;
        if (required)
            Error(name, "is required");
        return false;
    }

    private T? Fail<T>(string name, string message) where T : struct
    {
        Error(name, message);
        return null;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };
}
