using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Surveys;
using UglyToad.PdfPig;

namespace SurveyPlatform.E2E;

/// <summary>
/// A volunteer organizer running a survey alone in an ordinary browser, at a person's pace (each console page loaded and its
/// live connection up before anything is typed): areas named in each language, the public page on a phone in English and
/// Arabic, trends kept apart by site, a wording fix reaching a run already answering, help lines and the Leave this page
/// address, paper entry numbered like the printed form, answers per question, and what advocates may download.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganizerAloneTests(BrowserFixture fixture)
{
    // A console update travels over the circuit; on a busy two-core machine it can take longer than Playwright's 5 s.
    static OrganizerAloneTests() => Assertions.SetDefaultExpectTimeout(30_000);

    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    private static int s_next;

    /// <summary>A community group with an organizer (with an authenticator) of its own, so that tests do not meet.</summary>
    private async Task<(Guid Organization, ConsoleAccount Organizer)> CommunityAsync()
    {
        var n = Interlocked.Increment(ref s_next);
        var (organization, people) = await ConsoleSession.OrganizationAsync(fixture, $"Neighbors {n}", OrganizationKind.Community,
            ($"organizer{n}@example.org", OrganizationRole.Organizer));
        return (organization, people[OrganizationRole.Organizer]);
    }

    private async Task<Guid> RunAsync(Guid organization, string slug, Action<SurveyRun>? change = null)
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        var version = await db.SurveyVersions.Where(v => v.SurveyId == SurveySeeder.StandardSurveyId && v.OrganizationId == null).FirstAsync();
        var run = new SurveyRun { Slug = slug, Name = $"Run {slug}", SurveyVersionId = version.Id, OrganizationId = organization, Status = RunStatus.Open };
        change?.Invoke(run);
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<SurveyCatalog>().ReloadAsync();
        return run.Id;
    }

    /// <summary>Responses as an import would store them: all born abroad but one, a fifth answered in Spanish.</summary>
    private async Task AnswersAsync(Guid runId, int count, string? wave = null, string? site = null, Func<int, string>? chill = null)
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        for (var i = 0; i < count; i++)
        {
            var answers = new Dictionary<string, string>
            {
                ["area"] = $"area_{1 + i % 2}",
                ["age_group"] = i % 2 == 0 ? "25_34" : "35_44",
                ["born_here"] = i == 0 ? "yes" : "no",
                ["household_concern"] = i % 3 == 0 ? "no" : "yes",
                ["chill_victim"] = chill?.Invoke(i) ?? (i % 3 == 0 ? "disagree_some" : "agree_strong"),
                ["trust_respect"] = (i % 11).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            db.Responses.Add(new Response
            {
                Id = Guid.NewGuid(),
                RunId = runId,
                Day = new DateOnly(2026, 3, 2 + i % 5),
                Lang = i % 5 == 0 ? "es" : "en",
                Mode = ResponseMode.Imported,
                AnswersJson = JsonSerializer.Serialize(answers),
                Wave = wave,
                Site = site,
            });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Invented but plausible responses (the platform's synthetic generator), imported into a run of one site and wave.</summary>
    private async Task SyntheticAsync(Guid runId, int count, int seed, string site, string wave)
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        var run = await db.Runs.Include(r => r.SurveyVersion).SingleAsync(r => r.Id == runId);
        var definition = DefinitionLoader.Load(run.SurveyVersion!.DefinitionJson, run.Slug);
        var table = SurveyPlatform.Core.Responses.SyntheticResponses.Generate(definition,
            new SurveyPlatform.Core.Responses.SyntheticOptions { Count = count, Seed = seed, Sites = [site], Waves = [wave] });
        await ResponseTransfer.ImportAsync(db, run, table, new DateOnly(2026, 3, 2));
    }

    private static async Task AxeAsync(IPage page, string name, List<string> violations)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var result = await page.RunAxe(Wcag22AA);
        violations.AddRange(result.Violations.Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
    }

    private static async Task<string> PdfTextAsync(IPage page, string url)
    {
        var response = await page.Context.APIRequest.GetAsync(url);
        Assert.Equal(200, response.Status);
        using var pdf = PdfDocument.Open(await response.BodyAsync());
        return string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    /// <summary>Clicks a panel's header on a run's page and waits until its content is shown.</summary>
    private static async Task OpenPanelAsync(IPage page, string title, ILocator content)
    {
        for (var attempt = 0; attempt < 3 && !await content.IsVisibleAsync(); attempt++)
        {
            await page.GetByText(title, new() { Exact = true }).ClickAsync();
            try
            {
                await Assertions.Expect(content).ToBeVisibleAsync(new() { Timeout = 20_000 });
            }
            catch (PlaywrightException) when (attempt < 2)
            {
            }
        }
        await Assertions.Expect(content).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Areas_named_per_language_reach_respondents_the_printed_questionnaire_and_paper_entry()
    {
        var (_, organizer) = await CommunityAsync();
        var page = await fixture.NewDesktopPageAsync();
        await ConsoleSession.SignInAsync(fixture, page, organizer);

        // A run with the organization's own areas, taking paper questionnaires.
        await ConsoleSession.OpenAsync(page, $"{fixture.BaseUrl}/admin/runs/new");
        await ConsoleSession.TypeAsync(page.GetByLabel("Name"), "Eastside areas");
        await ConsoleSession.TypeAsync(page.GetByLabel("Address: /s/…"), "eastside-areas");
        await ConsoleSession.TypeAsync(page.GetByLabel("Area codes (empty: the survey's own)"), "eastside northside downtown");
        await page.GetByLabel("Paper questionnaires may be entered").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and open" }).ClickAsync();
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/admin/runs/[0-9a-f-]{36}$"), new() { WaitUntil = WaitUntilState.Commit });
        var runUrl = page.Url;
        await ConsoleSession.OpenAsync(page, runUrl);

        // Name them in English, Spanish and Arabic.
        await OpenPanelAsync(page, "Areas and their names", page.GetByTestId("area-names"));
        await Assertions.Expect(page.GetByTestId("area-names-missing")).ToContainTextAsync("eastside");
        var names = new Dictionary<(string Code, string Language), string>
        {
            [("eastside", "English")] = "East Side",
            [("eastside", "Español")] = "Lado Este",
            [("eastside", "العربية")] = "الجانب الشرقي",
            [("northside", "English")] = "North Side",
            [("northside", "العربية")] = "الجانب الشمالي",
            [("downtown", "English")] = "Downtown",
            [("downtown", "العربية")] = "وسط المدينة",
        };
        foreach (var ((code, language), name) in names)
            await ConsoleSession.TypeAsync(page.GetByLabel($"{code} in {language}", new() { Exact = true }), name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save area names" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Area names saved")).ToBeVisibleAsync();
        await ConsoleSession.ScreenshotAsync(page, "organizer-run-areas.png");

        // A respondent answering in Arabic chooses among the Arabic names; no code shows.
        var (phone, _) = await fixture.NewPhonePageAsync();
        await phone.GotoAsync($"{fixture.BaseUrl}/s/eastside-areas?lang=ar");
        await RespondentJourneyTests.SubmitAsync(phone);
        var area = phone.Locator("fieldset").First;
        await Assertions.Expect(area.GetByLabel("الجانب الشرقي")).ToBeVisibleAsync();
        await Assertions.Expect(area.GetByLabel("وسط المدينة")).ToBeVisibleAsync();
        foreach (var code in new[] { "eastside", "northside", "downtown" })
            Assert.DoesNotContain(code, await area.InnerTextAsync(), StringComparison.Ordinal);
        await phone.Context.CloseAsync();

        // The printed questionnaire lists the same areas, by their names in the language printed.
        var runId = runUrl[(runUrl.LastIndexOf('/') + 1)..];
        var spanish = await PdfTextAsync(page, $"{fixture.BaseUrl}/admin/runs/{runId}/paper/questionnaire.pdf?lang=es");
        Assert.Contains("Lado Este", spanish);
        Assert.Contains("North Side", spanish); // no Spanish name: the English one
        Assert.DoesNotContain("Zona 1", spanish);
        Assert.DoesNotContain("eastside", spanish);

        // Paper entry offers them too, numbered as printed.
        await ConsoleSession.OpenAsync(page, $"{runUrl}/paper");
        await Assertions.Expect(page.GetByText("1. Which area do you live in?")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "East Side" })).ToBeAttachedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Downtown" })).ToBeAttachedAsync();
        Assert.Contains("1. Which area", spanish.Replace("1. ¿En qué", "1. Which area", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task The_public_page_is_in_the_readers_language_and_fits_a_360_pixel_phone(string lang)
    {
        var (organization, _) = await CommunityAsync();
        var slug = $"public-{lang}";
        var runId = await RunAsync(organization, slug, r => r.IsPublished = true);
        await AnswersAsync(runId, 40);
        var (page, requests) = await fixture.NewPhonePageAsync(locale: "en-US");
        page.SetDefaultTimeout(90_000); // axe over a long page on a busy machine
        var violations = new List<string>();

        async Task CheckLayoutAsync(string name)
        {
            var wide = await page.EvaluateAsync<string>("""
                () => document.documentElement.scrollWidth <= 360 ? "" : document.documentElement.scrollWidth + " px: " +
                    [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 360 || e.getBoundingClientRect().left < 0)
                        .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')
                """);
            Assert.True(wide.Length == 0, $"{name}: wider than the phone, {wide}");
            var heading = await page.Locator("h1").BoundingBoxAsync();
            Assert.True(heading is not null && heading.X >= 0 && heading.X + heading.Width <= 360, $"{name}: the heading is cut");
            await AxeAsync(page, name, violations);
        }

        await page.GotoAsync($"{fixture.BaseUrl}/r/{slug}");
        if (lang == "ar")
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "العربية" }).ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);
            Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
            Assert.Equal("ar", await page.GetAttributeAsync("html", "lang"));
        }
        var words = lang == "ar"
            ? new[] { "التقسيم حسب", "جميع المشاركين", "الكل", "لغة الاستبيان" }
            : ["Break down by", "All respondents", "Language of the survey", "Does anyone in your household worry about their immigration status?"];
        foreach (var text in words)
            await Assertions.Expect(page.GetByText(text, new() { Exact = false }).First).ToBeVisibleAsync();
        var languages = page.GetByRole(AriaRole.Navigation, new() { Name = lang == "ar" ? "اللغة" : "Language" });
        foreach (var name in new[] { "English", "Español", "中文（简体）", "Tiếng Việt", "العربية", "Kreyòl ayisyen" })
            await Assertions.Expect(languages.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        await CheckLayoutAsync($"{lang} all");
        await ConsoleSession.ScreenshotAsync(page, $"public-{lang}-360.png");
        await ConsoleSession.ScreenshotAsync(page, $"public-{lang}-360-top.png", fullPage: false);

        // Broken down by a question: its whole text, and the groups by their answers.
        var born = lang == "ar" ? "هل وُلدت في هذا البلد؟" : "Were you born in this country?";
        await page.GetByRole(AriaRole.Link, new() { Name = born }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        await Assertions.Expect(page.Locator("caption").First).ToContainTextAsync(born);
        Assert.DoesNotContain("born_here", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await CheckLayoutAsync($"{lang} by born_here");
        await ConsoleSession.ScreenshotAsync(page, $"public-{lang}-360-by.png");

        // Back to English: the address does not keep ?lang=en.
        await page.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.DoesNotContain("lang=en", page.Url, StringComparison.Ordinal);
        Assert.Contains("by=born_here", page.Url, StringComparison.Ordinal);

        Assert.All(requests, url => Assert.StartsWith(fixture.BaseUrl, url));
        Assert.True(violations.Count == 0, string.Join('\n', violations));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Across_waves_keeps_sites_apart_with_every_column_named_and_none_cut_at_1280_pixels()
    {
        var (organization, organizer) = await CommunityAsync();
        var first = Guid.Empty;
        foreach (var (site, wave) in new[] { ("cook", "2026-Q1"), ("cook", "2026-Q2"), ("harris", "2026-Q1"), ("harris", "2026-Q2") })
        {
            var id = await RunAsync(organization, $"{site}-{wave.ToLowerInvariant()}-{organization:N}"[..30], r => { r.Site = site; r.Wave = wave; r.Name = $"{char.ToUpperInvariant(site[0])}{site[1..]} County, {wave}"; });
            await SyntheticAsync(id, 400, site.Length * 10 + wave[^1], site, wave);
            first = first == Guid.Empty ? id : first;
        }
        var page = await fixture.NewDesktopPageAsync();
        await ConsoleSession.SignInAsync(fixture, page, organizer);
        await ConsoleSession.OpenAsync(page, $"{fixture.BaseUrl}/admin/runs/{first}/results");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Across waves" })).ToBeVisibleAsync();

        var series = page.Locator("table.series");
        await Assertions.Expect(series).ToHaveCountAsync(2);
        await Assertions.Expect(series.Nth(0).Locator("caption")).ToHaveTextAsync("Site cook: each wave");
        await Assertions.Expect(series.Nth(1).Locator("caption")).ToHaveTextAsync("Site harris: each wave");
        Assert.Equal(["Indicator", "2026-Q1 · cook", "2026-Q2 · cook"], (await series.Nth(0).Locator("thead th").AllInnerTextsAsync()).Select(t => t.Trim()));
        Assert.Equal(["Indicator", "2026-Q1 · harris", "2026-Q2 · harris"], (await series.Nth(1).Locator("thead th").AllInnerTextsAsync()).Select(t => t.Trim()));
        foreach (var header in await page.Locator("table.results thead th").AllAsync())
        {
            var box = await header.BoundingBoxAsync();
            Assert.True(box is not null && box.X + box.Width <= 1280, $"a column ends at {box?.X + box?.Width} px, past the window");
        }
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 1280);

        // The breakdown reads as the question and its answers.
        await ConsoleSession.ChooseAsync(page, "Break down by", "Were you born in this country?");
        await Assertions.Expect(page.Locator("table.results caption").First).ToHaveTextAsync("Grouped by: Were you born in this country?");
        await Assertions.Expect(page.Locator("table.results tbody th[scope=row]", new() { HasTextString = "No" }).First).ToBeVisibleAsync();
        Assert.DoesNotContain("born_here", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await ConsoleSession.ScreenshotAsync(page, "organizer-results.png");
        await ConsoleSession.ScreenshotAsync(page, "organizer-results-top.png", fullPage: false);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Across waves" }).ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Environment.GetEnvironmentVariable("SCREENSHOT_DIR") ?? Path.Combine(AppContext.BaseDirectory, "screenshots"), "organizer-results-waves.png") });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wording_fix_reaches_a_run_that_already_has_responses_at_the_same_address()
    {
        const string Fixed = "¿En qué parte de la ciudad vive usted?";
        var (organization, organizer) = await CommunityAsync();
        var runId = await RunAsync(organization, "wording-live");
        await AnswersAsync(runId, 12);
        var page = await fixture.NewDesktopPageAsync();
        await ConsoleSession.SignInAsync(fixture, page, organizer);
        await ConsoleSession.OpenAsync(page, $"{fixture.BaseUrl}/admin/runs/{runId}/wording");

        // The first language after English is the one being edited: Spanish.
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Español" })).ToBeVisibleAsync();
        await ConsoleSession.TypeAsync(page.GetByLabel("Find (key or text)"), "area · text");
        await ConsoleSession.TypeAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "area · text" }), Fixed);
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version (1 change)" });
        await Assertions.Expect(save).ToBeEnabledAsync();
        await save.ClickAsync();
        await Assertions.Expect(page.GetByText("The run now uses the new version; the 12 responses given so far keep their answers")).ToBeVisibleAsync();
        // Other tests on the shared server may have stored edits of the same survey: any next edit number will do.
        await Assertions.Expect(page.GetByText(new System.Text.RegularExpressions.Regex(@"questionnaire version 1\.0\.0-edit\.\d+"))).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await page.GetByLabel("Find (key or text)").FillAsync("area");
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "area › area_1 · label" })).ToBeVisibleAsync();
        await ConsoleSession.ScreenshotAsync(page, "organizer-wording.png");

        // Respondents at the same address read the fixed wording.
        var (phone, _) = await fixture.NewPhonePageAsync();
        await phone.GotoAsync($"{fixture.BaseUrl}/s/wording-live?lang=es");
        await RespondentJourneyTests.SubmitAsync(phone);
        await Assertions.Expect(phone.GetByText(Fixed)).ToBeVisibleAsync();
        await phone.Context.CloseAsync();

        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "survey-edited" && e.Target == "wording-live");
        Assert.Contains("12 responses given with the earlier wording", audit.Detail);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_leave_address_and_the_help_lines_are_set_on_screen_in_every_language_and_reach_the_thank_you_page()
    {
        var (organization, organizer) = await CommunityAsync();
        var runId = await RunAsync(organization, "help-lines");
        var page = await fixture.NewDesktopPageAsync();
        await ConsoleSession.SignInAsync(fixture, page, organizer);
        await ConsoleSession.OpenAsync(page, $"{fixture.BaseUrl}/admin/runs/{runId}");

        await OpenPanelAsync(page, "Leave this page and help lines", page.GetByLabel("Leave this page goes to"));
        await ConsoleSession.TypeAsync(page.GetByLabel("Leave this page goes to"), "https://weather.example.org/today");
        // The survey's own help line, its Spanish name made local; and a second line of the group's own.
        await Assertions.Expect(page.GetByLabel("Help line 1: name in English")).ToHaveValueAsync("Local legal aid for immigrants");
        await ConsoleSession.TypeAsync(page.GetByLabel("Help line 1: name in Español"), "Clínica legal del Lado Este");
        var lines = await page.Locator("[data-testid^=help-line-]").CountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a help line" }).ClickAsync();
        var n = lines + 1;
        await Assertions.Expect(page.GetByLabel($"Help line {n}: name in English")).ToBeVisibleAsync();
        await ConsoleSession.TypeAsync(page.GetByLabel($"Help line {n}: name in English"), "Eastside crisis line");
        await ConsoleSession.TypeAsync(page.GetByLabel($"Help line {n}: name in Español"), "Línea de crisis del Lado Este");
        await ConsoleSession.TypeAsync(page.GetByLabel($"Help line {n}: name in العربية"), "خط الأزمات في الجانب الشرقي");
        await ConsoleSession.TypeAsync(page.GetByLabel($"Help line {n}: phone"), "+1 555 010 0142");
        await ConsoleSession.ScreenshotAsync(page, "organizer-run-help.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save leave address and help lines" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Saved. The survey's pages use them from now on.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("This run's own help lines.", new() { Exact = false })).ToBeVisibleAsync();

        var (phone, _) = await fixture.NewPhonePageAsync();
        await phone.GotoAsync($"{fixture.BaseUrl}/s/help-lines/thanks?lang=es");
        await Assertions.Expect(phone.GetByText("Clínica legal del Lado Este")).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByText("Línea de crisis del Lado Este")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("a[href='tel:+15550100142']")).ToBeVisibleAsync();
        Assert.Equal("https://weather.example.org/today", await phone.Locator("#quick-exit").GetAttributeAsync("href"));
        await phone.GotoAsync($"{fixture.BaseUrl}/s/help-lines/thanks?lang=ar");
        await Assertions.Expect(phone.GetByText("خط الأزمات في الجانب الشرقي")).ToBeVisibleAsync();
        await phone.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Paper_entry_is_numbered_like_the_printed_form_and_warns_before_saving_a_questionnaire_twice()
    {
        var (organization, organizer) = await CommunityAsync();
        var runId = await RunAsync(organization, "paper-twice", r => r.AllowPaperEntry = true);
        var page = await fixture.NewDesktopPageAsync();
        await ConsoleSession.SignInAsync(fixture, page, organizer);

        var printed = await PdfTextAsync(page, $"{fixture.BaseUrl}/admin/runs/{runId}/paper/questionnaire.pdf?lang=en");
        await ConsoleSession.OpenAsync(page, $"{fixture.BaseUrl}/admin/runs/{runId}/paper");
        var definition = fixture.Services.GetRequiredService<SurveyCatalog>().Find("paper-twice")!.Definition;
        foreach (var key in new[] { "area", "born_here", "victim_12m", "trust_respect" })
        {
            var label = $"{QuestionNumbers.For(definition, key)}. {definition.FindItem(key)!.Text.Get("en")}";
            Assert.Contains(label[..(label.IndexOf(' ', label.IndexOf(' ') + 1))], printed); // "4. Were" on paper
            await Assertions.Expect(page.GetByText(label, new() { Exact = false }).First).ToBeAttachedAsync();
        }

        async Task FillAsync()
        {
            await page.GetByRole(AriaRole.Radio, new() { Name = "Area 2" }).CheckAsync();
            await page.GetByRole(AriaRole.Radio, new() { Name = "35 to 44" }).CheckAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "35 to 44" })).ToBeCheckedAsync();
        }
        await FillAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this paper response" }).ClickAsync();
        await Assertions.Expect(page.GetByText("1 saved on this page", new() { Exact = true })).ToBeVisibleAsync();

        // The same answers again: the page asks first.
        await FillAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this paper response" }).ClickAsync();
        var warning = page.GetByTestId("duplicate-warning");
        await Assertions.Expect(warning).ToContainTextAsync("the same as those of questionnaire 1");
        await ConsoleSession.ScreenshotAsync(page, "organizer-paper-entry.png");
        await Assertions.Expect(page.GetByText("1 saved on this page", new() { Exact = true })).ToBeVisibleAsync();
        await warning.GetByRole(AriaRole.Button, new() { Name = "It is another questionnaire: save it" }).ClickAsync();
        await Assertions.Expect(page.GetByText("2 saved on this page", new() { Exact = true })).ToBeVisibleAsync();

        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        Assert.Equal(2, await db.Responses.CountAsync(r => r.RunId == runId && r.Mode == ResponseMode.Paper));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Answers_per_question_are_counted_with_bars_and_small_counts_hidden()
    {
        var (organization, organizer) = await CommunityAsync();
        var runId = await RunAsync(organization, "answer-counts");
        await AnswersAsync(runId, 40);
        var page = await fixture.NewDesktopPageAsync();
        await ConsoleSession.SignInAsync(fixture, page, organizer);
        await ConsoleSession.OpenAsync(page, $"{fixture.BaseUrl}/admin/runs/{runId}");
        await OpenPanelAsync(page, "Answers per question", page.GetByTestId("answer-counts"));

        var born = page.Locator("table.answer-count", new() { HasTextString = "4. Were you born in this country?" });
        await Assertions.Expect(born.Locator("tr", new() { HasTextString = "Yes" })).ToContainTextAsync("fewer than 10"); // the one person born here
        // 39 of the 40 were born abroad: shown beside the total, that count would give the one person away.
        await Assertions.Expect(born.Locator("tr", new() { HasTextString = "No" }).First).ToContainTextAsync("not shown");
        await Assertions.Expect(born.Locator(".bar")).ToHaveCountAsync(0);
        var trust = page.Locator("table.answer-count", new() { HasTextString = "19. The police in my neighborhood treat people with respect." });
        await Assertions.Expect(trust.Locator("tr", new() { HasTextString = "No answer" })).ToContainTextAsync("fewer than 10");
        var comments = await page.Locator("table.answer-count caption").AllInnerTextsAsync();
        Assert.DoesNotContain(comments, c => c.Contains("anything else", StringComparison.OrdinalIgnoreCase)); // free text never counted
        await ConsoleSession.ScreenshotAsync(page, "organizer-run-answers.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Advocates_get_the_full_report_and_the_annex_and_police_reviewers_the_brief()
    {
        var (organization, _) = await CommunityAsync();
        var runId = await RunAsync(organization, "shared-reports");
        await AnswersAsync(runId, 40);
        var (advocacy, advocates) = await ConsoleSession.OrganizationAsync(fixture, "Rights Group", OrganizationKind.Advocacy,
            ("advocate@example.org", OrganizationRole.Advocate));
        var (police, reviewers) = await ConsoleSession.OrganizationAsync(fixture, "County Police", OrganizationKind.PoliceDepartment,
            ("county-reviewer@example.org", OrganizationRole.PoliceReviewer));
        using (var scope = fixture.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            db.RunShares.AddRange(new RunShare { RunId = runId, OrganizationId = advocacy }, new RunShare { RunId = runId, OrganizationId = police });
            await db.SaveChangesAsync();
        }

        var advocate = await fixture.NewDesktopPageAsync();
        await ConsoleSession.SignInAsync(fixture, advocate, advocates[OrganizationRole.Advocate]);
        await ConsoleSession.OpenAsync(advocate, $"{fixture.BaseUrl}/review/runs/{runId}");
        foreach (var kind in new[] { "full", "annex" })
        {
            var download = await advocate.RunAndWaitForDownloadAsync(() => advocate.Locator($"[data-testid=report-{kind}]").ClickAsync());
            var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
            Assert.EndsWith($"-{kind}-en.pdf", download.SuggestedFilename);
        }
        await advocate.Context.CloseAsync();

        var reviewer = await fixture.NewDesktopPageAsync();
        await ConsoleSession.SignInAsync(fixture, reviewer, reviewers[OrganizationRole.PoliceReviewer]);
        await ConsoleSession.OpenAsync(reviewer, $"{fixture.BaseUrl}/review/runs/{runId}");
        await Assertions.Expect(reviewer.Locator("[data-testid=report-brief]")).ToBeVisibleAsync();
        await Assertions.Expect(reviewer.Locator("[data-testid=report-full]")).ToHaveCountAsync(0);
        Assert.Equal(403, (await reviewer.Context.APIRequest.GetAsync($"{fixture.BaseUrl}/review/runs/{runId}/full.pdf")).Status);
        await reviewer.Context.CloseAsync();
    }
}
