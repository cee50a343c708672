using System.Globalization;
using System.Reflection;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Localization;
using SurveyPlatform.Reports.Components;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Localization;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports;

/// <summary>
/// What every component of a report needs: the request, its language (words, number formats,
/// direction) and helpers that turn text into layout blocks in that language.
/// </summary>
internal sealed class ReportContext
{
    public ReportContext(ReportRequest request, string language)
    {
        Request = request;
        Language = language;
        Culture = CultureFor(request.Language, language);
        Rtl = Languages.IsRightToLeft(language);
        Format = new DisplayFormat(language, Culture);
        Notes = new Footnotes(this);
        GeneratedAt = request.GeneratedAt ?? DateTimeOffset.UtcNow;
        SoftwareVersion = request.SoftwareVersion ?? LibraryVersion;
        SurveyTitle = request.Survey?.Title.Get(language) ?? request.Report.Survey;
    }

    public ReportRequest Request { get; }
    public IndicatorReport Report => Request.Report;
    public SurveyDefinition? Survey => Request.Survey;
    public string Language { get; }
    public CultureInfo Culture { get; }
    public bool Rtl { get; }
    public DisplayFormat Format { get; }
    public DateTimeOffset GeneratedAt { get; }
    public string SoftwareVersion { get; }
    public string SurveyTitle { get; }
    /// <summary>The document's footnotes: one mark per reason throughout, printed at the foot of each page that uses it.</summary>
    public Footnotes Notes { get; }
    public string GeneratedDate => Format.Date(DateOnly.FromDateTime(GeneratedAt.UtcDateTime));

    public static string LibraryVersion { get; } =
        typeof(ReportContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ReportContext).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Right-to-left languages among those reports and questionnaires are written in (the one rule for the Reports project).</summary>

    private bool Chinese => Language == "zh-Hans";

    public string S(string key) => ReportStrings.Get(key, Language);

    public string F(string key, params object[] args) => ReportStrings.Format(key, Language, Culture, args);

    /// <summary>
    /// Data inside a sentence (names, codes, addresses, wave labels) kept in one left-to-right piece in an
    /// Arabic sentence, with the punctuation around it following the sentence: the marks emulate a bidi isolate.
    /// </summary>
    public string Isolate(string text) => Rtl ? "\u200F\u200E" + text + "\u200E\u200F" : text;

    /// <summary>Parts joined with a middle dot, each kept whole in right-to-left text.</summary>
    public string Join(IEnumerable<string> parts) => string.Join(" · ", parts.Select(Isolate));

    /// <summary>A name used inside a sentence: "Area" becomes "area" in languages with capital letters (not "NCVS" or "Area X").</summary>
    public string InSentence(string name) =>
        name.Length > 1 && char.IsUpper(name[0]) && char.IsLower(name[1]) && !name.Contains(' ', StringComparison.Ordinal)
            ? char.ToLower(name[0], Culture) + name[1..] : name;

    /// <summary>Quoted words in the report language's quotation marks: “…”, «…».</summary>
    public string Quote(string text) => F("quote", text);

    /// <summary>The space between sentences: none in Chinese.</summary>
    public string Space => Chinese ? "" : " ";

    /// <summary>A label and its value: "95% CI: 37%–47%", in Chinese with a full-width colon.</summary>
    public string Labelled(string label, string value) => label + (Chinese ? "：" : ": ") + value;

    /// <summary>Ends with a full stop (or ? ! …), also inside closing quotes: “… I know.”</summary>
    private static bool Ended(string text)
    {
        var end = text.TrimEnd('”', '»', '’', '"', '」', '』');
        return end.Length > 0 && ".。!?！？…:：".Contains(end[^1]);
    }

    /// <summary>Text in parentheses after what precedes it: " (…)", in Chinese full-width "（…）" without a space.</summary>
    public string Parenthetical(string text) => Chinese ? "（" + text + "）" : " (" + text + ")";

    /// <summary>Names in a list: "A, B, C"; Chinese 、 and Arabic ، between them.</summary>
    public string List(IEnumerable<string> items) => string.Join(S("list_separator"), items);

    /// <summary>
    /// Sentences joined in the report's language: each ends with its full stop (。 in Chinese) unless it already
    /// ends with punctuation, separated by a space except in Chinese.
    /// </summary>
    public string Sentences(params string?[] sentences)
    {
        var parts = sentences.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim())
            .Select(t => Ended(t) ? t : t + (Chinese ? "。" : "."));
        return string.Join(Chinese ? "" : " ", parts);
    }

    public Paragraph Text(string text, TextStyle style, TextAlign align = TextAlign.Start) => new([new Span(text, style)], Rtl, Language, align);

    public Paragraph Text(IReadOnlyList<Span> spans, TextAlign align = TextAlign.Start) => new(spans, Rtl, Language, align);

    /// <summary>Text in another language than the report's (questionnaire wording), with that language's direction.</summary>
    public static Paragraph Text(string text, TextStyle style, string language, TextAlign align = TextAlign.Start) =>
        new([new Span(text, style)], Languages.IsRightToLeft(language), language, align);

    public Paragraph Heading(string text, TextStyle? style = null) =>
        new([new Span(text, style ?? Typography.Heading)], Rtl, Language) { KeepWithNext = true };

    /// <summary>A short note introducing what follows (a table, a chart), kept on its page.</summary>
    public Paragraph Intro(string text, TextStyle? style = null) =>
        new([new Span(text, style ?? Typography.Small)], Rtl, Language) { KeepWithNext = true };

    /// <summary>A bulleted list; each item is kept on one page.</summary>
    public Block Bullets(IEnumerable<string> items, TextStyle? style = null) =>
        new Stack(items.Select(item => (Block)new Row([Text("•", style ?? Typography.Body), Text(item, style ?? Typography.Body)], Rtl, 2, [0.035f, 0.965f])).ToList(), 2);

    /// <summary>The question as respondents read it, in the report's language when the survey has it (else its default language).</summary>
    public string QuestionText(string itemKey)
    {
        if (Survey?.FindItem(itemKey) is not { } item) return itemKey;
        return item.Text.Get(QuestionnaireLanguage);
    }

    /// <summary>The language questions are quoted in: the report's when the survey was asked in it, else the survey's default.</summary>
    public string QuestionnaireLanguage => Survey is { } survey && !survey.Languages.Contains(Language) ? survey.DefaultLanguage : Language;

    /// <summary>The answers an indicator counts, as respondents saw them: “Agree strongly” / “Agree somewhat”.</summary>
    public string AnswerLabels(IndicatorDefinition indicator)
    {
        var item = indicator.Item is null ? null : Survey?.FindItem(indicator.Item);
        var labels = indicator.Positive.Select(code => item?.FindOption(code)?.Label.Get(QuestionnaireLanguage) ?? code);
        return string.Join(" / ", labels);
    }

    public string IndicatorLabel(string id) => Report.Find(id)?.Definition.Label.Get(Language) ?? id;

    /// <summary>The kind of the figures a difference compares (shares or scores); the indicator's own kind otherwise.</summary>
    public IndicatorKind ComparedKind(IndicatorResult result) =>
        result.Kind == IndicatorKind.Difference && result.Definition.Of is { } of ? Report.Find(of)?.Kind ?? IndicatorKind.Proportion : result.Kind;

    public string Value(IndicatorResult result, Estimate estimate) => Format.Value(estimate, result.Kind, ComparedKind(result));

    public string Interval(IndicatorResult result, Estimate estimate) => Format.Interval(estimate, result.Kind, ComparedKind(result));

    public string BreakdownName(string by) => string.Join(" × ", by.Split(" x ").Select(key =>
        ReportStrings.AllKeys.Contains("breakdown_" + key) ? S("breakdown_" + key)
        : Survey?.FindItem(key)?.Text.Get(Language) ?? key));

    public string GroupLabel(string by, string value)
    {
        var keys = by.Split(" x ");
        var values = value.Split(" x ");
        if (keys.Length != values.Length) return value;
        return string.Join(" × ", keys.Zip(values, (key, v) => v switch
        {
            GroupEstimate.NotAsked => S("not_asked"),
            // Until blanks are split, the blank group of a question asked only of some people mixes both.
            GroupEstimate.NotAnswered when !BlanksSplit && Survey?.FindItem(key)?.ShownWhen is not null => S("not_asked_or_answered"),
            GroupEstimate.NotAnswered => S("not_answered"),
            _ when key == "lang" => Isolate(Languages.NativeName(v)),
            _ => Survey?.FindItem(key)?.FindOption(v)?.Label.Get(Language) ?? Isolate(v),
        }));
    }

    /// <summary>True when the results tell people never asked (<see cref="GroupEstimate.NotAsked"/>) from people who skipped.</summary>
    private bool BlanksSplit => _blanksSplit ??= Report.Indicators.Any(i => i.Groups.Any(g => g.Value.Contains(GroupEstimate.NotAsked, StringComparison.Ordinal)));

    private bool? _blanksSplit;


    private static CultureInfo CultureFor(string requested, string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(requested);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.GetCultureInfo(language);
        }
    }
}
