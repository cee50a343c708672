using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Features.Surveys;
using SurveyPlatform.Web.Tests.Features.Runs;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Hosting;

/// <summary>
/// Two instances behind one load balancer, on one PostgreSQL database and on one SQLite file, behave as one: what
/// one changes, the other follows within 5 s; forms, sign-ins, codes and code sheets cross; a form posted to both is
/// stored once; a closed run refuses on both.
/// </summary>
[Trait("Needs", "PostgreSQL")]
public sealed class ManyInstancesTests
{
    private const string Slug = "community-trust";

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_run_closed_or_switched_to_codes_on_one_instance_refuses_on_the_other_within_5_seconds(DatabaseProvider provider)
    {
        await using var instances = TwoInstances.Start(provider);
        var cookies = new CookieContainer();
        using var onB = TwoInstances.CreateBrowser(instances.B, cookies);
        var started = await new Respondent(onB, Slug).OpenAsync("en");
        Assert.Equal(HttpStatusCode.OK, started.Status);

        // The console of instance A closes the run (and reloads its own catalog, as the console does).
        await ChangeRunOnAsync(instances.A, r => r.Status = RunStatus.Closed);
        var clock = Stopwatch.StartNew();
        while ((await new Respondent(onB, Slug).OpenAsync("en")).Status == HttpStatusCode.OK)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "instance B still takes responses 5 s after the run was closed on A");
            await Task.Delay(100);
        }
        await started.NextAsync();
        Assert.Equal(HttpStatusCode.Gone, started.Status); // a form begun before the close is refused too
        using var onA = TwoInstances.CreateBrowser(instances.A, cookies);
        Assert.Equal(HttpStatusCode.Gone, (await new Respondent(onA, Slug).OpenAsync("en")).Status);

        // Opened again in codes-only mode on A: B asks for a code within 5 s.
        await ChangeRunOnAsync(instances.A, r => { r.Status = RunStatus.Open; r.Mode = RunMode.OneTimeCodes; });
        clock.Restart();
        while (!(await new Respondent(onB, Slug).OpenAsync("en")).Html.Contains("name=\"code\"", StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "instance B does not ask for a code 5 s after A switched the run to codes");
            await Task.Delay(100);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_form_crosses_instances_page_by_page_and_the_same_form_posted_to_both_is_stored_once(DatabaseProvider provider)
    {
        await using var instances = TwoInstances.Start(provider);
        using var balanced = instances.CreateRoundRobinBrowser();
        var respondent = await new Respondent(balanced, Slug).OpenAsync("en");
        var answers = new Dictionary<string, string[]>(StandardAnswers.ForeignBornVictim) { ["comments"] = ["crossing instances"] };

        // Every page goes to the other instance than the one before; stop before the last post.
        var response = await respondent.NextAsync();
        var lastState = "";
        (string, string)[] lastAnswers = [];
        for (var guard = 0; guard < 20 && response.StatusCode == HttpStatusCode.OK; guard++)
        {
            lastState = respondent.State;
            lastAnswers = respondent.ItemKeys.Where(answers.ContainsKey).SelectMany(k => answers[k].Select(v => (k, v))).ToArray();
            response = await respondent.NextAsync(lastAnswers);
        }
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);

        // The last page posted again, to the other instance (a double click, a retry through the balancer).
        var again = await respondent.PostAsync("next", lastAnswers, lastState);
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);

        await using var db = instances.Database();
        var stored = await db.Responses.Select(r => r.AnswersJson).ToListAsync();
        Assert.Single(stored, a => a.Contains("crossing instances", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_sign_in_and_its_console_pages_work_on_either_instance(DatabaseProvider provider)
    {
        await using var instances = TwoInstances.Start(provider);
        var community = await instances.A.OrganizationAsync("Northside Watch", OrganizationKind.Community);
        var organizer = await instances.A.AccountAsync("organizer@example.org", twoFactor: true, memberships: (community, OrganizationRole.Organizer));
        var cookies = new CookieContainer();
        using var balanced = instances.CreateRoundRobinBrowser(cookies);
        var browser = new ConsoleBrowser(balanced, instances.A.Clock);

        await browser.SignInAsync(organizer); // the form from one instance, posted to the other

        foreach (var instance in new[] { instances.A, instances.B })
        {
            using var only = TwoInstances.CreateBrowser(instance, cookies);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/runs");
            request.Headers.Accept.ParseAdd("text/html");
            var page = await only.SendAsync(request);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{(int)page.StatusCode} {page.Headers.Location}");
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Codes_and_code_sheets_made_on_one_instance_work_on_the_other(DatabaseProvider provider)
    {
        await using var instances = TwoInstances.Start(provider);
        var community = await instances.A.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        var runId = await instances.A.RunAsync("eastside-codes", community, RunMode.OneTimeCodes);
        var codes = await instances.A.Service<RunCodeGenerator>().GenerateAsync(runId, 2);
        var ticket = await instances.A.Service<CodeSheets>().KeepAsync(runId, "organizer-id", codes);

        var sheet = await instances.B.Service<CodeSheets>().FindAsync(ticket, runId, "organizer-id");
        Assert.NotNull(sheet);
        Assert.Equal(codes, sheet.Codes);
        Assert.Null(await instances.B.Service<CodeSheets>().FindAsync(ticket, runId, "someone-else"));

        await instances.B.Service<SurveyCatalog>().ReloadAsync();
        using var onB = TwoInstances.CreateBrowser(instances.B, new CookieContainer());
        var respondent = await new Respondent(onB, "eastside-codes").OpenAsync("en");
        await StandardAnswers.CompleteAsync(respondent, StandardAnswers.ForeignBornVictim, codes[0]);
        Assert.Equal(HttpStatusCode.SeeOther, respondent.Status);
        await using var db = instances.Database();
        Assert.Equal(1, await db.RunCodes.CountAsync(c => c.RunId == runId && c.Used));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_setup_link_printed_by_one_instance_works_on_the_other_once(DatabaseProvider provider)
    {
        await using var instances = TwoInstances.Start(provider);
        var token = instances.A.Service<SurveyPlatform.Web.Features.Account.SetupLinkHolder>().Token;
        Assert.NotNull(token);
        var path = $"/account/setup?token={token}";

        var onB = new ConsoleBrowser(TwoInstances.CreateBrowser(instances.B, new CookieContainer()), instances.B.Clock);
        await onB.SubmitAsync(path, "setup", ("Input.Email", "admin@example.org"),
            ("Input.Password", ConsoleData.Password), ("Input.ConfirmPassword", ConsoleData.Password));
        Assert.Equal(HttpStatusCode.Redirect, onB.Last!.StatusCode);

        var onA = new ConsoleBrowser(TwoInstances.CreateBrowser(instances.A, new CookieContainer()), instances.A.Clock);
        await onA.GetAsync(path);
        Assert.Contains("not valid", onA.LastBody);
    }

    private static async Task ChangeRunOnAsync(PlatformFactory instance, Action<SurveyRun> change)
    {
        await using (var db = await instance.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
        {
            var run = await db.Runs.SingleAsync(r => r.Slug == Slug);
            change(run);
            await db.SaveChangesAsync();
        }
        await instance.Service<SurveyCatalog>().ReloadAsync();
    }
}
