using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Account;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Tests.Features.Runs;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Console;

/// <summary>
/// Every endpoint the application maps × every kind of visitor → allowed or denied. An endpoint without a row
/// here fails the first test, so a new page or download cannot ship without deciding who may open it.
/// </summary>
public sealed class AccessMatrixTests : IAsyncLifetime
{
    public enum Actor { Anonymous, Advocate, PoliceReviewer, OrganizerA, OrganizerB, Administrator }

    private static readonly Actor[] Everyone = Enum.GetValues<Actor>();
    private static readonly Actor[] SignedIn = [Actor.Advocate, Actor.PoliceReviewer, Actor.OrganizerA, Actor.OrganizerB, Actor.Administrator];
    private static readonly Actor[] Organizers = [Actor.OrganizerA, Actor.OrganizerB, Actor.Administrator];
    /// <summary>Organization A's page (members, invitations): its organizers and the administrator.</summary>
    private static readonly Actor[] OrganizationManagers = [Actor.OrganizerA, Actor.Administrator];
    /// <summary>A run's settings: its organization's organizers and the administrator (README, roles).</summary>
    private static readonly Actor[] RunSettings = [Actor.OrganizerA, Actor.Administrator];
    /// <summary>A run's data, even aggregated, its wording and preview: organizers of the run's organization only, never the administrator.</summary>
    private static readonly Actor[] RunOrganizers = [Actor.OrganizerA];
    private static readonly Actor[] Reviewers = [Actor.Advocate, Actor.PoliceReviewer];
    private static readonly Actor[] Nobody = [];

    /// <summary>Method and route pattern → who is allowed; a number instead means the status everyone gets (no sign-in involved).</summary>
    private static readonly Dictionary<string, object> Matrix = new()
    {
        ["GET /account/login"] = Everyone,
        ["GET /account/login/2fa"] = Nobody, // only after a correct password
        ["GET /account/login/recovery"] = Nobody,
        ["GET /account/setup"] = Everyone, // says the link is not valid without the printed token
        ["GET /account/invite"] = Everyone, // says the link is not valid without a token
        ["GET /account/denied"] = Everyone,
        ["GET /account/reset"] = Everyone, // says the link is not valid without a reset token
        ["GET /account/two-factor"] = SignedIn,
        ["GET /account/confirm"] = SignedIn,
        ["GET /account/password"] = SignedIn,
        ["GET /account/ping"] = SignedIn,
        ["POST /account/logout"] = 400, // refused without the anti-forgery token
        ["GET /admin"] = SignedIn,
        ["GET /admin/not-found"] = Everyone,
        ["GET /admin/audit"] = new[] { Actor.Administrator },
        ["GET /admin/accounts"] = new[] { Actor.Administrator },
        ["GET /admin/organizations"] = SignedIn,
        ["GET /admin/organizations/{OrgId:guid}"] = OrganizationManagers,
        ["GET /admin/runs"] = Organizers,
        ["GET /admin/runs/new"] = Organizers,
        ["GET /admin/runs/{RunId:guid}"] = RunSettings,
        ["GET /admin/runs/{RunId:guid}/results"] = RunOrganizers,
        ["GET /admin/runs/{RunId:guid}/codes/{Ticket}.csv"] = new[] { Actor.OrganizerA }, // the sheet of the organizer who made it
        ["GET /admin/runs/{RunId:guid}/codes/{Ticket}.pdf"] = new[] { Actor.OrganizerA },
        ["GET /admin/runs/{RunId:guid}/responses.csv"] = new[] { Actor.OrganizerA }, // rows: organizers of the run's organization only
        ["GET /admin/runs/{RunId:guid}/responses.xlsx"] = new[] { Actor.OrganizerA },
        ["GET /admin/runs/{RunId:guid}/codebook.csv"] = new[] { Actor.OrganizerA },
        ["GET /admin/runs/{RunId:guid}/reports/{Kind}.pdf"] = RunOrganizers, // aggregates: brief, full report, annex
        ["GET /review/runs/{RunId:guid}/{Kind}.pdf"] = Reviewers, // aggregates only: the brief; advocates also the full report and the annex
        ["GET /admin/runs/{RunId:guid}/wording"] = RunOrganizers,
        ["GET /admin/runs/{RunId:guid}/paper"] = new[] { Actor.OrganizerA }, // typing in answers: organizers of the run's organization only
        ["GET /admin/runs/{RunId:guid}/paper/questionnaire.pdf"] = RunOrganizers,
        ["GET /preview/runs/{RunId:guid}"] = RunOrganizers,
        ["POST /preview/runs/{RunId:guid}"] = Nobody, // without the preview's state a bad request even for its organizers
        ["GET /review"] = Reviewers,
        ["GET /review/runs/{RunId:guid}"] = Reviewers,
        ["GET /r/{slug}"] = Everyone,
        ["GET /s/{slug}"] = Everyone,
        ["POST /s/{slug}"] = 400, // a post without the form's state is a bad request for anyone
        ["GET /s/{slug}/thanks"] = Everyone,
        ["* /healthz"] = Everyone,
        ["* /healthz/live"] = Everyone,
        ["* /healthz/ready"] = Everyone,
        // The interactive console's connection; each component checks access itself (tested by the page rows above).
        // Probed with GET: the hub and its endpoints refuse it, the list of script initializers is public.
        ["* /_blazor/negotiate"] = 405,
        ["* /_blazor"] = 400,
        ["* /_blazor/disconnect"] = 405,
        ["* /_blazor/initializers"] = 200,
        ["GET /_framework/opaque-redirect"] = 400,
        // The site's own files (styles, scripts, MudBlazor's assets) by path.
        ["GET /{**path:file}"] = Everyone,
    };

    // Eleven sign-ins and password confirmations from one address: more than the sign-in rate limit allows.
    private readonly PlatformFactory _factory = new PlatformFactory().With("RateLimiting:Login:PermitLimit", "100");
    private readonly Dictionary<Actor, ConsoleBrowser> _browsers = [];
    private readonly Dictionary<string, string> _routeValues = [];

    public async ValueTask InitializeAsync()
    {
        var orgA = await _factory.OrganizationAsync("Org A", OrganizationKind.Community);
        var orgB = await _factory.OrganizationAsync("Org B", OrganizationKind.Community);
        var police = await _factory.OrganizationAsync("Metro Police", OrganizationKind.PoliceDepartment);
        var advocacy = await _factory.OrganizationAsync("Rights Group", OrganizationKind.Advocacy);
        var runId = await _factory.RunAsync("org-a-run", orgA);
        // Reports exist from k responses on (fewer publish nothing): enough that every download has something to show.
        await _factory.AddResponsesAsync(runId, 12, "", _ => "en");
        await using (var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
        {
            db.RunShares.AddRange(new RunShare { RunId = runId, OrganizationId = police }, new RunShare { RunId = runId, OrganizationId = advocacy });
            await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsPublished, true).SetProperty(r => r.AllowPaperEntry, true));
            await db.SaveChangesAsync();
        }
        await _factory.Service<Web.Features.Surveys.SurveyCatalog>().ReloadAsync();
        var accounts = new Dictionary<Actor, TestAccount>
        {
            [Actor.Advocate] = await _factory.AccountAsync("advocate@example.org", twoFactor: true, memberships: (advocacy, OrganizationRole.Advocate)),
            [Actor.PoliceReviewer] = await _factory.AccountAsync("reviewer@example.org", twoFactor: true, memberships: (police, OrganizationRole.PoliceReviewer)),
            [Actor.OrganizerA] = await _factory.AccountAsync("a@example.org", twoFactor: true, memberships: (orgA, OrganizationRole.Organizer)),
            [Actor.OrganizerB] = await _factory.AccountAsync("b@example.org", twoFactor: true, memberships: (orgB, OrganizationRole.Organizer)),
            [Actor.Administrator] = await _factory.AccountAsync("admin@example.org", administrator: true, twoFactor: true),
        };
        _browsers[Actor.Anonymous] = ConsoleBrowser.Open(_factory);
        foreach (var (actor, account) in accounts)
        {
            var browser = ConsoleBrowser.Open(_factory);
            await browser.SignInAsync(account);
            // Everyone has just confirmed their password, so that re-authentication is not what denies them.
            await browser.ConfirmPasswordAsync(account);
            _browsers[actor] = browser;
        }
        var codes = await _factory.Service<RunCodeGenerator>().GenerateAsync(runId, 2);
        _routeValues["RunId"] = runId.ToString();
        _routeValues["OrgId"] = orgA.ToString();
        _routeValues["Ticket"] = await _factory.Service<CodeSheets>().KeepAsync(runId, accounts[Actor.OrganizerA].Id, codes);
        _routeValues["slug"] = "org-a-run";
        _routeValues["Kind"] = "brief";
        _routeValues["**path:file"] = "css/console.css";
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public void Every_mapped_endpoint_has_a_row_and_every_row_an_endpoint()
    {
        var mapped = MappedEndpoints();
        var missing = mapped.Where(e => !Matrix.ContainsKey(e)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without a row in the access matrix:\n" + string.Join('\n', missing));
        var stale = Matrix.Keys.Where(k => !mapped.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "Rows for endpoints that no longer exist:\n" + string.Join('\n', stale));
    }

    [Fact]
    public async Task Each_visitor_reaches_exactly_the_endpoints_of_its_row()
    {
        var wrong = new List<string>();
        foreach (var (key, expected) in Matrix.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var (method, pattern) = (key[..key.IndexOf(' ')], key[(key.IndexOf(' ') + 1)..]);
            var path = Fill(pattern);
            foreach (var actor in Everyone)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method == "*" ? "GET" : method), path);
                request.Headers.Accept.ParseAdd("text/html");
                var response = await _browsers[actor].Client.SendAsync(request);
                var outcome = expected switch
                {
                    int status => (int)response.StatusCode == status ? null : $"expected {status}",
                    Actor[] allowed when allowed.Contains(actor) => IsAllowed(response) ? null : "expected allowed",
                    _ => IsAllowed(response) ? "expected denied" : null,
                };
                if (outcome is not null)
                    wrong.Add($"{key} as {actor}: {outcome}, got {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    private static bool IsAllowed(HttpResponseMessage response)
    {
        if ((int)response.StatusCode is 401 or 403 or 404)
            return false;
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var location = ConsoleBrowser.LocationOf(response);
            return !(location.StartsWith("/account/login", StringComparison.Ordinal) || location.StartsWith("/account/denied", StringComparison.Ordinal));
        }
        return response.IsSuccessStatusCode;
    }

    private string Fill(string pattern)
    {
        var path = pattern;
        foreach (var (name, value) in _routeValues)
        {
            path = path.Replace($"{{{name}:guid}}", value).Replace($"{{{name}}}", value);
        }
        Assert.DoesNotContain("{", path);
        return path;
    }

    /// <summary>"METHOD /pattern" of every routed endpoint, except the site's own static files (public by nature).</summary>
    private HashSet<string> MappedEndpoints()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in _factory.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"))
                continue;
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (methods is null || methods.Count == 0)
            {
                keys.Add($"* {pattern}");
            }
            else if (methods.Contains("GET"))
            {
                keys.Add($"GET {pattern}"); // pages answer GET and their own form POSTs; the GET decides access
            }
            else
            {
                foreach (var method in methods)
                    keys.Add($"{method} {pattern}");
            }
        }
        return keys;
    }
}
