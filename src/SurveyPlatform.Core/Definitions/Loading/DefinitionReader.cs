using System.Text.Json;

namespace SurveyPlatform.Core.Definitions.Loading;

/// <summary>
/// Turns a parsed definition file into a <see cref="SurveyDefinition"/>, in the order the checks need:
/// languages first (every text is checked against them), then pages and items, then what refers to
/// items (conditions, indicators, breakdowns). Broken parts are replaced by placeholders so that every
/// problem is found; the result is only used when no error was reported.
/// </summary>
internal sealed class DefinitionReader(ReadContext context)
{
    private static readonly string[] TopLevel =
        ["$schema", "id", "version", "default_language", "languages", "title", "consent", "pages", "thank_you", "indicators", "breakdowns"];

    /// <summary>Breakdowns that are not items: columns every response has.</summary>
    private static readonly string[] MetaBreakdowns = ["site", "wave", "lang"];

    private static readonly LocalizedText Missing = new(new Dictionary<string, string>());

    public SurveyDefinition? Read(JsonElement root)
    {
        var top = JsonObjectReader.Open(root, "$", context, "a survey definition");
        if (top is null)
            return null;
        top.RejectUnknown(TopLevel);
        var id = top.String("id", required: true);
        if (id is not null && !DefinitionPatterns.SurveyId().IsMatch(id))
            top.Error("id", $"'{id}' is not a valid id: lower-case letters, digits and '-' only (e.g. community-trust)");
        var version = top.String("version", required: true);
        var languages = ReadLanguages(top);
        var defaultLanguage = top.String("default_language", required: true);
        if (defaultLanguage is not null && languages.Count > 0 && !languages.Contains(defaultLanguage))
            top.Error("default_language", $"'{defaultLanguage}' is not one of languages ({string.Join(", ", languages)})");

        var title = top.Text("title", required: true);
        var consent = ReadConsent(top.Object("consent", required: true, "consent"));
        var (pages, items) = ReadPages(top);
        var thankYou = ReadThankYou(top.Object("thank_you", required: true, "thank_you"));
        var indicators = ReadIndicators(top, items);
        var breakdowns = ReadBreakdowns(top, items);

        return new SurveyDefinition
        {
            Id = id ?? "",
            Version = version ?? "",
            DefaultLanguage = defaultLanguage ?? "",
            Languages = languages,
            Title = title ?? Missing,
            Consent = consent,
            Pages = pages,
            ThankYou = thankYou,
            Indicators = indicators,
            Breakdowns = breakdowns,
        };
    }

    private List<string> ReadLanguages(JsonObjectReader top)
    {
        var errorsBefore = context.Errors.Count;
        var languages = top.Strings("languages", required: true);
        if (languages is { Count: 0 } && top.Has("languages"))
            top.Error("languages", "at least one language is required, e.g. [\"en\"]");
        var seen = new HashSet<string>();
        foreach (var (language, path) in languages ?? [])
        {
            if (!DefinitionPatterns.Language().IsMatch(language))
                context.Error(path, $"'{language}' is not a BCP 47 language code such as en, es, zh-Hans");
            else if (!seen.Add(language))
                context.Error(path, $"'{language}' is listed twice");
        }
        var result = languages?.Select(l => l.Value).ToList() ?? [];
        // Texts are checked against the languages only when these are sound; otherwise every text would repeat the mistake.
        context.Languages = context.Errors.Count == errorsBefore && result.Count > 0 ? result : null;
        return result;
    }

    private ConsentPage ReadConsent(JsonObjectReader? consent)
    {
        if (consent is null)
            return new ConsentPage(Missing, [], Missing);
        consent.RejectUnknown(["title", "paragraphs", "agree"]);
        var title = consent.Text("title", required: true);
        var paragraphs = ReadParagraphs(consent, required: true);
        // Consent must explain the survey (voluntary, anonymous): an empty page would ask for agreement to nothing.
        if (paragraphs.Count == 0 && consent.Has("paragraphs"))
            consent.Error("paragraphs", "the consent page needs at least one paragraph");
        return new ConsentPage(title ?? Missing, paragraphs, consent.Text("agree", required: true) ?? Missing);
    }

    private ThankYouPage ReadThankYou(JsonObjectReader? thankYou)
    {
        if (thankYou is null)
            return new ThankYouPage(Missing, [], []);
        thankYou.RejectUnknown(["title", "paragraphs", "resources"]);
        var title = thankYou.Text("title", required: true);
        var paragraphs = ReadParagraphs(thankYou, required: false);
        var resources = new List<HelpResource>();
        foreach (var (element, path) in thankYou.List("resources", required: false))
        {
            var r = JsonObjectReader.Open(element, path, context, "a resource");
            if (r is null)
                continue;
            r.RejectUnknown(["name", "description", "phone", "url"]);
            var name = r.Text("name", required: true);
            var description = r.Text("description", required: false);
            var phone = r.String("phone", required: false);
            var url = r.String("url", required: false);
            // The url becomes a link on the thank-you page: only web addresses, never javascript: or data: links.
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
                r.Error("url", $"'{url}' is not a web address; use a full address starting with https://");
            resources.Add(new HelpResource(name ?? Missing, description, phone, url));
        }
        return new ThankYouPage(title ?? Missing, paragraphs, resources);
    }

    private List<LocalizedText> ReadParagraphs(JsonObjectReader page, bool required) =>
        page.List("paragraphs", required).Select(p => LocalizedTextReader.Read(p.Element, p.Path, context)).ToList();

    private (List<SurveyPage> Pages, ItemCatalog Items) ReadPages(JsonObjectReader top)
    {
        var elements = top.List("pages", required: true);
        if (elements.Count == 0 && top.Has("pages"))
            top.Error("pages", "at least one page is required");
        var pages = new List<SurveyPage>();
        var items = new List<LocatedItem>();
        var pageIdPaths = new Dictionary<string, string>();
        for (var pageIndex = 0; pageIndex < elements.Count; pageIndex++)
        {
            var (element, path) = elements[pageIndex];
            var o = JsonObjectReader.Open(element, path, context, "a page");
            if (o is null)
                continue;
            o.RejectUnknown(["id", "title", "intro", "items"]);
            var id = o.String("id", required: true);
            if (id is not null && !pageIdPaths.TryAdd(id, path))
                o.Error("id", $"page id '{id}' is already used by {pageIdPaths[id]}; page ids must be unique");
            var title = o.Text("title", required: true);
            var intro = o.Text("intro", required: false);
            var itemElements = o.List("items", required: true);
            if (itemElements.Count == 0 && o.Has("items"))
                o.Error("items", "a page needs at least one item");
            var pageItems = new List<SurveyItem>();
            foreach (var (itemElement, itemPath) in itemElements)
            {
                if (ItemReader.Read(itemElement, itemPath, context) is not { } item)
                    continue;
                pageItems.Add(item);
                items.Add(new LocatedItem(item, itemPath, pageIndex, id ?? $"page {pageIndex + 1}"));
            }
            pages.Add(new SurveyPage(id ?? "", title ?? Missing, intro, pageItems));
        }
        var catalog = new ItemCatalog(items);
        CheckItemKeysAreUnique(catalog);
        foreach (var (item, path, pageIndex, _) in items.Where(i => i.Item.ShownWhen is not null))
            ConditionChecker.Check(item.ShownWhen!, JsonPath.Property(path, "shown_when"), catalog, context, pageIndex);
        return (pages, catalog);
    }

    private void CheckItemKeysAreUnique(ItemCatalog catalog)
    {
        var firstPathOfKey = new Dictionary<string, string>();
        foreach (var (item, path, _, _) in catalog.All)
        {
            if (!firstPathOfKey.TryAdd(item.Key, path))
                context.Error(JsonPath.Property(path, "key"), $"key '{item.Key}' is already used by {firstPathOfKey[item.Key]}; keys must be unique in the survey");
        }
    }

    private List<IndicatorDefinition> ReadIndicators(JsonObjectReader top, ItemCatalog items)
    {
        var indicators = new List<LocatedIndicator>();
        foreach (var (element, path) in top.List("indicators", required: false))
        {
            if (IndicatorReader.Read(element, path, context, items) is { } indicator)
                indicators.Add(new LocatedIndicator(indicator, path));
        }
        IndicatorReader.CheckAcross(indicators, context);
        return indicators.Select(i => i.Indicator).ToList();
    }

    private List<string> ReadBreakdowns(JsonObjectReader top, ItemCatalog items)
    {
        var breakdowns = top.Strings("breakdowns", required: false) ?? [];
        var allowed = items.All.Where(i => i.Item.Type == ItemType.Single).Select(i => i.Item.Key).Concat(MetaBreakdowns).ToList();
        var seen = new HashSet<string>();
        foreach (var (key, path) in breakdowns)
        {
            var item = items.Find(key)?.Item;
            if (!seen.Add(key))
                context.Error(path, $"'{key}' is listed twice");
            else if (item is not null && item.Type != ItemType.Single)
                context.Error(path, $"'{key}' is a {ItemTypes.Name(item.Type)} item; a breakdown splits respondents into groups, so it needs a single-choice item or site, wave, lang (allowed: {string.Join(", ", allowed)})");
            else if (item is null && !MetaBreakdowns.Contains(key) && !context.BrokenItemKeys.Contains(key))
                context.Error(path, $"unknown breakdown '{key}'; allowed: {string.Join(", ", allowed)}");
        }
        return breakdowns.Select(b => b.Value).ToList();
    }
}
