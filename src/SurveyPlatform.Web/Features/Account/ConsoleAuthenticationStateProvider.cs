using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>
/// Keeps an open console honest: every minute it checks that the account still exists with the same security
/// stamp (password, role or 2FA changes sign it out), that the circuit has not been idle too long, and that the
/// absolute session lifetime has not passed. A failed check signs the page out.
/// </summary>
public sealed class ConsoleAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> identityOptions,
    IOptions<AccountOptions> accountOptions, CircuitActivity activity, TimeProvider time)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var options = accountOptions.Value;
        if (now - activity.LastActivity > TimeSpan.FromMinutes(options.IdleTimeoutMinutes))
            return false;
        if (state.User.FindFirstValue(ConsoleClaimsFactory.SignedInClaim) is not { } signedIn
            || AccountSetup.IsPastAbsoluteTimeout(new Dictionary<string, string?> { [AccountSetup.SignedInAt] = signedIn }, now, options))
            return false;
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null)
            return false;
        if (!users.SupportsUserSecurityStamp)
            return true;
        var principalStamp = state.User.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
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
