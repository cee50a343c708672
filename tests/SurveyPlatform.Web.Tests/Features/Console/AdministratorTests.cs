using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Account;
using SurveyPlatform.Web.Features.Organizations;
using SurveyPlatform.Web.Tests.Features.Runs;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Console;

/// <summary>
/// The administrator row of the README's roles table, as strictly as the others: organizations, accounts, the audit log and
/// runs' settings; never a run's responses or results, never sharing, publishing, exporting, making codes, or a role in an
/// organization (which would open all of those).
/// </summary>
public sealed class AdministratorTests : IAsyncLifetime
{
    public enum Actor { Advocate, PoliceReviewer, OrganizerA, OrganizerB, Administrator }

    private readonly PlatformFactory _factory = new PlatformFactory().With("RateLimiting:Login:PermitLimit", "100");
    private readonly Dictionary<Actor, TestAccount> _accounts = [];
    private Guid _orgA, _runA;

    public async ValueTask InitializeAsync()
    {
        _orgA = await _factory.OrganizationAsync("Org A", OrganizationKind.Community);
        var orgB = await _factory.OrganizationAsync("Org B", OrganizationKind.Community);
        var police = await _factory.OrganizationAsync("Metro Police", OrganizationKind.PoliceDepartment);
        var advocacy = await _factory.OrganizationAsync("Rights Group", OrganizationKind.Advocacy);
        _runA = await _factory.RunAsync("org-a-admin-run", _orgA);
        await using (var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
        {
            db.RunShares.AddRange(new RunShare { RunId = _runA, OrganizationId = police }, new RunShare { RunId = _runA, OrganizationId = advocacy });
            await db.SaveChangesAsync();
        }
        _accounts[Actor.Advocate] = await _factory.AccountAsync("advocate@example.org", memberships: (advocacy, OrganizationRole.Advocate));
        _accounts[Actor.PoliceReviewer] = await _factory.AccountAsync("reviewer@example.org", memberships: (police, OrganizationRole.PoliceReviewer));
        _accounts[Actor.OrganizerA] = await _factory.AccountAsync("a@example.org", twoFactor: true, memberships: (_orgA, OrganizationRole.Organizer));
        _accounts[Actor.OrganizerB] = await _factory.AccountAsync("b@example.org", twoFactor: true, memberships: (orgB, OrganizationRole.Organizer));
        _accounts[Actor.Administrator] = await _factory.AccountAsync("admin@example.org", administrator: true, twoFactor: true);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private ClaimsPrincipal As(Actor actor) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, _accounts[actor].Id)], "test"));

    /// <summary>What the interactive console asks before each action (sharing, publishing, codes, exports, member changes).</summary>
    [Theory]
    [InlineData(ConsoleAccessKind.Administrator, new[] { Actor.Administrator })]
    [InlineData(ConsoleAccessKind.Organizer, new[] { Actor.OrganizerA, Actor.OrganizerB, Actor.Administrator })]
    [InlineData(ConsoleAccessKind.Reviewer, new[] { Actor.Advocate, Actor.PoliceReviewer })]
    [InlineData(ConsoleAccessKind.ManageOrganization, new[] { Actor.OrganizerA, Actor.Administrator })]
    [InlineData(ConsoleAccessKind.RunSettings, new[] { Actor.OrganizerA, Actor.Administrator })]
    [InlineData(ConsoleAccessKind.ManageRun, new[] { Actor.OrganizerA })] // codes, counts, results, sharing, publishing
    [InlineData(ConsoleAccessKind.RunRows, new[] { Actor.OrganizerA })] // rows, exports, purge, paper entry
    [InlineData(ConsoleAccessKind.ReviewRun, new[] { Actor.Advocate, Actor.PoliceReviewer })]
    public async Task Each_kind_of_access_is_granted_to_exactly_its_row(ConsoleAccessKind kind, Actor[] allowed)
    {
        var access = _factory.Service<ConsoleAccess>();
        var id = kind == ConsoleAccessKind.ManageOrganization ? _orgA : _runA;
        foreach (var actor in Enum.GetValues<Actor>())
            Assert.True(allowed.Contains(actor) == await access.CanAsync(As(actor), kind, id), $"{kind} as {actor}");
    }

    [Fact]
    public async Task The_administrator_cannot_join_an_organization_with_an_invitation()
    {
        var admin = _accounts[Actor.Administrator];
        var token = await _factory.Service<Invitations>().CreateAsync(_orgA, OrganizationRole.Organizer, null, admin.Id);
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(admin);
        await browser.GetAsync($"{Invitations.AcceptPath}?token={token}");
        Assert.Contains("Administrators manage organizations but never", browser.LastBody);
        Assert.DoesNotContain("accept-invite", browser.LastBody); // no button to press; and the rule holds below the page too:
        using (var scope = _factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.Equal(InvitationOutcome.Administrator,
                await _factory.Service<Invitations>().AcceptAsync(token, (await users.FindByIdAsync(admin.Id))!, users));
        }
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Memberships.AnyAsync(m => m.UserId == admin.Id));
        Assert.NotNull(await db.Invitations.SingleAsync(i => i.AcceptedAt == null)); // still there for the person it was meant for
    }

    [Fact]
    public async Task A_membership_that_reaches_an_administrator_anyway_grants_nothing()
    {
        var admin = _accounts[Actor.Administrator];
        await using (var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
        {
            db.Memberships.Add(new Membership { UserId = admin.Id, OrganizationId = _orgA, Role = OrganizationRole.Organizer });
            await db.SaveChangesAsync();
        }
        var access = _factory.Service<ConsoleAccess>();
        Assert.False(await access.CanAsync(As(Actor.Administrator), ConsoleAccessKind.RunRows, _runA));
        Assert.False(await access.CanAsync(As(Actor.Administrator), ConsoleAccessKind.ManageRun, _runA));
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(admin);
        await browser.ConfirmPasswordAsync(admin);
        foreach (var path in new[] { "responses.csv", "responses.xlsx", "codebook.csv", "reports/brief.pdf", "results", "paper" })
            Assert.False((await browser.GetAsync($"/admin/runs/{_runA}/{path}")).IsSuccessStatusCode, path);
    }
}
