using System.Text.Json;
using System.Text.Json.Nodes;

namespace SurveyPlatform.Web.Features.Surveys;

/// <summary>One text of a definition in every language: where it is (JSON path), a readable label, and its wording per language.</summary>
public sealed record TranslatedText(string Path, string Label, IReadOnlyDictionary<string, string> Text);

/// <summary>
/// The texts of a survey definition, read from and written back into its JSON. Only the wording of texts changes:
/// item keys, answer codes, conditions and every other field are copied as they are, so respondents' answers keep
/// their meaning across versions.
/// </summary>
public static class Translations
{
    public static IReadOnlyList<string> Languages(string json) =>
        JsonNode.Parse(json)?["languages"]?.AsArray().Select(l => l!.GetValue<string>()).ToList() ?? [];

    /// <summary>Every localized text (an object whose keys are all languages of the survey), in document order.</summary>
    public static IReadOnlyList<TranslatedText> Read(string json)
    {
        var root = JsonNode.Parse(json)!;
        var languages = Languages(json).ToHashSet(StringComparer.Ordinal);
        var texts = new List<TranslatedText>();
        Walk(root, "$", "", languages, texts);
        return texts;
    }

    /// <summary>Share of texts with wording in <paramref name="language"/> (0 to 1).</summary>
    public static double Completeness(IReadOnlyList<TranslatedText> texts, string language) =>
        texts.Count == 0 ? 1 : texts.Count(t => !string.IsNullOrWhiteSpace(t.Text.GetValueOrDefault(language))) / (double)texts.Count;

    /// <summary>The definition with new wording for some texts (path → language → text) and a new version label.</summary>
    public static string Apply(string json, IReadOnlyDictionary<string, Dictionary<string, string>> changes, string version)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        foreach (var (path, byLanguage) in changes)
        {
            if (Find(root, path) is not JsonObject text)
                throw new ArgumentException($"No text at {path}.", nameof(changes));
            foreach (var (language, wording) in byLanguage)
                text[language] = wording.Trim();
        }
        root["version"] = version;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>
    /// Whether two definitions differ in wording only: with every localized text and the version label left out, the same
    /// JSON (item keys, types, answer codes, conditions, indicators and breakdowns as they were), so that stored answers
    /// keep their meaning under either.
    /// </summary>
    public static bool OnlyWordingDiffers(string before, string after) =>
        JsonNode.DeepEquals(Skeleton(before), Skeleton(after));

    /// <summary>The changed texts in words, e.g. "2 texts changed: area · text (es), consent · agree (ar, ht)".</summary>
    public static string Describe(string json, IReadOnlyDictionary<string, Dictionary<string, string>> changes)
    {
        var labels = Read(json).ToDictionary(t => t.Path, t => t.Label, StringComparer.Ordinal);
        var parts = changes.Where(c => c.Value.Count > 0)
            .Select(c => $"{labels.GetValueOrDefault(c.Key, c.Key)} ({string.Join(", ", c.Value.Keys)})").ToList();
        return $"{parts.Count} {(parts.Count == 1 ? "text" : "texts")} changed: {string.Join(", ", parts)}";
    }

    private static JsonNode Skeleton(string json)
    {
        var root = JsonNode.Parse(json)!;
        (root as JsonObject)?.Remove("version");
        Strip(root, Languages(json).ToHashSet(StringComparer.Ordinal));
        return root;
    }

    /// <summary>Replaces every localized text under <paramref name="node"/> by null.</summary>
    private static void Strip(JsonNode? node, HashSet<string> languages)
    {
        bool IsText(JsonNode? n) => n is JsonObject o && o.Count > 0 && o.All(p => languages.Contains(p.Key) && p.Value is JsonValue);
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (IsText(obj[name]))
                        obj[name] = null;
                    else
                        Strip(obj[name], languages);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (IsText(array[i]))
                        array[i] = null;
                    else
                        Strip(array[i], languages);
                }
                break;
        }
    }

    /// <summary>The next version label of an edited definition: 1.0.0 → 1.0.0-edit.1 → 1.0.0-edit.2.</summary>
    public static string NextVersion(string version, IEnumerable<string> taken)
    {
        var stem = version.Split("-edit.")[0];
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var n = 1;
        while (used.Contains($"{stem}-edit.{n}"))
            n++;
        return $"{stem}-edit.{n}";
    }

    /// <summary>Labels read like "area › area_1 · label": the item key, the answer code, then the field.</summary>
    private static void Walk(JsonNode? node, string path, string label, HashSet<string> languages, List<TranslatedText> texts)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0 && obj.All(p => languages.Contains(p.Key) && p.Value is JsonValue):
                texts.Add(new TranslatedText(path, label, obj.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>())));
                break;
            case JsonObject obj:
                var context = obj["key"] is JsonValue key ? key.GetValue<string>()
                    : obj["code"] is JsonValue code ? $"{label} › {code.GetValue<string>()}"
                    : label;
                foreach (var (name, child) in obj)
                    Walk(child, $"{path}.{name}", path == "$" ? name : $"{context} · {name}", languages, texts);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var element = array[i] is JsonObject o && (o.ContainsKey("key") || o.ContainsKey("code")) ? label[..Math.Max(0, label.LastIndexOf(" · ", StringComparison.Ordinal))] : $"{label} {i + 1}";
                    Walk(array[i], $"{path}[{i}]", element, languages, texts);
                }
                break;
        }
    }

    private static JsonNode? Find(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var part in System.Text.RegularExpressions.Regex.Matches(path[1..], @"\.([^.\[]+)|\[(\d+)\]").Cast<System.Text.RegularExpressions.Match>())
        {
            node = part.Groups[1].Success ? (node as JsonObject)?[part.Groups[1].Value] : (node as JsonArray) is { } a && int.Parse(part.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < a.Count ? a[i] : null;
            if (node is null)
                return null;
        }
        return node;
    }
}
