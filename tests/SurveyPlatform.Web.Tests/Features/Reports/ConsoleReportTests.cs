using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Tests.Features.Runs;
using SurveyPlatform.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace SurveyPlatform.Web.Tests.Features.Reports;

/// <summary>
/// Reports made in the console say what they were made from (the SHA-256 of the run's responses, as the CSV export
/// writes them) and, for a second wave, show the change since the organization's earlier wave of the survey at that site,
/// as the command line's brief of both waves does.
/// </summary>
public sealed class ConsoleReportTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new PlatformFactory().With("Account:RequireTwoFactorForOrganizers", "false");
    private Guid _first, _second;
    private TestAccount _organizer = default!;

    public async ValueTask InitializeAsync()
    {
        var community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        _organizer = await _factory.AccountAsync("organizer@example.org", memberships: (community, OrganizationRole.Organizer));
        _first = await _factory.RunAsync("eastside-q1", community, wave: "2026-Q1", site: "eastside");
        _second = await _factory.RunAsync("eastside-q2", community, wave: "2026-Q2", site: "eastside");
        await AddAsync(_first, 150, chilled: 50);
        await AddAsync(_second, 150, chilled: 90);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task AddAsync(Guid run, int count, int chilled)
    {
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        for (var i = 0; i < count; i++)
        {
            db.Responses.Add(new Response
            {
                Id = Guid.NewGuid(),
                RunId = run,
                Day = new DateOnly(2026, 3, 2),
                Lang = "en",
                AnswersJson = JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["born_here"] = i % 2 == 0 ? "yes" : "no",
                    ["chill_victim"] = i < chilled ? "agree_some" : "disagree_some",
                    ["trust_respect"] = (i % 11).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["safety"] = (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture),
                }),
            });
        }
        await db.SaveChangesAsync();
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join('\n', document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public async Task A_full_report_records_the_sha256_of_the_responses_as_survey_export_writes_them()
    {
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(_organizer);
        var report = await browser.Client.GetAsync($"/admin/runs/{_second}/reports/full.pdf?lang=en");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var text = PdfText(await report.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain("not recorded", text);

        // What `survey export --run eastside-q2 --format csv` writes: the run's responses in the CSV format, UTF-8.
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        var run = await db.Runs.Include(r => r.SurveyVersion).SingleAsync(r => r.Id == _second);
        var definition = Core.Definitions.DefinitionLoader.Load(run.SurveyVersion!.DefinitionJson, "standard");
        var table = await ResponseTransfer.LoadAsync(db, run, definition);
        using var export = new MemoryStream();
        using (var writer = new StreamWriter(export, new System.Text.UTF8Encoding(false), leaveOpen: true))
            Core.Responses.ResponseCsv.Write(table, writer);
        var sha = Convert.ToHexStringLower(SHA256.HashData(export.ToArray()));
        Assert.Contains(sha, text.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_brief_of_a_second_wave_shows_the_change_since_the_first()
    {
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(_organizer);
        var brief = await browser.Client.GetAsync($"/admin/runs/{_second}/reports/brief.pdf?lang=en");
        Assert.Equal(HttpStatusCode.OK, brief.StatusCode);
        var text = PdfText(await brief.Content.ReadAsByteArrayAsync());
        Assert.Contains("2026-Q1", text);
        Assert.Contains("2026-Q2", text);
        // Victim chill went from 33% to 60%.
        Assert.Contains("33%", text);
        Assert.Contains("60%", text);
    }
}
