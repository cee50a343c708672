using System.Net;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Features.Surveys;
using SurveyPlatform.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace SurveyPlatform.Web.Tests.Features.Runs;

/// <summary>
/// What a run adds to its survey: its own areas, named per language (respondents, the printed questionnaire and paper entry
/// show the names, never the codes), where Leave this page goes, and the help lines of its thank-you page.
/// </summary>
public sealed class RunAreasAndHelpTests : IAsyncLifetime
{
    private const string Names = """
        {"eastside": {"en": "East Side", "es": "Lado Este", "ar": "الجانب الشرقي"},
         "northside": {"en": "North Side", "es": "Lado Norte"}}
        """;

    private readonly PlatformFactory _factory = new PlatformFactory().With("Account:RequireTwoFactorForOrganizers", "false");
    private Guid _runId;
    private TestAccount _organizer = default!;

    public async ValueTask InitializeAsync()
    {
        var community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        _organizer = await _factory.AccountAsync("organizer@example.org", memberships: (community, OrganizationRole.Organizer));
        _runId = await _factory.RunAsync("eastside", community);
        await UpdateAsync(r =>
        {
            r.AreaCodes = "eastside northside downtown";
            r.AreaLabelsJson = Names;
            r.AllowPaperEntry = true;
        });
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task UpdateAsync(Action<SurveyRun> change)
    {
        await using (var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
        {
            var run = await db.Runs.SingleAsync(r => r.Id == _runId);
            change(run);
            await db.SaveChangesAsync();
        }
        await _factory.Service<SurveyCatalog>().ReloadAsync();
    }

    private SurveyItem Area => _factory.Service<SurveyCatalog>().Find("eastside")!.Definition.FindItem("area")!;

    [Fact]
    public void Each_area_is_named_in_each_language_falling_back_to_the_main_language_then_to_readable_words()
    {
        var labels = Area.Options.ToDictionary(o => o.Code, o => o.Label);
        Assert.Equal(["eastside", "northside", "downtown"], Area.Options.Select(o => o.Code));
        Assert.Equal("الجانب الشرقي", labels["eastside"].Get("ar"));
        Assert.Equal("Lado Norte", labels["northside"].Get("es"));
        Assert.Equal("North Side", labels["northside"].Get("ar")); // no Arabic name yet: the English one, not "northside"
        Assert.Equal("Downtown", labels["downtown"].Get("vi")); // no name at all: the code as words
        foreach (var language in new[] { "en", "es", "zh-Hans", "vi", "ar", "ht" })
            Assert.All(Area.Options, o => Assert.DoesNotContain(o.Code, o.Label.Values[language], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_name_given_once_for_every_language_still_names_the_area_and_the_surveys_own_codes_can_be_named()
    {
        await UpdateAsync(r =>
        {
            r.AreaCodes = "";
            r.AreaLabelsJson = """{"area_1": "Northside"}""";
        });
        Assert.Equal(["area_1", "area_2", "area_3", "area_4"], Area.Options.Select(o => o.Code));
        Assert.Equal("Northside", Area.FindOption("area_1")!.Label.Get("ht"));
        Assert.Equal("Zona 2", Area.FindOption("area_2")!.Label.Get("es")); // the survey's own label
    }

    [Fact]
    public async Task Respondents_choose_their_area_by_its_name_in_their_language()
    {
        var respondent = new Respondent(_factory.CreateBrowser(), "eastside");
        await respondent.OpenAsync("ar");
        await respondent.NextAsync();
        Assert.Contains("area", respondent.ItemKeys);
        Assert.Contains("الجانب الشرقي", respondent.Html);
        Assert.Contains("value=\"eastside\"", respondent.Html);
        Assert.DoesNotContain(">eastside<", respondent.Html);
        Assert.DoesNotContain(">downtown<", respondent.Html);
        Assert.Contains("Downtown", respondent.Html);
    }

    [Fact]
    public async Task The_printed_questionnaire_lists_the_runs_areas_by_name_numbered_like_paper_entry()
    {
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(_organizer);
        var response = await browser.Client.GetAsync($"/admin/runs/{_runId}/paper/questionnaire.pdf?lang=es");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Lado Este", text);
        Assert.Contains("Lado Norte", text);
        Assert.Contains("Downtown", text);
        Assert.DoesNotContain("Zona 1", text);

        // Questions carry the numbers that paper entry shows (every question in page order, skipped ones too).
        var definition = _factory.Service<SurveyCatalog>().Find("eastside")!.Definition;
        var numbers = QuestionNumbers.Of(definition);
        Assert.Equal(1, numbers["area"]);
        Assert.Equal(5, numbers["status_group"]); // asked only of people born abroad, numbered all the same
        Assert.Equal(definition.Items.Count, numbers["comments"]);
        foreach (var key in new[] { "area", "status_group", "comments" })
        {
            var first = definition.FindItem(key)!.Text.Get("es").Split(' ')[0];
            Assert.Contains($"{numbers[key]}. {first}", text);
        }
    }

    [Fact]
    public async Task The_thank_you_page_shows_the_runs_help_lines_in_the_respondents_language_and_leave_goes_to_the_runs_address()
    {
        var lines = new List<HelpLines.Line>
        {
            new()
            {
                Name = new() { ["en"] = "Eastside Legal Clinic", ["ar"] = "عيادة الجانب الشرقي القانونية" },
                Description = new() { ["en"] = "Free advice on Tuesdays" },
                Phone = "+1 555 010 0199",
                Url = "https://eastside-legal.example.org",
            },
        };
        await UpdateAsync(r =>
        {
            r.HelpLinesJson = HelpLines.Write(lines);
            r.QuickExitUrl = "https://weather.example.org";
        });

        var client = _factory.CreateBrowser();
        var arabic = WebUtility.HtmlDecode(await client.GetStringAsync("/s/eastside/thanks?lang=ar"));
        Assert.Contains("عيادة الجانب الشرقي القانونية", arabic);
        Assert.Contains("Free advice on Tuesdays", arabic); // not translated yet: the English text rather than nothing
        Assert.Contains("href=\"tel:+15550100199\"", arabic);
        Assert.Contains("https://eastside-legal.example.org", arabic);
        Assert.DoesNotContain("المساعدة القانونية المحلية للمهاجرين", arabic); // the survey's own help line is replaced
        Assert.Contains("href=\"https://weather.example.org\"", arabic);
        Assert.Contains("href=\"https://weather.example.org\"", WebUtility.HtmlDecode(await client.GetStringAsync("/s/eastside?lang=es")));

        await UpdateAsync(r => r.HelpLinesJson = "[]");
        Assert.DoesNotContain("class=\"resources\"", await client.GetStringAsync("/s/eastside/thanks?lang=en"));
        await UpdateAsync(r => r.HelpLinesJson = "");
        Assert.Contains("Local legal aid for immigrants", await client.GetStringAsync("/s/eastside/thanks?lang=en"));
    }

    [Fact]
    public void Help_lines_and_the_leave_address_are_checked_field_by_field()
    {
        var lines = new List<HelpLines.Line>
        {
            new() { Name = new() { ["es"] = "Sólo en español" }, Phone = "call us", Url = "javascript:alert(1)" },
            new() { Name = new() { ["en"] = "Hotline" }, Phone = "+1 (555) 010-0199", Url = "https://hotline.example.org/help" },
        };
        var errors = RunHelpSettings.Validate("javascript:alert(1)", lines, "en");
        Assert.Equal(["Line1.Name", "Line1.Phone", "Line1.Url", "QuickExitUrl"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Help line 1", errors["Line1.Phone"]);
        Assert.Empty(RunHelpSettings.Validate("https://www.weather.gov", [lines[1]], "en"));
        Assert.Empty(RunHelpSettings.Validate("", [], "en"));
    }
}
