using System.Text.Json;

namespace SurveyPlatform.Core.Definitions.Loading;

/// <summary>Reads one question: its key, type, texts and the properties its type takes (options, bounds, length).</summary>
internal static class ItemReader
{
    private static readonly string[] Common = ["key", "type", "text", "help", "required", "shown_when"];

    /// <summary>Properties that only some item types take, with those types.</summary>
    private static readonly Dictionary<string, ItemType[]> TypeSpecific = new()
    {
        ["options"] = [ItemType.Single, ItemType.Multiple],
        ["options_from_run"] = [ItemType.Single],
        ["min"] = [ItemType.Scale, ItemType.Number],
        ["max"] = [ItemType.Scale, ItemType.Number],
        ["min_label"] = [ItemType.Scale],
        ["max_label"] = [ItemType.Scale],
        ["max_length"] = [ItemType.Text],
    };

    private static readonly LocalizedText Missing = new(new Dictionary<string, string>());

    /// <summary>The item, or null when its key or type is unusable (the problem is reported).</summary>
    public static SurveyItem? Read(JsonElement element, string path, ReadContext context)
    {
        var o = JsonObjectReader.Open(element, path, context, "an item");
        if (o is null)
            return null;
        var key = o.String("key", required: true);
        if (key is not null && !DefinitionPatterns.Key().IsMatch(key))
            o.Error("key", $"'{key}' is not a valid key: a lower-case letter, then lower-case letters, digits or '_' (e.g. born_here)");
        var typeName = o.String("type", required: true);
        ItemType? type = typeName is not null && ItemTypes.ByFileName.TryGetValue(typeName, out var t) ? t : null;
        if (typeName is not null && type is null)
            o.Error("type", $"'{typeName}' is not an item type; allowed: {string.Join(", ", ItemTypes.ByFileName.Keys)}");
        RejectMisplaced(o, type);

        var text = o.Text("text", required: true);
        var help = o.Text("help", required: false);
        var required = o.Boolean("required") ?? false;
        var shownWhenSource = o.String("shown_when", required: false);
        var shownWhen = ConditionReader.Parse(shownWhenSource, o.PathOf("shown_when"), context);
        if (key is null || type is not { } itemType)
        {
            if (key is not null)
                context.BrokenItemKeys.Add(key);
            return null;
        }

        var item = new SurveyItem
        {
            Key = key,
            Type = itemType,
            Text = text ?? Missing,
            Help = help,
            Required = required,
            ShownWhen = shownWhen,
            ShownWhenSource = shownWhenSource,
        };
        return itemType switch
        {
            ItemType.Single or ItemType.Multiple => item with
            {
                Options = ReadOptions(o, context),
                OptionsFromRun = itemType == ItemType.Single && (o.Boolean("options_from_run") ?? false),
            },
            ItemType.Scale or ItemType.Number => ReadBounds(o, item),
            _ => item with { MaxLength = ReadMaxLength(o) },
        };
    }

    private static void RejectMisplaced(JsonObjectReader o, ItemType? type)
    {
        var allowed = Common.Concat(TypeSpecific.Where(p => type is null || p.Value.Contains(type.Value)).Select(p => p.Key)).ToList();
        foreach (var name in o.PropertyNames.Distinct())
        {
            if (allowed.Contains(name))
                continue;
            if (TypeSpecific.TryGetValue(name, out var types))
                o.Error(name, $"'{name}' applies only to {string.Join(" and ", types.Select(ItemTypes.Name))} items, not to {ItemTypes.Name(type!.Value)} items");
            else
                o.Error(name, $"unknown property; allowed for {(type is { } t ? $"a {ItemTypes.Name(t)} item" : "an item")}: {string.Join(", ", allowed)}");
        }
    }

    private static List<ItemOption> ReadOptions(JsonObjectReader item, ReadContext context)
    {
        var elements = item.List("options", required: true);
        if (elements.Count == 0 && item.Has("options"))
            item.Error("options", "a choice item needs at least one option");
        var options = new List<ItemOption>();
        var firstIndexOfCode = new Dictionary<string, int>();
        for (var i = 0; i < elements.Count; i++)
        {
            var o = JsonObjectReader.Open(elements[i].Element, elements[i].Path, context, "an option");
            if (o is null)
                continue;
            o.RejectUnknown(["code", "label"]);
            var code = o.String("code", required: true);
            var label = o.Text("label", required: true) ?? Missing;
            if (code is null)
                continue;
            if (!DefinitionPatterns.Code().IsMatch(code))
                o.Error("code", $"'{code}' is not a valid code: lower-case letters, digits and '_' only (e.g. agree_some, 18_24)");
            if (firstIndexOfCode.TryGetValue(code, out var first))
                o.Error("code", $"code '{code}' is already used by options[{first}] of this item; codes must be unique within an item");
            else
                firstIndexOfCode[code] = i;
            options.Add(new ItemOption(code, label));
        }
        return options;
    }

    private static SurveyItem ReadBounds(JsonObjectReader o, SurveyItem item)
    {
        var min = o.Integer("min", required: true);
        var max = o.Integer("max", required: true);
        if (min > max)
            o.Error("min", $"min ({min}) is greater than max ({max}); the bounds are inclusive, e.g. min 0 and max 10");
        return item with
        {
            Min = min ?? 0,
            Max = max ?? 0,
            MinLabel = item.Type == ItemType.Scale ? o.Text("min_label", required: false) : null,
            MaxLabel = item.Type == ItemType.Scale ? o.Text("max_label", required: false) : null,
        };
    }

    private static int ReadMaxLength(JsonObjectReader o)
    {
        if (!o.Has("max_length"))
        {
            // Required so that nobody can paste a book into a free-text answer and so reports stay readable.
            o.Error("max_length", "is required for text items: the most characters an answer may have, e.g. 2000");
            return 0;
        }
        var maxLength = o.Integer("max_length", required: true);
        if (maxLength < 1)
            o.Error("max_length", $"must be at least 1, not {maxLength}");
        return maxLength ?? 0;
    }
}
