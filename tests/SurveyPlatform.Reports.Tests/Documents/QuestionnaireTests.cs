using System.Text.RegularExpressions;
using SurveyPlatform.Reports.Tests.Pdf;
using UglyToad.PdfPig;

namespace SurveyPlatform.Reports.Tests.Documents;

/// <summary>The paper form and the questionnaire of the full report read like forms for people: numbered questions, who answers what in words.</summary>
public partial class QuestionnaireTests
{
    public static readonly TheoryData<string> Languages = RenderingTests.Languages;

    private static string PaperText(string language, out int pages)
    {
        var pdf = RenderingTests.RenderAndKeep(Samples.Request(ReportKind.Questionnaire, language), $"questionnaire-{language}.pdf");
        using var document = PdfDocument.Open(pdf);
        pages = document.NumberOfPages;
        return string.Join(" ", document.GetPages().SelectMany(PdfText.WordLines).Select(PdfText.Text));
    }

    [Fact]
    public void The_paper_form_says_who_answers_a_question_in_words_with_the_question_to_go_to()
    {
        var text = PaperText("en", out _);
        Assert.Contains("Answer question 5 only if you answered “No” to question 4. Otherwise, go to question 6.", text);
        Assert.Contains("Answer question 17 only if you answered “Yes” to question 16. Otherwise, go to question 18.", text);
        Assert.Contains("Answer question 18 only if you answered “Yes, some times” or “No” to question 17. Otherwise, go to question 19.", text);
        Assert.Contains("Tick one box for each question", text);
    }

    [Theory]
    [InlineData("zh-Hans", "仅当您对第 4 题的回答是“否”时，才回答第 5 题。否则，请跳到第 6 题。")]
    [InlineData("es", "Responda la pregunta 5 solo si respondió «No» a la pregunta 4. Si no, pase a la pregunta 6.")]
    public void The_skip_instruction_is_in_the_form_s_language(string language, string instruction)
    {
        var text = PaperText(language, out _);
        Assert.Contains(Regex.Replace(instruction, @"\s+", ""), Regex.Replace(text, @"\s+", ""));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Paper_and_report_questionnaires_never_print_a_condition_as_code(string language)
    {
        var paper = PaperText(language, out _);
        var full = ContentTests.Words(ReportRenderer.Render(Samples.Request(ReportKind.Full, language)));
        foreach (var text in new[] { paper, full[full.IndexOf("1.", StringComparison.Ordinal)..] })
        {
            Assert.DoesNotMatch(ConditionAsCode(), text);
            Assert.DoesNotContain("Asked only when", text);
        }
    }

    [GeneratedRegex(@"\b(born_here|victim_12m|status_group|why_not)\b|\breported (=|in \()|\b[a-z]+_[a-z0-9_]+\s*(=|!=|\bin\b)")]
    private static partial Regex ConditionAsCode();

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_paper_form_numbers_every_question_in_order_and_has_no_web_instructions_or_report_headings(string language)
    {
        var pdf = RenderingTests.RenderAndKeep(Samples.Request(ReportKind.Questionnaire, language), $"questionnaire-{language}.pdf");
        using var document = PdfDocument.Open(pdf);
        var lines = document.GetPages().SelectMany(PdfText.WordLines).Select(PdfText.Text).ToList();
        // Right to left, the number stands at the right end of its line.
        var pattern = language == "ar" ? QuestionNumberAtRight() : QuestionNumber();
        var numbers = lines.Select(l => pattern.Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, Samples.Survey.Items.Count), numbers);
        var leave = Core.Localization.UiStrings.Get("leave_page", language);
        Assert.DoesNotContain(lines, l => l.Contains(leave, StringComparison.OrdinalIgnoreCase));
        var reportHeading = Localization.ReportStrings.Get("section_questionnaire", language);
        Assert.DoesNotContain(lines, l => l.Contains(reportHeading, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(" · ", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^(\d+)\. \S")]
    private static partial Regex QuestionNumber();

    [GeneratedRegex(@"\S \.(\d+)$")]
    private static partial Regex QuestionNumberAtRight();

    [Theory]
    [InlineData("en", "Asked only if you answered “No” to question 4.")]
    [InlineData("zh-Hans", "仅在您对第 4 题的回答是“否”时提问。")]
    public void The_full_report_questionnaire_says_who_was_asked_in_words(string language, string rule)
    {
        var text = ContentTests.Words(ReportRenderer.Render(Samples.Request(ReportKind.Full, language)));
        Assert.Contains(Regex.Replace(rule, @"\s+", ""), Regex.Replace(text, @"\s+", ""));
    }

    [Fact]
    public void Question_numbers_follow_the_definition_s_item_order()
    {
        Assert.Equal(1, ReportRenderer.QuestionNumber(Samples.Survey, "area"));
        Assert.Equal(4, ReportRenderer.QuestionNumber(Samples.Survey, "born_here"));
        Assert.Equal(5, ReportRenderer.QuestionNumber(Samples.Survey, "status_group"));
        Assert.Equal(Samples.Survey.Items.Count, ReportRenderer.QuestionNumber(Samples.Survey, "comments"));
        Assert.Equal(0, ReportRenderer.QuestionNumber(Samples.Survey, "no_such_item"));
    }
}
