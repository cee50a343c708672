using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Web.Features.Surveys;

/// <summary>
/// The names a run gives its area codes, per language of the survey, as stored in <c>SurveyRun.AreaLabelsJson</c>:
/// <c>{"eastside": {"en": "Eastside", "ar": "الجانب الشرقي"}}</c>. An older <c>{"area_1": "Northside"}</c> names an
/// area alike in every language.
/// </summary>
public static class AreaNames
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Code → language → name; blank names are left out. Unreadable JSON reads as no names (the survey's labels then show).</summary>
    public static Dictionary<string, Dictionary<string, string>> Read(string? json)
    {
        var names = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
            return names;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return names;
        }
        if (root is not JsonObject codes)
            return names;
        foreach (var (code, value) in codes)
        {
            var byLanguage = new Dictionary<string, string>(StringComparer.Ordinal);
            if (value is JsonValue single && single.TryGetValue<string>(out var name) && !string.IsNullOrWhiteSpace(name))
            {
                byLanguage[""] = name.Trim();
            }
            else if (value is JsonObject languages)
            {
                foreach (var (language, text) in languages)
                {
                    if (text is JsonValue v && v.TryGetValue<string>(out var t) && !string.IsNullOrWhiteSpace(t))
                        byLanguage[language] = t.Trim();
                }
            }
            if (byLanguage.Count > 0)
                names[code] = byLanguage;
        }
        return names;
    }

    public static string Write(IReadOnlyDictionary<string, Dictionary<string, string>> names)
    {
        var root = new JsonObject();
        foreach (var (code, byLanguage) in names)
        {
            var languages = new JsonObject();
            foreach (var (language, name) in byLanguage.Where(n => !string.IsNullOrWhiteSpace(n.Value)))
                languages[language] = name.Trim();
            if (languages.Count > 0)
                root[code] = languages;
        }
        return root.Count == 0 ? "" : root.ToJsonString(Compact);
    }

    /// <summary>
    /// An area's name in <paramref name="language"/>: the run's name in that language, else the run's name in the survey's
    /// default language, else the survey's own label of the code, else the code made readable ("north_side" → "North side").
    /// Respondents never see a bare code.
    /// </summary>
    public static string Name(IReadOnlyDictionary<string, Dictionary<string, string>> names, SurveyDefinition definition, SurveyItem item,
        string code, string language)
    {
        if (names.TryGetValue(code, out var byLanguage))
        {
            if (byLanguage.TryGetValue(language, out var name) || byLanguage.TryGetValue("", out name)
                || byLanguage.TryGetValue(definition.DefaultLanguage, out name))
            {
                return name;
            }
        }
        if (item.FindOption(code) is { } option)
            return option.Label.Get(language);
        return Readable(code);
    }

    /// <summary>The languages of the survey an area has no name of its own in (the survey's default labels then stand in).</summary>
    public static IReadOnlyList<string> Missing(IReadOnlyDictionary<string, Dictionary<string, string>> names, string code, IEnumerable<string> languages) =>
        names.TryGetValue(code, out var byLanguage) && byLanguage.ContainsKey("")
            ? []
            : languages.Where(l => byLanguage is null || !byLanguage.ContainsKey(l)).ToList();

    public static string Readable(string code)
    {
        var words = code.Replace('_', ' ').Trim();
        return words.Length == 0 ? code : char.ToUpperInvariant(words[0]) + words[1..];
    }
}

/// <summary>
/// A run's own help lines for the thank-you page (legal aid, victim services, hotlines), stored in <c>SurveyRun.HelpLinesJson</c>
/// in the survey file's <c>thank_you.resources</c> form. Empty: the survey's own; <c>[]</c>: none.
/// </summary>
public static class HelpLines
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One help line as edited: name and description per language, phone and address.</summary>
    public sealed class Line
    {
        public Dictionary<string, string> Name { get; set; } = [];
        public Dictionary<string, string> Description { get; set; } = [];
        public string? Phone { get; set; }
        public string? Url { get; set; }
    }

    /// <summary>The lines stored for a run; null when it keeps the survey's own. Unreadable JSON reads as the survey's own.</summary>
    public static List<Line>? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return null;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
        if (root is not JsonArray array)
            return null;
        var lines = new List<Line>();
        foreach (var node in array.OfType<JsonObject>())
        {
            lines.Add(new Line
            {
                Name = Texts(node["name"]),
                Description = Texts(node["description"]),
                Phone = Text(node["phone"]),
                Url = Text(node["url"]),
            });
        }
        return lines;
    }

    /// <summary>The survey's own help lines in the editable form, to start from.</summary>
    public static List<Line> From(IEnumerable<HelpResource> resources) =>
        resources.Select(r => new Line
        {
            Name = r.Name.Values.ToDictionary(v => v.Key, v => v.Value),
            Description = r.Description?.Values.ToDictionary(v => v.Key, v => v.Value) ?? [],
            Phone = r.Phone,
            Url = r.Url,
        }).ToList();

    /// <summary>JSON to store; null lines = the survey's own (empty string).</summary>
    public static string Write(IReadOnlyList<Line>? lines)
    {
        if (lines is null)
            return "";
        var array = new JsonArray();
        foreach (var line in lines)
        {
            var node = new JsonObject { ["name"] = TextsNode(line.Name) };
            if (TextsNode(line.Description) is { Count: > 0 } description)
                node["description"] = description;
            if (!string.IsNullOrWhiteSpace(line.Phone))
                node["phone"] = line.Phone.Trim();
            if (!string.IsNullOrWhiteSpace(line.Url))
                node["url"] = line.Url.Trim();
            array.Add(node);
        }
        return array.ToJsonString(Compact);
    }

    /// <summary>
    /// What the thank-you page shows for a run: its own lines, each text given in every language of the survey (a missing
    /// translation shows the default language's); the survey's own when the run has none of its own.
    /// </summary>
    public static IReadOnlyList<HelpResource> Resolve(string? json, SurveyDefinition definition)
    {
        if (Read(json) is not { } lines)
            return definition.ThankYou.Resources;
        return lines.Where(l => l.Name.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
            .Select(l => new HelpResource(
                Localized(l.Name, definition),
                l.Description.Values.Any(v => !string.IsNullOrWhiteSpace(v)) ? Localized(l.Description, definition) : null,
                string.IsNullOrWhiteSpace(l.Phone) ? null : l.Phone,
                string.IsNullOrWhiteSpace(l.Url) ? null : l.Url))
            .ToList();
    }

    private static LocalizedText Localized(Dictionary<string, string> texts, SurveyDefinition definition)
    {
        var fallback = texts.GetValueOrDefault(definition.DefaultLanguage) is { Length: > 0 } d ? d
            : texts.Values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "";
        return new LocalizedText(definition.Languages.ToDictionary(l => l,
            l => texts.GetValueOrDefault(l) is { } t && !string.IsNullOrWhiteSpace(t) ? t : fallback));
    }

    private static Dictionary<string, string> Texts(JsonNode? node) =>
        node is JsonObject obj
            ? obj.Where(p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s))
                .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>().Trim())
            : [];

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

    private static JsonObject TextsNode(Dictionary<string, string> texts)
    {
        var node = new JsonObject();
        foreach (var (language, text) in texts.Where(t => !string.IsNullOrWhiteSpace(t.Value)))
            node[language] = text.Trim();
        return node;
    }
}
