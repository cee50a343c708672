using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Account;
using SurveyPlatform.Web.Features.Organizations;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Account;

/// <summary>Links and codes that work once work once, even when two sessions use them at the same moment.</summary>
public sealed class SingleUseTokenTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new PlatformFactory().With("RateLimiting:Enabled", "false");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task An_invitation_posted_from_two_sessions_at_once_makes_one_member()
    {
        var community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        var inviter = await _factory.AccountAsync("inviter@example.org", twoFactor: true, memberships: (community, OrganizationRole.Organizer));
        // Three links, each raced by two tabs pressing "Create account and join" at the same moment.
        for (var round = 0; round < 3; round++)
        {
            var token = await _factory.Service<Invitations>().CreateAsync(community, OrganizationRole.Organizer, null, inviter.Id);
            var path = $"{Invitations.AcceptPath}?token={token}";
            var posts = new List<Func<Task<HttpResponseMessage>>>();
            for (var tab = 0; tab < 2; tab++)
            {
                posts.Add(await ConsoleBrowser.Open(_factory).PrepareAsync(path, "invite-account",
                    ("Input.Email", $"joiner{round}-{tab}@example.org"), ("Input.Password", ConsoleData.Password),
                    ("Input.ConfirmPassword", ConsoleData.Password)));
            }

            var responses = await Task.WhenAll(posts.Select(p => Task.Run(p)));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        }
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Equal(1 + 3, await db.Memberships.CountAsync(m => m.OrganizationId == community));
        // The account of the tab that lost is not left behind.
        Assert.Equal(1 + 3, await db.Users.CountAsync());
    }

    [Fact]
    public async Task The_setup_link_posted_from_two_sessions_at_once_makes_one_administrator()
    {
        await ConsoleBrowser.Open(_factory).GetAsync("/healthz");
        var token = _factory.Service<SetupLinkHolder>().Token;
        Assert.NotNull(token);
        var path = $"{FirstRunSetup.Path}?token={token}";
        var posts = new List<Func<Task<HttpResponseMessage>>>();
        foreach (var email in new[] { "first@example.org", "second@example.org" })
        {
            posts.Add(await ConsoleBrowser.Open(_factory).PrepareAsync(path, "setup",
                ("Input.Email", email), ("Input.Password", ConsoleData.Password), ("Input.ConfirmPassword", ConsoleData.Password)));
        }

        var responses = await Task.WhenAll(posts.Select(p => Task.Run(p)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Single(await users.GetUsersInRoleAsync(AccountSetup.AdministratorRole));
    }

    [Fact]
    public async Task A_recovery_code_posted_from_two_sessions_at_once_signs_in_once()
    {
        var community = await _factory.OrganizationAsync("Westside", OrganizationKind.Community);
        var organizer = await _factory.AccountAsync("lost-phone@example.org", twoFactor: true, memberships: (community, OrganizationRole.Organizer));
        string code;
        using (var scope = _factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            code = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(organizer.Id))!, 10))!.First();
        }
        var posts = new List<Func<Task<HttpResponseMessage>>>();
        for (var tab = 0; tab < 2; tab++)
        {
            var browser = ConsoleBrowser.Open(_factory);
            await browser.SubmitAsync("/account/login", "login", ("Input.Email", organizer.Email), ("Input.Password", organizer.Password));
            posts.Add(await browser.PrepareAsync("/account/login/recovery", "login-recovery", ("Input.Code", code)));
        }
        var responses = await Task.WhenAll(posts.Select(p => Task.Run(p)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
    }
}
