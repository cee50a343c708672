using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Runs;

/// <summary>Exports need a fresh password, purges delete for good, and the public page shows small groups only as suppressed.</summary>
public sealed class ResultsAndDataTests : IAsyncLifetime
{
    private const string Comment = "Una respuesta que debe desaparecer del archivo";
    private readonly PlatformFactory _factory = new PlatformFactory().With("Account:RequireTwoFactorForOrganizers", "false");
    private Guid _community, _runId;
    private TestAccount _organizer = default!;

    public async ValueTask InitializeAsync()
    {
        _community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        _organizer = await _factory.AccountAsync("organizer@example.org", memberships: (_community, OrganizationRole.Organizer));
        _runId = await _factory.RunAsync("eastside", _community);
        // 40 responses: 39 born abroad, 1 born here (a group far below the threshold of 10).
        await _factory.AddResponsesAsync(_runId, 40, Comment, i => i % 2 == 0 ? "es" : "en");
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Exporting_rows_asks_for_the_password_again_then_gives_every_response_and_is_audited()
    {
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(_organizer);
        var first = await browser.GetAsync($"/admin/runs/{_runId}/responses.csv");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/account/confirm?returnUrl=", ConsoleBrowser.LocationOf(first));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.Client.GetAsync($"/admin/runs/{_runId}/responses.csv")).StatusCode);

        await browser.SubmitAsync("/account/confirm", "confirm", ("Input.Password", "wrong password entirely"));
        Assert.Contains("not right", browser.LastBody);
        await browser.ConfirmPasswordAsync(_organizer);

        var csv = await browser.Client.GetStringAsync($"/admin/runs/{_runId}/responses.csv");
        var lines = csv.Trim().Split('\n');
        Assert.StartsWith("area,age_group,gender,born_here", lines[0]);
        Assert.Equal(41, lines.Length);
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        // The console's file is the one survey import reads: every column known, every row taken.
        var run = await db.Runs.Include(r => r.SurveyVersion).SingleAsync(r => r.Id == _runId);
        var definition = Core.Definitions.DefinitionLoader.Load(run.SurveyVersion!.DefinitionJson, "test");
        var imported = Core.Responses.ResponseCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "console.csv", definition,
            new Core.Responses.CsvReadOptions { AreaCodes = run.AreaCodeList.Count > 0 ? run.AreaCodeList : null });
        Assert.Equal(40, imported.Table.Count);
        Assert.Equal(40, Enumerable.Range(0, imported.Table.Count).Count(r => imported.Table["comments"].Text(r) == Comment));
        Assert.Contains(await db.AuditEvents.ToListAsync(), e => e.Action == "export" && e.UserId == _organizer.Id && e.Detail!.StartsWith("40 responses"));
    }

    [Fact]
    public async Task Purging_deletes_the_responses_from_the_database_file_and_takes_the_run_down()
    {
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(_organizer);
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.NameIdentifier, _organizer.Id), new(System.Security.Claims.ClaimTypes.Name, _organizer.Email)], "test"));
        Assert.Equal(40, await _factory.Service<RunPurge>().PurgeAsync(_runId, user));

        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Responses.CountAsync(r => r.RunId == _runId));
        Assert.Equal(RunStatus.Purged, (await db.Runs.SingleAsync(r => r.Id == _runId)).Status);
        var file = new StringBuilder();
        foreach (var path in Directory.GetFiles(_factory.DataDirectory, "surveyplatform.db*"))
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            file.Append(Encoding.UTF8.GetString(memory.ToArray()));
        }
        Assert.DoesNotContain(Comment, file.ToString());
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/s/eastside")).StatusCode);
    }

    [Fact]
    public async Task The_public_page_exists_only_when_published_and_shows_small_groups_as_suppressed()
    {
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/r/eastside")).StatusCode);
        await using (var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
            await db.Runs.Where(r => r.Id == _runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsPublished, true));

        var response = await client.GetAsync("/r/eastside?by=born_here&lang=en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Based on 40 anonymous responses", html);
        Assert.Contains("Not shown: fewer than 10 people in this group", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain(Comment, html);
        Assert.Contains("style-src 'self';", response.Headers.GetValues("Content-Security-Policy").Single());
        // The one person born here: no estimate and no count for that group.
        var row = html[html.IndexOf("<th scope=\"row\">Yes</th>", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.DoesNotContain("%", row);
        Assert.DoesNotContain(">1<", row);
    }
}
