using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Tests.Features.Runs;
using SurveyPlatform.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace SurveyPlatform.Web.Tests.Features.Dashboards;

/// <summary>
/// docs/anonymity.md rule 7 against a reader without access to rows (the public page, a police reviewer, an advocate):
/// they look, one person answers, they look again. Every figure they see comes from the run's release, which changes
/// only after k new responses, so the two looks are identical; and no figure on the page gives a hidden group back.
/// </summary>
public sealed partial class ReleaseTests : IAsyncLifetime
{
    private const int K = 10;
    private readonly PlatformFactory _factory = new PlatformFactory().With("Account:RequireTwoFactorForOrganizers", "false");
    private Guid _community, _police, _runId;
    private TestAccount _reviewer = default!, _advocate = default!;

    public async ValueTask InitializeAsync()
    {
        _community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        _police = await _factory.OrganizationAsync("Metro Police", OrganizationKind.PoliceDepartment);
        var advocates = await _factory.OrganizationAsync("Immigrant Rights Coalition", OrganizationKind.Community);
        _reviewer = await _factory.AccountAsync("reviewer@example.org", memberships: (_police, OrganizationRole.PoliceReviewer));
        _advocate = await _factory.AccountAsync("advocate@example.org", memberships: (advocates, OrganizationRole.Advocate));
        _runId = await _factory.RunAsync("eastside", _community, minCell: K);
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        db.RunShares.Add(new RunShare { RunId = _runId, OrganizationId = _police });
        db.RunShares.Add(new RunShare { RunId = _runId, OrganizationId = advocates });
        await db.Runs.Where(r => r.Id == _runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsPublished, true));
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    /// <summary>Stores responses of people of <paramref name="area"/> and <paramref name="born"/>, <paramref name="chilled"/> of them chilled.</summary>
    private async Task AddAsync(int count, string area, string? born, int chilled, string lang = "es")
    {
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        for (var i = 0; i < count; i++)
        {
            var answers = new Dictionary<string, string>
            {
                ["area"] = area,
                ["chill_victim"] = i < chilled ? "agree_strong" : "disagree_some",
                ["trust_respect"] = (i % 11).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["home_language"] = i % 3 == 0 ? "en" : "es",
            };
            if (born is not null) answers["born_here"] = born;
            db.Responses.Add(new Response
            {
                Id = Guid.NewGuid(),
                RunId = _runId,
                Day = new DateOnly(2026, 3, 2),
                Lang = lang,
                AnswersJson = JsonSerializer.Serialize(answers),
            });
        }
        await db.SaveChangesAsync();
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join('\n', document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
    }

    /// <summary>What a reader takes from a page: its text without markup, scripts or the console's live-connection markers.</summary>
    private static string Text(string html)
    {
        html = Comments().Replace(html, "");
        html = Scripts().Replace(html, "");
        html = Tags().Replace(html, " ");
        return Spaces().Replace(WebUtility.HtmlDecode(html), " ").Trim();
    }

    /// <summary>Every view of the run for people without its rows, as text: public page (overall and by each breakdown), reviewer and advocate pages, the brief.</summary>
    private async Task<Dictionary<string, string>> LookAsync()
    {
        var views = new Dictionary<string, string>();
        var anonymous = _factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var by in new[] { "", "&by=born_here", "&by=area", "&by=lang" })
        {
            var page = await anonymous.GetAsync($"/r/eastside?lang=en{by}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            views[$"public{by}"] = Text(await page.Content.ReadAsStringAsync());
        }
        foreach (var (name, account) in new[] { ("reviewer", _reviewer), ("advocate", _advocate) })
        {
            var browser = ConsoleBrowser.Open(_factory);
            await browser.SignInAsync(account);
            var page = await browser.Client.GetAsync($"/review/runs/{_runId}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            views[name] = Text(await page.Content.ReadAsStringAsync());
            var brief = await browser.Client.GetAsync($"/review/runs/{_runId}/brief.pdf?lang=en");
            Assert.Equal(HttpStatusCode.OK, brief.StatusCode);
            views[$"{name} brief"] = PdfText(await brief.Content.ReadAsByteArrayAsync());
        }
        return views;
    }

    [Fact]
    public async Task One_more_response_changes_no_figure_anyone_without_the_rows_sees_and_k_more_do()
    {
        await AddAsync(60, "area_1", "yes", 20);
        await AddAsync(50, "area_2", "no", 30);
        var before = await LookAsync();
        Assert.Contains("Based on 110 anonymous responses", before["public"]);

        // One person answers: born abroad, area 2, chilled. Nothing anyone sees may move.
        await AddAsync(1, "area_2", "no", 1, lang: "ar");
        var after = await LookAsync();
        foreach (var (view, text) in before)
            Assert.True(text == after[view], $"{view} changed after one response");

        // k more: a new release.
        await AddAsync(K, "area_1", "no", 4);
        var later = await LookAsync();
        Assert.Contains("Based on 121 anonymous responses", later["public"]);
        Assert.NotEqual(before["reviewer brief"], later["reviewer brief"]);
    }

    [Fact]
    public async Task A_raised_threshold_replaces_the_release_at_once()
    {
        await AddAsync(30, "area_1", "no", 12);
        var results = _factory.Service<Web.Features.Dashboards.RunResults>();
        Assert.Equal(K, (await results.ReleasedAsync(_runId))!.Report.MinCell);

        // The organizers raise "smallest group shown" to 20: groups of 10 to 19 must not stay on view until 20 more answer.
        await using (var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
            await db.Runs.Where(r => r.Id == _runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.MinCellSize, 20));
        var raised = (await results.ReleasedAsync(_runId))!;

        Assert.Equal(20, raised.Report.MinCell);
        Assert.All(raised.Report.Indicators.SelectMany(i => i.Groups).Where(g => g.Estimate.IsPresented), g => Assert.True(g.Estimate.N >= 20, $"{g.By} = {g.Value}: n {g.Estimate.N}"));
    }

    [Fact]
    public async Task Two_instances_deciding_at_once_store_one_release_and_never_two_fewer_than_k_apart()
    {
        await AddAsync(12, "area_1", "no", 5);
        // Two instances (two RunResults, each with its own in-process lock) look at the same moment, then one more person answers
        // and a third look comes: the releases shown never differ by fewer than k responses.
        var a = new Web.Features.Dashboards.RunResults(_factory.Service<IDbContextFactory<SurveyDbContext>>(), TimeProvider.System);
        var b = new Web.Features.Dashboards.RunResults(_factory.Service<IDbContextFactory<SurveyDbContext>>(), TimeProvider.System);
        var looks = await Task.WhenAll(a.ReleasedAsync(_runId), b.ReleasedAsync(_runId));
        await AddAsync(1, "area_1", "no", 0);
        var after = await a.ReleasedAsync(_runId);

        Assert.All(looks, l => Assert.Equal(12, l!.Report.Responses));
        Assert.Equal(12, after!.Report.Responses);
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Releases.CountAsync(r => r.RunId == _runId));
    }

    [Fact]
    public async Task A_run_under_k_shows_reviewers_no_count_and_makes_no_brief()
    {
        // The reviewer's brief once printed "3 people answered" for a run of 3 with k = 10.
        await AddAsync(3, "area_1", "no", 3);
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(_reviewer);
        var page = Text(await browser.Client.GetStringAsync($"/review/runs/{_runId}"));
        Assert.Contains("too few responses to show results yet", page);
        Assert.DoesNotMatch(@"\b3 (responses|people)", page);
        var brief = await browser.Client.GetAsync($"/review/runs/{_runId}/brief.pdf?lang=en");
        Assert.NotEqual("application/pdf", brief.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotMatch(@"\b3\b", await brief.Content.ReadAsStringAsync());
        var anonymous = _factory.CreateClient(new() { AllowAutoRedirect = false });
        var publicPage = Text(await anonymous.GetStringAsync("/r/eastside?lang=en"));
        Assert.Contains("Not enough people have answered yet", publicPage);
        Assert.DoesNotMatch(@"\b3\b", publicPage);
    }

    /// <summary>The rows of the public page's table: indicator, group, and the n shown (null when none).</summary>
    private static List<(string Indicator, string Group, long? N)> Rows(string html)
    {
        var rows = new List<(string, string, long?)>();
        string? indicator = null;
        foreach (Match row in TableRows().Matches(html))
        {
            var cells = Cells().Matches(row.Groups[1].Value).Select(c => Text(c.Groups[1].Value)).ToList();
            if (cells.Count < 3 || row.Value.Contains("<th scope=\"col\"", StringComparison.Ordinal)) continue;
            if (cells[0].Length > 0) indicator = cells[0];
            var n = Leading().Match(cells[^1]);
            rows.Add((indicator!, cells[1], n.Success ? long.Parse(n.Value, System.Globalization.CultureInfo.InvariantCulture) : null));
        }
        return rows;
    }

    [Fact]
    public async Task The_public_page_gap_rows_do_not_give_back_a_hidden_group()
    {
        // Area 1: 60 born here, 64 born abroad and 1 who refused to say (chilled). Once, the page by area showed victim chill
        // in area 1 with n = 125 and the status gap in area 1 with n = 124: 125 − 124 is that one person.
        await AddAsync(60, "area_1", "yes", 20);
        await AddAsync(64, "area_1", "no", 40);
        await AddAsync(1, "area_1", "refuse", 1);
        await AddAsync(40, "area_2", "yes", 10);
        await AddAsync(40, "area_2", "no", 25);
        var definition = DefinitionLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "surveys", "community-trust.survey.json"));
        string Label(string id) => definition.Indicators.Single(i => i.Id == id).Label.Get("en");
        var anonymous = _factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var by in new[] { "area", "born_here", "gender", "lang" })
        {
            var rows = Rows(await anonymous.GetStringAsync($"/r/eastside?lang=en&by={by}"));
            Assert.NotEmpty(rows);
            foreach (var (group, n) in rows.Where(r => r.Indicator == Label("victim_chill")).Select(r => (r.Group, r.N)))
            {
                var gap = rows.FirstOrDefault(r => r.Indicator == Label("status_gap") && r.Group == group).N;
                if (n is { } all && gap is { } sides)
                    Assert.False(all - sides is > 0 and < K, $"by {by}, {group}: {all} − {sides} = {all - sides} people on neither side");
            }
        }
    }

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comments();
    [GeneratedRegex("<script.*?</script>", RegexOptions.Singleline)]
    private static partial Regex Scripts();
    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
    [GeneratedRegex("<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRows();
    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex Cells();
    [GeneratedRegex(@"^\d+")]
    private static partial Regex Leading();
}
