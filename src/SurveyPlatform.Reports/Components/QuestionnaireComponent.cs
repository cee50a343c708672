using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Localization;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Localization;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>
/// The questionnaire as respondents saw it, in each language they answered in (full report), or as a paper form to
/// fill in (one language). Questions are numbered by <see cref="Number"/>; who is asked a question is said in words
/// in the questionnaire's language ("Answer question 5 only if you answered “No” to question 4"), never as the
/// definition's code. Each language is set in its own direction (Arabic right to left even inside an English report).
/// </summary>
internal sealed class QuestionnaireComponent(ReportContext context)
{
    /// <summary>The number printed before a question: the one rule of <see cref="QuestionNumbers"/>, which paper entry uses too.</summary>
    public static int Number(SurveyDefinition survey, string key) => QuestionNumbers.For(survey, key);

    public Block? Compose()
    {
        if (context.Survey is not { } survey) return null;
        var languages = MethodologyBoxComponent.LanguagesUsed(context).Where(survey.Languages.Contains).ToList();
        if (languages.Count == 0) languages = [survey.DefaultLanguage];
        var blocks = new List<Block>
        {
            context.Heading(context.S("section_questionnaire")),
            context.Intro(context.S("questionnaire_note")),
        };
        foreach (var language in languages)
            blocks.Add(Questionnaire(survey, language, paper: false));
        return new Stack(blocks, 8);
    }

    /// <summary>A blank questionnaire to print for paper answers, in the report's language: instructions, boxes to tick, lines to write on.</summary>
    public Block ComposePaper()
    {
        var survey = context.Survey ?? throw new ArgumentException("A paper questionnaire needs the survey definition (Survey).");
        var language = survey.Languages.Contains(context.Language) ? context.Language : survey.DefaultLanguage;
        return Questionnaire(survey, language, paper: true);
    }

    private Block Questionnaire(SurveyDefinition survey, string language, bool paper)
    {
        var words = new Words(survey, language);
        var rtl = Languages.IsRightToLeft(language);
        Paragraph T(string text, TextStyle style) => ReportContext.Text(text, style, language);
        var blocks = new List<Block>();
        if (paper)
        {
            blocks.Add(T(context.Request.Organization, Typography.Subheading.WithColor(Typography.Muted)));
            blocks.Add(T(survey.Title.Get(language), Typography.Title));
            blocks.Add(new Box(T(words.S("paper_instructions"), Typography.Body), 7, Typography.AccentLight, null, 3));
        }
        else
        {
            blocks.Add(new Paragraph([new Span(Languages.NativeName(language), Typography.Heading.WithSize(12))], context.Rtl, context.Language) { KeepWithNext = true });
            blocks.Add(new Paragraph([new Span(survey.Title.Get(language), Typography.Subheading)], rtl, language) { KeepWithNext = true });
        }
        blocks.Add(new Paragraph([new Span(survey.Consent.Title.Get(language), Typography.BodyBold)], rtl, language) { KeepWithNext = true });
        var leave = UiStrings.Get("leave_page", language);
        foreach (var paragraph in survey.Consent.Paragraphs.Select(p => p.Get(language)))
        {
            // On paper there is no "Leave this page" button: the paragraph about it is for the online form only.
            if (paper && paragraph.Contains(leave, StringComparison.OrdinalIgnoreCase)) continue;
            blocks.Add(T(paragraph, Typography.Small.WithColor(Typography.Ink)));
        }
        var items = survey.Items;
        foreach (var page in survey.Pages)
        {
            var heading = new List<Block> { new Paragraph([new Span(page.Title.Get(language), Typography.Subheading.WithColor(Typography.Accent))], rtl, language) { KeepWithNext = true } };
            if (page.Intro is { } intro) heading.Add(new Paragraph([new Span(intro.Get(language), Typography.Small)], rtl, language) { KeepWithNext = true });
            blocks.AddRange(heading);
            foreach (var item in page.Items)
            {
                var number = Number(survey, item.Key);
                if (paper && item.ShownWhen is not null && (number == 1 || items[number - 2].ShownWhenSource != item.ShownWhenSource))
                {
                    // The instruction stands before the first question of a run asked only of some people.
                    var lastOfRun = number;
                    while (lastOfRun < items.Count && items[lastOfRun].ShownWhenSource == item.ShownWhenSource) lastOfRun++;
                    blocks.Add(new Box(T(words.SkipInstruction(item.ShownWhen, number, lastOfRun), Typography.Small.Bold().WithColor(Typography.Anchor)), 4,
                        Typography.White, Typography.Anchor, 2)
                    { KeepWithNext = true });
                }
                blocks.Add(new KeepTogether(Item(item, number, language, paper, words)));
            }
        }
        if (paper) blocks.Add(T(words.S("paper_thanks"), Typography.BodyBold));
        return new Stack(blocks, 5);
    }

    private Block Item(SurveyItem item, int number, string language, bool paper, Words words)
    {
        var rtl = Languages.IsRightToLeft(language);
        var question = new Paragraph([new Span($"{number}. ", Typography.BodyBold), new Span(item.Text.Get(language), Typography.BodyBold)], rtl, language);
        var lines = new List<Block> { question };
        var ink = Typography.Small.WithColor(Typography.Ink);
        if (item.Help is { } help) lines.Add(ReportContext.Text(help.Get(language), Typography.Small, language));
        switch (item.Type)
        {
            case ItemType.Single or ItemType.Multiple:
                var hint = paper ? words.S(item.Type == ItemType.Single ? "paper_choose_one" : "paper_choose_any")
                    : UiStrings.Get(item.Type == ItemType.Single ? "choose_one" : "choose_any", language);
                lines.Add(ReportContext.Text(hint, Typography.Small, language));
                var mark = item.Type == ItemType.Single ? "( )" : "[ ]";
                lines.Add(new Stack(item.Options.Select(o => (Block)new Row(
                    [paper ? CheckBox(rtl) : ReportContext.Text(mark, ink, language), ReportContext.Text(o.Label.Get(language), ink, language)],
                    rtl, 2, [0.04f, 0.96f])).ToList(), paper ? 2 : 0));
                break;
            case ItemType.Scale:
                var ends = $"{item.Min}{(item.MinLabel is { } min ? " = " + min.Get(language) : "")} … {item.Max}{(item.MaxLabel is { } max ? " = " + max.Get(language) : "")}";
                lines.Add(ReportContext.Text(ends, ink, language));
                if (paper)
                {
                    lines.Add(new Row(Enumerable.Range(item.Min, item.Max - item.Min + 1).Select(v => (Block)new Row(
                        [CheckBox(rtl), ReportContext.Text(v.ToString(System.Globalization.CultureInfo.InvariantCulture), ink, language)], rtl, 2, [0.45f, 0.55f])).ToList(), rtl, 4));
                }

                break;
            case ItemType.Number:
                var range = $"{item.Min} … {item.Max}";
                lines.Add(ReportContext.Text(range, ink, language));
                if (paper) lines.Add(ReportContext.Text("________", Typography.Small.WithColor(Typography.Anchor), language));
                break;
            case ItemType.Text when paper:
                lines.AddRange(Enumerable.Range(0, 3).Select(_ => (Block)ReportContext.Text(new string('_', 70), Typography.Small.WithColor(Typography.Anchor), language)));
                break;
            case ItemType.Text:
                lines.Add(context.Text(context.S("free_text_note"), Typography.Small));
                break;
        }
        if (!paper && item.ShownWhen is { } when)
            lines.Add(ReportContext.Text(words.F("asked_when", words.Condition(when)), Typography.Small.WithColor(Typography.Anchor), language));
        return new Box(new Stack(lines, 2), 2);
    }

    /// <summary>An empty square to tick, drawn (not a font glyph), at the start edge of its cell.</summary>
    private static Block CheckBox(bool rtl) => new Drawing(11, width =>
    {
        var left = rtl ? width - 8.5f : 0.5f;
        return new Fragment(width, 11).Add(new RectOp(new SkiaSharp.SKRect(left, 2, left + 8, 10), Typography.White, Typography.Ink, 0.7f));
    });

    /// <summary>Report words in the questionnaire's language (English when reports are not written in it) and conditions put into them.</summary>
    private sealed class Words(SurveyDefinition survey, string language)
    {
        private readonly string _language = ReportStrings.Resolve(language) ?? ReportStrings.Fallback;
        private readonly System.Globalization.CultureInfo _culture = System.Globalization.CultureInfo.InvariantCulture;

        public string S(string key) => ReportStrings.Get(key, _language);

        public string F(string key, params object[] args) => ReportStrings.Format(key, _language, _culture, args);

        /// <summary>"Answer question 5 only if you answered “No” to question 4. Otherwise go to question 6."</summary>
        public string SkipInstruction(Condition? condition, int first, int last)
        {
            var who = Condition(condition);
            var ask = first == last ? F("paper_answer_one", first, who) : F("paper_answer_many", first, last, who);
            var otherwise = last < survey.Items.Count ? F("paper_otherwise", last + 1) : S("paper_otherwise_end");
            return ask + (_language == "zh-Hans" ? "" : " ") + otherwise;
        }

        /// <summary>A condition in words: "you answered “Yes” to question 14", "… and …", "… or …".</summary>
        public string Condition(Condition? condition) => condition switch
        {
            EqualsCondition c when Known(c.Key) => F(c.Negated ? "cond_is_not" : "cond_is", Label(c.Key, c.Code), Number(survey, c.Key)),
            InCondition c when Known(c.Key) => F("cond_is", string.Join(S("or_word"), c.Codes.Select(code => Label(c.Key, code))), Number(survey, c.Key)),
            ContainsCondition c when Known(c.Key) => F("cond_ticked", Label(c.Key, c.Code), Number(survey, c.Key)),
            AndCondition c => F("cond_and", Condition(c.Left), Condition(c.Right)),
            OrCondition c => F("cond_or", Condition(c.Left), Condition(c.Right)),
            NotCondition c => F("cond_not", Condition(c.Inner)),
            null => "",
            _ => condition.ToString(),
        };

        private bool Known(string key) => survey.FindItem(key) is not null;

        private string Label(string key, string code) =>
            F("quote", survey.FindItem(key)?.FindOption(code)?.Label.Get(language) ?? code);
    }
}
