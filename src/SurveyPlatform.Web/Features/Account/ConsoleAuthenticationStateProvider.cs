using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>
/// Keeps an open console honest: every minute it checks that the circuit has not been idle too long, that the
/// absolute session lifetime has not passed, that the session has not been ended (signed out in another tab, password
/// reset), and that the account still exists with the same security stamp (password, role or 2FA changes). A failed
/// check signs the page out.
/// </summary>
public sealed class ConsoleAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, CircuitActivity activity)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConsoleSessionCheck>().IsValidAsync(state.User, activity.LastActivity, ct);
    }
}

/// <summary>Whether a console's signed-in user may go on: the rules the circuit re-checks every minute.</summary>
public sealed class ConsoleSessionCheck(
    UserManager<AppUser> users, ConsoleSessions sessions, IOptions<IdentityOptions> identityOptions, IOptions<AccountOptions> accountOptions,
    TimeProvider time)
{
    public async Task<bool> IsValidAsync(ClaimsPrincipal user, DateTimeOffset lastActivity, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var options = accountOptions.Value;
        if (now - lastActivity > TimeSpan.FromMinutes(options.IdleTimeoutMinutes))
            return false;
        if (user.FindFirstValue(ConsoleClaimsFactory.SignedInClaim) is not { } signedIn
            || AccountSetup.IsPastAbsoluteTimeout(new Dictionary<string, string?> { [AccountSetup.SignedInAt] = signedIn }, now, options))
        {
            return false;
        }

        if (!await sessions.IsActiveAsync(user, ct))
            return false;
        var account = await users.GetUserAsync(user);
        if (account is null)
            return false;
        if (!users.SupportsUserSecurityStamp)
            return true;
        var principalStamp = user.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(account);
    }
}

/// <summary>When the user last did something in this circuit (click, key, navigation), for the idle timeout.</summary>
public sealed class CircuitActivity(TimeProvider time) : CircuitHandler
{
    public DateTimeOffset LastActivity { get; private set; } = time.GetUtcNow();

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            LastActivity = time.GetUtcNow();
            return next(context);
        };
}
