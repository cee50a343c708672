using System.Globalization;
using System.Reflection;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Localization;
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
    public string GeneratedDate => Format.Date(DateOnly.FromDateTime(GeneratedAt.UtcDateTime));

    public static string LibraryVersion { get; } =
        typeof(ReportContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ReportContext).Assembly.GetName().Version?.ToString() ?? "unknown";

    public string S(string key) => ReportStrings.Get(key, Language);

    public string F(string key, params object[] args) => ReportStrings.Format(key, Language, Culture, args);

    /// <summary>
    /// Data inside a sentence (names, codes, addresses, wave labels) kept in one left-to-right piece in an
    /// Arabic sentence, with the punctuation around it following the sentence: the marks emulate a bidi isolate.
    /// </summary>
    public string Isolate(string text) => Rtl ? "\u200F\u200E" + text + "\u200E\u200F" : text;

    /// <summary>Parts joined with a middle dot, each kept whole in right-to-left text.</summary>
    public string Join(IEnumerable<string> parts) => string.Join(" · ", parts.Select(Isolate));

    public Paragraph Text(string text, TextStyle style, TextAlign align = TextAlign.Start) => new([new Span(text, style)], Rtl, Language, align);

    public Paragraph Text(IReadOnlyList<Span> spans, TextAlign align = TextAlign.Start) => new(spans, Rtl, Language, align);

    /// <summary>Text in another language than the report's (questionnaire wording), with that language's direction.</summary>
    public static Paragraph Text(string text, TextStyle style, string language, TextAlign align = TextAlign.Start) =>
        new([new Span(text, style)], Languages.IsRightToLeft(language), language, align);

    public Paragraph Heading(string text, TextStyle? style = null) =>
        new([new Span(text, style ?? Typography.Heading)], Rtl, Language) { KeepWithNext = 60 };

    /// <summary>A bulleted list; each item is kept on one page.</summary>
    public Block Bullets(IEnumerable<string> items, TextStyle? style = null) =>
        new Stack(items.Select(item => (Block)new Row([Text("•", style ?? Typography.Body), Text(item, style ?? Typography.Body)], Rtl, 2, [0.035f, 0.965f])).ToList(), 2);

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
            GroupEstimate.NotAnswered => S("not_answered"),
            _ when key == "lang" => Isolate(LanguageName(v)),
            _ => Survey?.FindItem(key)?.FindOption(v)?.Label.Get(Language) ?? Isolate(v),
        }));
    }

    /// <summary>A language's own name (English, Español, 中文（简体）…), readable whatever the report language.</summary>
    public static string LanguageName(string code) => Languages.NativeName(code);

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
