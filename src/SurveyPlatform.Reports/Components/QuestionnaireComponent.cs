using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Localization;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>
/// The questionnaire as respondents saw it, in each language they answered in: consent, pages, every
/// question with its answer options, scale ends and when it was asked. Each language is set in its own
/// direction (Arabic right to left even inside an English report).
/// </summary>
internal sealed class QuestionnaireComponent(ReportContext context)
{
    public Block? Compose()
    {
        if (context.Survey is not { } survey) return null;
        var languages = MethodologyBoxComponent.LanguagesUsed(context).Where(survey.Languages.Contains).ToList();
        if (languages.Count == 0) languages = [survey.DefaultLanguage];
        var blocks = new List<Block> { new PageBreak(), context.Heading(context.S("section_questionnaire")) };
        foreach (var language in languages)
            blocks.Add(Questionnaire(survey, language));
        return new Stack(blocks, 8);
    }

    /// <summary>A blank questionnaire to print for paper answers, in the report's language: boxes to tick, lines to write on.</summary>
    public Block ComposePaper()
    {
        var survey = context.Survey ?? throw new ArgumentException("A paper questionnaire needs the survey definition (Survey).");
        var language = survey.Languages.Contains(context.Language) ? context.Language : survey.DefaultLanguage;
        return Questionnaire(survey, language, paper: true);
    }

    private Block Questionnaire(SurveyDefinition survey, string language, bool paper = false)
    {
        Paragraph T(string text, TextStyle style) => ReportContext.Text(text, style, language);
        var blocks = new List<Block>
        {
            context.Heading(ReportContext.LanguageName(language), Typography.Heading.WithSize(12)),
            T(survey.Title.Get(language), Typography.Subheading),
            T(survey.Consent.Title.Get(language), Typography.BodyBold),
        };
        blocks.AddRange(survey.Consent.Paragraphs.Select(p => (Block)T(p.Get(language), Typography.Small.WithColor(Typography.Ink))));
        var number = 0;
        foreach (var page in survey.Pages)
        {
            var pageBlocks = new List<Block> { new Paragraph([new Span(page.Title.Get(language), Typography.Subheading.WithColor(Typography.Accent))], Languages.IsRightToLeft(language), language) { KeepWithNext = 40 } };
            if (page.Intro is { } intro) pageBlocks.Add(T(intro.Get(language), Typography.Small));
            blocks.AddRange(pageBlocks);
            foreach (var item in page.Items)
                blocks.Add(new KeepTogether(Item(item, ++number, language, paper)));
        }
        return new Stack(blocks, 4);
    }

    private Block Item(SurveyItem item, int number, string language, bool paper)
    {
        var rtl = Languages.IsRightToLeft(language);
        var question = new Paragraph([new Span($"{number}. ", Typography.BodyBold), new Span(item.Text.Get(language), Typography.BodyBold)], rtl, language);
        var lines = new List<Block> { question };
        if (item.Help is { } help) lines.Add(ReportContext.Text(help.Get(language), Typography.Small, language));
        switch (item.Type)
        {
            case ItemType.Single or ItemType.Multiple:
                var hint = UiStrings.Get(item.Type == ItemType.Single ? "choose_one" : "choose_any", language);
                lines.Add(ReportContext.Text(hint, Typography.Small, language));
                var box = item.Type == ItemType.Single ? "( )" : "[ ]";
                lines.Add(new Stack(item.Options.Select(o => (Block)new Row(
                    [ReportContext.Text(box, Typography.Small.WithColor(Typography.Ink), language), ReportContext.Text(o.Label.Get(language), Typography.Small.WithColor(Typography.Ink), language)],
                    rtl, 2, [0.05f, 0.95f])).ToList()));
                break;
            case ItemType.Scale or ItemType.Number:
                var ends = $"{item.Min}{(item.MinLabel is { } min ? " = " + min.Get(language) : "")} … {item.Max}{(item.MaxLabel is { } max ? " = " + max.Get(language) : "")}";
                lines.Add(ReportContext.Text(ends, Typography.Small.WithColor(Typography.Ink), language));
                break;
            case ItemType.Text when paper:
                lines.AddRange(Enumerable.Range(0, 3).Select(_ => (Block)ReportContext.Text(new string('_', 70), Typography.Small.WithColor(Typography.Anchor), language)));
                break;
            case ItemType.Text:
                lines.Add(context.Text(context.S("free_text_note"), Typography.Small));
                break;
        }
        if (item.ShownWhenSource is { } when)
            lines.Add(context.Text(context.F("asked_when", when), Typography.Small.WithColor(Typography.Anchor)));
        return new Box(new Stack(lines, 2), 2);
    }
}
