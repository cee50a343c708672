using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Tests.Features.Runs;
using SurveyPlatform.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace SurveyPlatform.Web.Tests.Features.Reports;

/// <summary>Reports of a run as PDF for organizers and police reviewers, and the rows as XLSX with a codebook for organizers only.</summary>
public sealed class ReportDownloadTests : IAsyncLifetime
{
    private const string Comment = "Un comentario que nunca sale en un informe";
    private readonly PlatformFactory _factory = new PlatformFactory().With("Account:RequireTwoFactorForOrganizers", "false");
    private Guid _runId;
    private TestAccount _organizer = default!, _reviewer = default!, _advocate = default!;

    public async ValueTask InitializeAsync()
    {
        var community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        var police = await _factory.OrganizationAsync("Metro Police", OrganizationKind.PoliceDepartment);
        _organizer = await _factory.AccountAsync("organizer@example.org", memberships: (community, OrganizationRole.Organizer));
        _reviewer = await _factory.AccountAsync("reviewer@example.org", memberships: (police, OrganizationRole.PoliceReviewer));
        var advocacy = await _factory.OrganizationAsync("Rights Group", OrganizationKind.Advocacy);
        _advocate = await _factory.AccountAsync("advocate@example.org", memberships: (advocacy, OrganizationRole.Advocate));
        _runId = await _factory.RunAsync("eastside", community);
        // 40 responses: 39 born abroad and 1 born here (a group far below the threshold of 10), 3 answered in Vietnamese.
        await _factory.AddResponsesAsync(_runId, 40, Comment, i => i < 3 ? "vi" : "es");
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        db.RunShares.Add(new RunShare { RunId = _runId, OrganizationId = police });
        db.RunShares.Add(new RunShare { RunId = _runId, OrganizationId = advocacy });
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join('\n', document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
    }

    [Theory]
    [InlineData("brief", "en")]
    [InlineData("full", "es")]
    [InlineData("annex", "vi")]
    public async Task Organizers_download_each_report_in_a_chosen_language_with_small_groups_never_shown(string kind, string lang)
    {
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(_organizer);
        var response = await browser.Client.GetAsync($"/admin/runs/{_runId}/reports/{kind}.pdf?lang={lang}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"eastside-{kind}-{lang}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = PdfText(pdf);
        Assert.Contains("Eastside Neighbors", text);
        Assert.DoesNotContain(Comment, text);
        AssertSmallGroupsHidden(text);
    }

    /// <summary>The one person born here and the three who answered in Vietnamese: no figure of those groups anywhere.</summary>
    private static void AssertSmallGroupsHidden(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            Assert.DoesNotMatch(@"\b(n|N) ?= ?[1-9]\b", line);
        }
    }

    [Fact]
    public async Task Police_reviewers_download_the_brief_of_a_shared_run_and_nothing_else()
    {
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(_reviewer);
        var brief = await browser.Client.GetAsync($"/review/runs/{_runId}/brief.pdf?lang=es");
        Assert.Equal(HttpStatusCode.OK, brief.StatusCode);
        var text = PdfText(await brief.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(Comment, text);
        AssertSmallGroupsHidden(text);
        await browser.ConfirmPasswordAsync(_reviewer);
        foreach (var path in new[] { "reports/full.pdf", "reports/brief.pdf", "responses.xlsx", "codebook.csv", "responses.csv" })
        {
            var denied = await browser.Client.GetAsync($"/admin/runs/{_runId}/{path}");
            Assert.False(denied.IsSuccessStatusCode, path);
            Assert.NotEqual("application/pdf", denied.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("brief")]
    [InlineData("full")]
    [InlineData("annex")]
    public async Task Advocates_download_the_brief_the_full_report_and_the_annex_with_aggregates_only(string kind)
    {
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(_advocate);
        var response = await browser.Client.GetAsync($"/review/runs/{_runId}/{kind}.pdf?lang=es");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(Comment, text);
        AssertSmallGroupsHidden(text);
        var page = await browser.GetAsync($"/review/runs/{_runId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"/review/runs/{_runId}/{kind}.pdf", browser.LastBody);
    }

    [Fact]
    public async Task Police_reviewers_are_refused_the_full_report_and_the_annex_and_are_not_offered_them()
    {
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(_reviewer);
        foreach (var kind in new[] { "full", "annex" })
        {
            var response = await browser.Client.GetAsync($"/review/runs/{_runId}/{kind}.pdf");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync($"/review/runs/{_runId}/responses.pdf")).StatusCode);
        await browser.GetAsync($"/review/runs/{_runId}");
        Assert.Contains($"/review/runs/{_runId}/brief.pdf", browser.LastBody);
        Assert.DoesNotContain($"/review/runs/{_runId}/full.pdf", browser.LastBody);
    }

    [Fact]
    public async Task A_language_without_report_words_is_refused_with_the_allowed_ones()
    {
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(_organizer);
        var response = await browser.Client.GetAsync($"/admin/runs/{_runId}/reports/brief.pdf?lang=fr");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("allowed: en, es, zh-Hans, vi, ar, ht", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_spreadsheet_asks_for_the_password_then_holds_every_response_and_a_codebook_sheet()
    {
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(_organizer);
        var first = await browser.GetAsync($"/admin/runs/{_runId}/responses.xlsx");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/account/confirm?returnUrl=", ConsoleBrowser.LocationOf(first));
        await browser.ConfirmPasswordAsync(_organizer);

        var bytes = await browser.Client.GetByteArrayAsync($"/admin/runs/{_runId}/responses.xlsx");
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["responses", "codebook"], sheets.Select(s => s.Name!.Value));
        var rows = ((WorksheetPart)workbook.GetPartById(sheets[0].Id!)).Worksheet.Descendants<Row>().ToList();
        Assert.Equal(41, rows.Count);
        var codebook = ((WorksheetPart)workbook.GetPartById(sheets[1].Id!)).Worksheet.Descendants<Row>().ToList();
        Assert.Contains(codebook, r => r.InnerText.Contains("born_here", StringComparison.Ordinal));

        var csv = await browser.Client.GetStringAsync($"/admin/runs/{_runId}/codebook.csv");
        Assert.StartsWith("column,type,question,shown_when,code,label", csv);
        Assert.Contains("chill_victim,single,", csv);
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Contains(await db.AuditEvents.ToListAsync(), e => e.Action == "export" && e.Detail == "40 responses, XLSX with codebook");
    }
}
