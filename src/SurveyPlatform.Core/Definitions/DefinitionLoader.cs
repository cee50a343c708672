using System.Text.Json;
using System.Text.RegularExpressions;

namespace SurveyPlatform.Core.Definitions;

/// <summary>
/// Reads a <c>*.survey.json</c> file (format: surveys/FORMAT.md) and checks everything: shape, keys,
/// codes, translations, conditions and indicators. Every problem is reported with the file and JSON path.
/// </summary>
public static partial class DefinitionLoader
{
    public static SurveyDefinition LoadFile(string path) => Load(File.ReadAllText(path), Path.GetFileName(path));

    public static SurveyDefinition Load(string json, string fileName)
    {
        var reader = new Reader(fileName);
        SurveyDefinition? definition = null;
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            definition = reader.Read(doc.RootElement);
        }
        catch (JsonException e)
        {
            reader.Error("$", $"not valid JSON: {e.Message}");
        }
        if (reader.Errors.Count > 0 || definition is null)
            throw new DefinitionException(reader.Errors);
        return definition;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")] internal static partial Regex KeyPattern();
    [GeneratedRegex("^[a-z0-9_]+$")] internal static partial Regex CodePattern();
    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")] internal static partial Regex IdPattern();

    internal static readonly string[] MetaBreakdowns = ["site", "wave", "lang"];
}

/// <summary>Walks the JSON and collects errors; a broken part yields a placeholder so checking can go on.</summary>
internal sealed class Reader(string file)
{
    public List<DefinitionError> Errors { get; } = [];
    private IReadOnlyList<string> _languages = [];

    public void Error(string path, string message) => Errors.Add(new DefinitionError(file, path, message));

    public SurveyDefinition? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) { Error("$", "the definition must be a JSON object"); return null; }
        Only(root, "$", "$schema", "id", "version", "default_language", "languages", "title", "consent", "pages", "thank_you", "indicators", "breakdowns");
        var id = String(root, "$", "id", required: true) ?? "";
        if (id.Length > 0 && !DefinitionLoader.IdPattern().IsMatch(id)) Error("$.id", $"'{id}' is not a valid id (lower-case letters, digits and '-')");
        var version = String(root, "$", "version", required: true) ?? "";
        var languages = Array(root, "$", "languages", required: true).Select((e, i) => e.ValueKind == JsonValueKind.String ? e.GetString()! : Bad<string>($"$.languages[{i}]", "must be a language code", "")).ToList();
        if (languages.Count == 0) Error("$.languages", "at least one language is required");
        foreach (var dup in languages.GroupBy(l => l).Where(g => g.Count() > 1)) Error("$.languages", $"language '{dup.Key}' is listed twice");
        _languages = languages;
        var defaultLanguage = String(root, "$", "default_language", required: true) ?? "";
        if (defaultLanguage.Length > 0 && !languages.Contains(defaultLanguage)) Error("$.default_language", $"'{defaultLanguage}' is not one of languages ({string.Join(", ", languages)})");

        var title = Text(root, "$", "title", required: true)!;
        var consent = ReadConsent(root);
        var pages = Array(root, "$", "pages", required: true).Select((p, i) => ReadPage(p, $"$.pages[{i}]")).ToList();
        if (pages.Count == 0) Error("$.pages", "at least one page is required");
        var thankYou = ReadThankYou(root);

        CheckItems(pages);
        var items = pages.SelectMany(p => p.Items).ToList();
        var indicators = Array(root, "$", "indicators", required: false).Select((e, i) => ReadIndicator(e, $"$.indicators[{i}]", items)).Where(x => x is not null).Select(x => x!).ToList();
        CheckIndicators(indicators);
        var breakdowns = Array(root, "$", "breakdowns", required: false).Select((e, i) => e.GetString() ?? "").ToList();
        for (var i = 0; i < breakdowns.Count; i++)
        {
            var key = breakdowns[i];
            if (DefinitionLoader.MetaBreakdowns.Contains(key)) continue;
            var item = items.FirstOrDefault(x => x.Key == key);
            if (item is null || item.Type != ItemType.Single)
                Error($"$.breakdowns[{i}]", $"'{key}' is not a single-choice item; allowed: {string.Join(", ", items.Where(x => x.Type == ItemType.Single).Select(x => x.Key).Concat(DefinitionLoader.MetaBreakdowns))}");
        }
        return new SurveyDefinition
        {
            Id = id, Version = version, DefaultLanguage = defaultLanguage, Languages = languages, Title = title,
            Consent = consent, Pages = pages, ThankYou = thankYou, Indicators = indicators, Breakdowns = breakdowns,
        };
    }

    private ConsentPage ReadConsent(JsonElement root)
    {
        var e = Object(root, "$", "consent");
        if (e is not { } c) return new ConsentPage(Empty, [], Empty);
        Only(c, "$.consent", "title", "paragraphs", "agree");
        return new ConsentPage(Text(c, "$.consent", "title", true)!, Paragraphs(c, "$.consent"), Text(c, "$.consent", "agree", true)!);
    }

    private ThankYouPage ReadThankYou(JsonElement root)
    {
        var e = Object(root, "$", "thank_you");
        if (e is not { } t) return new ThankYouPage(Empty, [], []);
        Only(t, "$.thank_you", "title", "paragraphs", "resources");
        var resources = Array(t, "$.thank_you", "resources", false).Select((r, i) =>
        {
            var path = $"$.thank_you.resources[{i}]";
            Only(r, path, "name", "description", "phone", "url");
            return new HelpResource(Text(r, path, "name", true)!, Text(r, path, "description", false), String(r, path, "phone", false), String(r, path, "url", false));
        }).ToList();
        return new ThankYouPage(Text(t, "$.thank_you", "title", true)!, Paragraphs(t, "$.thank_you"), resources);
    }

    private List<LocalizedText> Paragraphs(JsonElement e, string path) =>
        Array(e, path, "paragraphs", false).Select((p, i) => LocalizedValue(p, $"{path}.paragraphs[{i}]")).ToList();

    private SurveyPage ReadPage(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object) { Error(path, "a page must be an object"); return new SurveyPage("", Empty, null, []); }
        Only(e, path, "id", "title", "intro", "items");
        var id = String(e, path, "id", true) ?? "";
        var items = Array(e, path, "items", true).Select((x, i) => ReadItem(x, $"{path}.items[{i}]")).Where(x => x is not null).Select(x => x!).ToList();
        if (items.Count == 0) Error($"{path}.items", "a page needs at least one item");
        return new SurveyPage(id, Text(e, path, "title", true)!, Text(e, path, "intro", false), items);
    }

    private readonly Dictionary<SurveyItem, string> _itemPaths = [];

    private SurveyItem? ReadItem(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object) { Error(path, "an item must be an object"); return null; }
        Only(e, path, "key", "type", "text", "help", "required", "shown_when", "options", "options_from_run", "min", "max", "min_label", "max_label", "max_length");
        var key = String(e, path, "key", true) ?? "";
        if (key.Length > 0 && !DefinitionLoader.KeyPattern().IsMatch(key)) Error($"{path}.key", $"'{key}' is not a valid key (lower-case letter, then letters, digits, '_')");
        var typeName = String(e, path, "type", true) ?? "";
        ItemType type;
        switch (typeName)
        {
            case "single": type = ItemType.Single; break;
            case "multiple": type = ItemType.Multiple; break;
            case "scale": type = ItemType.Scale; break;
            case "number": type = ItemType.Number; break;
            case "text": type = ItemType.Text; break;
            default:
                if (typeName.Length > 0) Error($"{path}.type", $"'{typeName}' is not an item type; allowed: single, multiple, scale, number, text");
                return null;
        }
        var options = new List<ItemOption>();
        var isChoice = type is ItemType.Single or ItemType.Multiple;
        if (e.TryGetProperty("options", out _) && !isChoice) Error($"{path}.options", $"only single and multiple choice items have options, not {typeName}");
        if (isChoice)
        {
            options = Array(e, path, "options", true).Select((o, i) =>
            {
                var op = $"{path}.options[{i}]";
                Only(o, op, "code", "label");
                var code = String(o, op, "code", true) ?? "";
                if (code.Length > 0 && !DefinitionLoader.CodePattern().IsMatch(code)) Error($"{op}.code", $"'{code}' is not a valid code (lower-case letters, digits, '_')");
                return new ItemOption(code, Text(o, op, "label", true)!);
            }).ToList();
            if (options.Count == 0) Error($"{path}.options", "a choice item needs at least one option");
            foreach (var dup in options.GroupBy(o => o.Code).Where(g => g.Count() > 1)) Error($"{path}.options", $"code '{dup.Key}' appears twice");
        }
        int min = 0, max = 0, maxLength = 0;
        if (type is ItemType.Scale or ItemType.Number)
        {
            min = Int(e, path, "min", true) ?? 0;
            max = Int(e, path, "max", true) ?? 0;
            if (min > max) Error($"{path}.min", $"min ({min}) is greater than max ({max})");
        }
        if (type == ItemType.Text)
        {
            maxLength = Int(e, path, "max_length", true) ?? 0;
            if (maxLength <= 0 && e.TryGetProperty("max_length", out _)) Error($"{path}.max_length", "must be a positive number of characters");
        }
        Condition? shownWhen = null;
        var shownSource = String(e, path, "shown_when", false);
        if (shownSource is not null)
        {
            try { shownWhen = ConditionParser.Parse(shownSource); }
            catch (ConditionSyntaxException x) { Error($"{path}.shown_when", x.Message); }
        }
        var item = new SurveyItem
        {
            Key = key, Type = type, Text = Text(e, path, "text", true)!, Help = Text(e, path, "help", false),
            Required = Bool(e, path, "required") ?? false, ShownWhen = shownWhen, ShownWhenSource = shownSource,
            Options = options, Min = min, Max = max, MinLabel = Text(e, path, "min_label", false), MaxLabel = Text(e, path, "max_label", false),
            MaxLength = maxLength, OptionsFromRun = Bool(e, path, "options_from_run") ?? false,
        };
        _itemPaths[item] = path;
        return item;
    }

    private void CheckItems(List<SurveyPage> pages)
    {
        // Skip logic runs on the server between pages (pages work without JavaScript), so a condition may
        // only read items of earlier pages.
        var earlierPages = new List<SurveyItem>();
        var all = new List<SurveyItem>();
        foreach (var page in pages)
        {
            foreach (var item in page.Items)
            {
                var path = _itemPaths[item];
                if (all.Any(s => s.Key == item.Key)) Error($"{path}.key", $"key '{item.Key}' is used by another item");
                if (item.ShownWhen is { } condition)
                {
                    foreach (var key in condition.Keys.Where(k => page.Items.Any(i => i.Key == k)))
                        Error($"{path}.shown_when", $"'{key}' is on the same page; a condition may only use items of earlier pages");
                    CheckCondition(condition, $"{path}.shown_when", earlierPages.Concat(page.Items.Where(i => condition.Keys.Contains(i.Key))).ToList(), "items of earlier pages");
                }
                all.Add(item);
            }
            earlierPages.AddRange(page.Items);
        }
    }

    /// <summary>Keys must name <paramref name="allowed"/> items and codes must be codes they offer.</summary>
    private void CheckCondition(Condition condition, string path, IReadOnlyList<SurveyItem> allowed, string what)
    {
        switch (condition)
        {
            case AndCondition a: CheckCondition(a.Left, path, allowed, what); CheckCondition(a.Right, path, allowed, what); break;
            case OrCondition o: CheckCondition(o.Left, path, allowed, what); CheckCondition(o.Right, path, allowed, what); break;
            case NotCondition n: CheckCondition(n.Inner, path, allowed, what); break;
            case EqualsCondition eq: CheckCodes(eq.Key, [eq.Code], path, allowed, what, false); break;
            case InCondition @in: CheckCodes(@in.Key, @in.Codes, path, allowed, what, false); break;
            case ContainsCondition c: CheckCodes(c.Key, [c.Code], path, allowed, what, true); break;
        }
    }

    private void CheckCodes(string key, IEnumerable<string> codes, string path, IReadOnlyList<SurveyItem> allowed, string what, bool contains)
    {
        var item = allowed.FirstOrDefault(i => i.Key == key);
        if (item is null)
        {
            Error(path, $"unknown item '{key}' (known {what}: {string.Join(", ", allowed.Select(i => i.Key))})");
            return;
        }
        if (contains && item.Type != ItemType.Multiple) { Error(path, $"'contains' needs a multiple-choice item; '{key}' is {item.Type.ToString().ToLowerInvariant()}"); return; }
        if (!contains && item.Type == ItemType.Multiple) { Error(path, $"'{key}' is multiple choice: use '{key} contains <code>'"); return; }
        if (item.Type is not (ItemType.Single or ItemType.Multiple)) { Error(path, $"'{key}' is {item.Type.ToString().ToLowerInvariant()}: conditions compare answer codes of choice items"); return; }
        foreach (var code in codes.Where(c => item.FindOption(c) is null))
            Error(path, $"'{code}' is not a code of '{key}'; allowed: {string.Join(", ", item.Options.Select(o => o.Code))}");
    }

    private IndicatorDefinition? ReadIndicator(JsonElement e, string path, List<SurveyItem> items)
    {
        Only(e, path, "id", "kind", "label", "description", "headline", "item", "positive", "excluded", "among", "items", "scale", "of", "a", "b");
        var id = String(e, path, "id", true) ?? "";
        var kindName = String(e, path, "kind", true) ?? "";
        IndicatorKind kind;
        switch (kindName)
        {
            case "proportion": kind = IndicatorKind.Proportion; break;
            case "mean": kind = IndicatorKind.Mean; break;
            case "difference": kind = IndicatorKind.Difference; break;
            default: Error($"{path}.kind", $"'{kindName}' is not an indicator kind; allowed: proportion, mean, difference"); return null;
        }
        Condition? Cond(string name, out string? source)
        {
            source = String(e, path, name, kind == IndicatorKind.Difference && name != "among");
            if (source is null) return null;
            try { var c = ConditionParser.Parse(source); CheckCondition(c, $"{path}.{name}", items, "items"); return c; }
            catch (ConditionSyntaxException x) { Error($"{path}.{name}", x.Message); return null; }
        }
        var itemKey = String(e, path, "item", kind == IndicatorKind.Proportion);
        var positive = Strings(e, path, "positive");
        var excluded = e.TryGetProperty("excluded", out _) ? Strings(e, path, "excluded") : ["refuse"];
        var meanItems = Strings(e, path, "items");
        if (kind == IndicatorKind.Mean && meanItems.Count == 0 && itemKey is not null) meanItems = [itemKey];
        if (kind == IndicatorKind.Proportion && itemKey is not null)
        {
            var item = items.FirstOrDefault(i => i.Key == itemKey);
            if (item is null) Error($"{path}.item", $"unknown item '{itemKey}'");
            else if (item.Type is not (ItemType.Single or ItemType.Multiple)) Error($"{path}.item", $"a proportion needs a choice item; '{itemKey}' is {item.Type.ToString().ToLowerInvariant()}");
            else foreach (var code in positive.Concat(excluded).Where(c => item.FindOption(c) is null && c != "refuse"))
                Error($"{path}.positive", $"'{code}' is not a code of '{itemKey}'; allowed: {string.Join(", ", item.Options.Select(o => o.Code))}");
            if (positive.Count == 0) Error($"{path}.positive", "a proportion needs at least one positive code");
        }
        if (kind == IndicatorKind.Mean)
        {
            if (meanItems.Count == 0) Error($"{path}.items", "a mean needs at least one scale or number item");
            foreach (var key in meanItems)
            {
                var item = items.FirstOrDefault(i => i.Key == key);
                if (item is null || item.Type is not (ItemType.Scale or ItemType.Number))
                    Error($"{path}.items", $"'{key}' is not a scale or number item");
            }
        }
        var among = Cond("among", out var amongSource);
        var a = kind == IndicatorKind.Difference ? Cond("a", out var aSource) : null;
        var b = kind == IndicatorKind.Difference ? Cond("b", out var bSource) : null;
        return new IndicatorDefinition
        {
            Id = id, Kind = kind, Label = Text(e, path, "label", true)!, Description = Text(e, path, "description", false),
            Headline = Bool(e, path, "headline") ?? false, Item = itemKey, Positive = positive, Excluded = excluded,
            Among = among, AmongSource = amongSource, Items = meanItems, Scale = Double(e, path, "scale") ?? 1,
            Of = String(e, path, "of", kind == IndicatorKind.Difference),
            GroupA = a, GroupASource = kind == IndicatorKind.Difference ? String(e, path, "a", false) : null,
            GroupB = b, GroupBSource = kind == IndicatorKind.Difference ? String(e, path, "b", false) : null,
        };
    }

    private void CheckIndicators(List<IndicatorDefinition> indicators)
    {
        for (var i = 0; i < indicators.Count; i++)
        {
            var indicator = indicators[i];
            if (indicators.Take(i).Any(x => x.Id == indicator.Id)) Error($"$.indicators[{i}].id", $"indicator id '{indicator.Id}' is used twice");
            if (indicator.Kind == IndicatorKind.Difference)
            {
                var of = indicators.FirstOrDefault(x => x.Id == indicator.Of);
                if (of is null || of.Kind == IndicatorKind.Difference)
                    Error($"$.indicators[{i}].of", $"'{indicator.Of}' is not a proportion or mean indicator; allowed: {string.Join(", ", indicators.Where(x => x.Kind != IndicatorKind.Difference).Select(x => x.Id))}");
            }
        }
    }

    // ---- primitive readers ----
    private static readonly LocalizedText Empty = new(new Dictionary<string, string>());

    private void Only(JsonElement e, string path, params string[] allowed)
    {
        if (e.ValueKind != JsonValueKind.Object) { Error(path, "must be an object"); return; }
        foreach (var p in e.EnumerateObject().Where(p => !allowed.Contains(p.Name)))
            Error($"{path}.{p.Name}", $"unknown property; allowed: {string.Join(", ", allowed.Where(a => a != "$schema"))}");
    }

    private T Bad<T>(string path, string message, T value) { Error(path, message); return value; }

    private JsonElement? Object(JsonElement e, string path, string name)
    {
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object) return v;
        Error($"{path}.{name}", "is required and must be an object");
        return null;
    }

    private IEnumerable<JsonElement> Array(JsonElement e, string path, string name, bool required)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            if (required) Error($"{path}.{name}", "is required");
            return [];
        }
        if (v.ValueKind != JsonValueKind.Array) { Error($"{path}.{name}", "must be a list"); return []; }
        return v.EnumerateArray().ToList();
    }

    private List<string> Strings(JsonElement e, string path, string name) =>
        Array(e, path, name, false).Select((x, i) => x.ValueKind == JsonValueKind.String ? x.GetString()! : Bad($"{path}.{name}[{i}]", "must be a string", "")).ToList();

    private string? String(JsonElement e, string path, string name, bool required)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            if (required) Error($"{path}.{name}", "is required");
            return null;
        }
        if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString())) { Error($"{path}.{name}", "must be a non-empty string"); return null; }
        return v.GetString();
    }

    private int? Int(JsonElement e, string path, string name, bool required)
    {
        if (!e.TryGetProperty(name, out var v)) { if (required) Error($"{path}.{name}", "is required"); return null; }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n)) { Error($"{path}.{name}", "must be a whole number"); return null; }
        return n;
    }

    private double? Double(JsonElement e, string path, string name)
    {
        if (!e.TryGetProperty(name, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Number || v.GetDouble() <= 0) { Error($"{path}.{name}", "must be a positive number"); return null; }
        return v.GetDouble();
    }

    private bool? Bool(JsonElement e, string path, string name)
    {
        if (!e.TryGetProperty(name, out var v)) return null;
        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) { Error($"{path}.{name}", "must be true or false"); return null; }
        return v.GetBoolean();
    }

    private LocalizedText? Text(JsonElement e, string path, string name, bool required)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            if (required) Error($"{path}.{name}", "is required");
            return required ? Empty : null;
        }
        return LocalizedValue(v, $"{path}.{name}");
    }

    private LocalizedText LocalizedValue(JsonElement v, string path)
    {
        if (v.ValueKind != JsonValueKind.Object) { Error(path, $"must be an object of language → text ({string.Join(", ", _languages)})"); return Empty; }
        var values = new Dictionary<string, string>();
        foreach (var p in v.EnumerateObject())
        {
            if (!_languages.Contains(p.Name)) { Error($"{path}.{p.Name}", $"'{p.Name}' is not one of the survey's languages ({string.Join(", ", _languages)})"); continue; }
            if (p.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(p.Value.GetString())) { Error($"{path}.{p.Name}", "translation is empty"); continue; }
            values[p.Name] = p.Value.GetString()!;
        }
        foreach (var missing in _languages.Where(l => !values.ContainsKey(l) && !v.TryGetProperty(l, out _)))
            Error(path, $"missing translation for '{missing}'");
        return new LocalizedText(values);
    }
}
