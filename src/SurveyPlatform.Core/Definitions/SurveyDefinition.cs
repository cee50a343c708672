using System.Runtime.CompilerServices;

namespace SurveyPlatform.Core.Definitions;

/// <summary>
/// A survey as loaded from a <c>*.survey.json</c> file: pages of items in several languages, the
/// consent and thank-you pages, and the indicators computed from its answers.
/// Loaded and validated by <see cref="DefinitionLoader"/>; immutable afterwards and safe to cache.
/// </summary>
public sealed record SurveyDefinition
{
    /// <summary>Stable id, e.g. <c>community-trust</c>. Also the default slug of its runs.</summary>
    public required string Id { get; init; }
    /// <summary>Version label of the wording (e.g. <c>1.0.0</c>); printed on reports.</summary>
    public required string Version { get; init; }
    public required string DefaultLanguage { get; init; }
    /// <summary>BCP 47 codes in display order; the first is the fallback.</summary>
    public required IReadOnlyList<string> Languages { get; init; }
    public required LocalizedText Title { get; init; }
    public required ConsentPage Consent { get; init; }
    public required IReadOnlyList<SurveyPage> Pages { get; init; }
    public required ThankYouPage ThankYou { get; init; }
    public IReadOnlyList<IndicatorDefinition> Indicators { get; init; } = [];
    /// <summary>Item keys (single choice) plus <c>site</c>, <c>wave</c>, <c>lang</c> offered as breakdowns.</summary>
    public IReadOnlyList<string> Breakdowns { get; init; } = [];

    /// <summary>All items in page order.</summary>
    public IReadOnlyList<SurveyItem> Items => Index.Items;

    public SurveyItem? FindItem(string key) => Index.ByKey.GetValueOrDefault(key);

    // The respondent pages look items up on every request; the list and the index are made once per set of pages
    // (a copy made with `with { Pages = … }` gets its own). Kept beside the record, not in a field of it, so that
    // equality and copies see only the definition.
    private static readonly ConditionalWeakTable<IReadOnlyList<SurveyPage>, ItemIndex> Indexes = new();

    private ItemIndex Index => Indexes.GetValue(Pages, pages => new ItemIndex(pages));

    private sealed class ItemIndex
    {
        public ItemIndex(IReadOnlyList<SurveyPage> pages)
        {
            Items = [.. pages.SelectMany(p => p.Items)];
            foreach (var item in Items)
                ByKey.TryAdd(item.Key, item); // the first of a key, as a search in page order would find
        }

        public IReadOnlyList<SurveyItem> Items { get; }
        public Dictionary<string, SurveyItem> ByKey { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>Text in several languages, keyed by BCP 47 code.</summary>
public sealed class LocalizedText(IReadOnlyDictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    /// <summary>
    /// The text in <paramref name="language"/>; when missing, where the platform's own words fall back to
    /// (<see cref="Localization.Languages.Pick"/>: the language without its region, then English), else the first text.
    /// </summary>
    public string Get(string language) =>
        Values.TryGetValue(language, out var text) ? text
        : Localization.Languages.Pick(Values, language) ?? Values.Values.FirstOrDefault() ?? "";

    public override string ToString() => Get("en");
}

public sealed record ConsentPage(LocalizedText Title, IReadOnlyList<LocalizedText> Paragraphs, LocalizedText Agree);

public sealed record ThankYouPage(LocalizedText Title, IReadOnlyList<LocalizedText> Paragraphs, IReadOnlyList<HelpResource> Resources);

/// <summary>A local help resource shown on the thank-you page (legal aid, victim services, hotline).</summary>
public sealed record HelpResource(LocalizedText Name, LocalizedText? Description, string? Phone, string? Url);

public sealed record SurveyPage(string Id, LocalizedText Title, LocalizedText? Intro, IReadOnlyList<SurveyItem> Items);

public enum ItemType { Single, Multiple, Scale, Number, Text }

public sealed record SurveyItem
{
    public required string Key { get; init; }
    public required ItemType Type { get; init; }
    public required LocalizedText Text { get; init; }
    public LocalizedText? Help { get; init; }
    /// <summary>Default false: nobody is ever forced to answer a sensitive question.</summary>
    public bool Required { get; init; }
    /// <summary>Null when always shown.</summary>
    public Condition? ShownWhen { get; init; }
    /// <summary>The condition as written in the file (for messages and the questionnaire print-out).</summary>
    public string? ShownWhenSource { get; init; }
    /// <summary>Single and multiple choice.</summary>
    public IReadOnlyList<ItemOption> Options { get; init; } = [];
    /// <summary>Scale and number: inclusive bounds.</summary>
    public int Min { get; init; }
    public int Max { get; init; }
    public LocalizedText? MinLabel { get; init; }
    public LocalizedText? MaxLabel { get; init; }
    /// <summary>Free text: maximum length in characters.</summary>
    public int MaxLength { get; init; }
    /// <summary>When true the run's area codes replace <see cref="Options"/> (the <c>area</c> item).</summary>
    public bool OptionsFromRun { get; init; }

    public ItemOption? FindOption(string code) => Options.FirstOrDefault(o => o.Code == code);
}

public sealed record ItemOption(string Code, LocalizedText Label);
