using System.Text;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Respond;
using SurveyPlatform.Web.Features.Surveys;

namespace SurveyPlatform.Web.Tests.Features.Respond;

/// <summary>The respondent pages as the components render them: what is encoded, what stays UTF-8, and the bytes sent.</summary>
public sealed class RespondentPagesTests
{
    private const string Hostile = "<script>alert('x')</script> & co · ¿Qué? 你好 مرحبا 🙂";

    private static readonly SurveyDefinition Standard = DefinitionLoader.LoadFile(StandardSurveyPath());

    private static ActiveRun Run(SurveyDefinition definition, RunMode mode = RunMode.OpenLink) =>
        new(new SurveyRun { Slug = "a\"b", Name = "Run", Status = RunStatus.Open, Mode = mode }, definition);

    [Fact]
    public void Text_and_attributes_are_encoded_and_text_outside_ascii_stays_utf8()
    {
        var definition = Standard with { Title = new LocalizedText(new Dictionary<string, string> { ["en"] = Hostile }) };
        var model = new NoticeModel(Run(definition), "en", NoticeKind.NotFound, "https://example.org/?q=\"x\"", "/s/x");

        var html = RespondentPages.RenderToString<NoticePage>(nameof(NoticePage.Model), model);

        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co · ¿Qué? 你好 مرحبا &#x1F642;", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("href=\"https://example.org/?q=&quot;x&quot;\"", html);
        Assert.StartsWith("<!DOCTYPE html>", html);
    }

    [Fact]
    public void A_question_page_shows_answers_errors_and_their_links_in_the_page_language()
    {
        var page = Standard.Pages.Select((p, i) => (p, i)).First(x => x.p.Items.Any(item => item.Type == ItemType.Single)).i + 1;
        var item = Standard.Pages[page - 1].Items.First(i => i.Type == ItemType.Single);
        var answers = new Dictionary<string, string> { [item.Key] = item.Options[1].Code };
        var model = new SurveyFormModel(Run(Standard), "ar", page, answers, [new AnswerError(item.Key, AnswerErrorKind.InvalidCode)],
            "token", "https://example.org/", "/s/x");

        var html = RespondentPages.RenderToString<SurveyFormPage>(nameof(SurveyFormPage.Model), model);

        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html);
        Assert.Contains("<form id=\"survey\" method=\"post\" action=\"/s/x?lang=ar\"", html);
        Assert.Contains("<input type=\"hidden\" name=\"state\" value=\"token\"", html);
        Assert.Contains($"value=\"{item.Options[1].Code}\" checked", html);
        Assert.Contains($"href=\"#q-{item.Key}\"", html);
        Assert.Contains("class=\"error-summary\"", html);
        Assert.Contains(UiStrings("error_summary_title", "ar"), html);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public void Answers_given_are_checked_on_scales_and_multiple_choice_and_the_labels_follow_the_language(string lang)
    {
        var answers = new Dictionary<string, string>
        {
            ["born_here"] = "no",
            ["victim_12m"] = "yes",
            ["reported"] = "no",
            ["why_not"] = "immigration_fear language_barrier",
            ["trust_respect"] = "4",
        };
        string Page(string key) => RespondentPages.RenderToString<SurveyFormPage>(nameof(SurveyFormPage.Model), new SurveyFormModel(Run(Standard), lang,
            Standard.Pages.Select((p, i) => (p, i)).First(x => x.p.Items.Any(item => item.Key == key)).i + 1, answers, [], "token", "https://example.org/", "/s/x"));

        var scale = Page("trust_respect");
        Assert.Contains("name=\"q.trust_respect\" value=\"4\" checked", scale);
        Assert.Contains("name=\"q.trust_respect\" value=\"3\" />", scale);
        Assert.Contains("id=\"q-trust_respect-none\" name=\"q.trust_respect\" value=\"\" />", scale);
        Assert.Contains(UiStrings("no_answer", lang), scale);
        var multiple = Page("why_not");
        Assert.Contains("type=\"checkbox\" id=\"q-why_not\" name=\"q.why_not\" value=\"immigration_fear\" checked", multiple);
        Assert.Contains("value=\"language_barrier\" checked", multiple);
        var label = Standard.FindItem("why_not")!.Options.First(o => o.Code == "language_barrier").Label.Get(lang);
        Assert.Contains($">{label}</label>", multiple);
    }

    [Fact]
    public void A_code_error_is_summarised_at_the_top_and_tied_to_the_code_field()
    {
        var model = new SurveyFormModel(Run(Standard, RunMode.OneTimeCodes), "es", 0, new Dictionary<string, string>(), [], "token",
            "https://example.org/", "/s/x", new CodeField("", "error_code_missing", Accepted: false));

        var html = RespondentPages.RenderToString<SurveyFormPage>(nameof(SurveyFormPage.Model), model);

        var summary = html.IndexOf("class=\"error-summary\"", StringComparison.Ordinal);
        Assert.InRange(summary, 0, html.IndexOf("<h1>", StringComparison.Ordinal));
        Assert.Contains("href=\"#code\"", html);
        Assert.Contains("id=\"code-error\"", html);
        Assert.Contains("aria-describedby=\"code-hint code-error\" aria-invalid=\"true\"", html);
        Assert.Contains(UiStrings("error_code_missing", "es"), html);
    }

    [Fact]
    public void A_long_page_is_sent_whole_with_its_length_in_bytes()
    {
        // Far more than one buffer chunk, appended in pieces of two and one UTF-16 units, so that the chunks of the
        // buffer end inside a character of two units.
        var buffer = new StringBuilder(16);
        for (var i = 0; i < 30_000; i++)
            buffer.Append("🙂").Append('a');

        var chunks = 0;
        foreach (var _ in buffer.GetChunks())
            chunks++;
        Assert.True(chunks > 1);
        Assert.Equal(Encoding.UTF8.GetByteCount(buffer.ToString()), RespondentPages.Utf8Length(buffer));
    }

    private static string UiStrings(string key, string lang) => Core.Localization.UiStrings.Get(key, lang);

    private static string StandardSurveyPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "surveys", "community-trust.survey.json");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException("surveys/community-trust.survey.json not found above the test folder");
    }
}
