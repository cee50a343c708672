using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace SurveyPlatform.Web.Features.Organizations;

/// <summary>Authorization policies of the console; resource checks read <c>RunId</c> / <c>OrgId</c> from the route.</summary>
public static class ConsolePolicies
{
    public const string Administrator = nameof(ConsoleAccessKind.Administrator);
    public const string Organizer = nameof(ConsoleAccessKind.Organizer);
    public const string Reviewer = nameof(ConsoleAccessKind.Reviewer);
    public const string ManageOrganization = nameof(ConsoleAccessKind.ManageOrganization);
    public const string ManageRun = nameof(ConsoleAccessKind.ManageRun);
    public const string RunSettings = nameof(ConsoleAccessKind.RunSettings);
    public const string RunRows = nameof(ConsoleAccessKind.RunRows);
    public const string ReviewRun = nameof(ConsoleAccessKind.ReviewRun);

    public static void AddConsoleAuthorization(this IServiceCollection services)
    {
        services.AddSingleton<ConsoleAccess>();
        services.AddSingleton<IAuthorizationHandler, ConsoleAccessHandler>();
        services.AddSingleton<IAuthorizationHandler, TwoFactorEnrolled>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(null)
            .AddPolicies();
    }

    private static AuthorizationBuilder AddPolicies(this AuthorizationBuilder builder)
    {
        foreach (var kind in Enum.GetValues<ConsoleAccessKind>())
            builder.AddPolicy(kind.ToString(), p => p.RequireAuthenticatedUser().AddRequirements(new ConsoleRequirement(kind), TwoFactorEnrolled.Requirement));
        return builder;
    }
}

public sealed record ConsoleRequirement(ConsoleAccessKind Kind) : IAuthorizationRequirement;

/// <summary>Decides a <see cref="ConsoleRequirement"/> for HTTP endpoints (resource: HttpContext) and for pages in the interactive console (resource: RouteData).</summary>
public sealed class ConsoleAccessHandler(ConsoleAccess access) : AuthorizationHandler<ConsoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ConsoleRequirement requirement)
    {
        var key = requirement.Kind == ConsoleAccessKind.ManageOrganization ? "OrgId" : "RunId";
        Guid? id = RouteValue(context.Resource, key) is { } text && Guid.TryParse(text, out var parsed) ? parsed : null;
        if (await access.CanAsync(context.User, requirement.Kind, id))
            context.Succeed(requirement);
    }

    private static string? RouteValue(object? resource, string key) => resource switch
    {
        HttpContext http => http.GetRouteValue(key)?.ToString(),
        Microsoft.AspNetCore.Components.RouteData route => route.RouteValues.TryGetValue(key, out var value) ? value?.ToString() : null,
        _ => null,
    };
}

/// <summary>
/// Part of every console policy: administrators and organizers who must use an authenticator app have enrolled one.
/// Console pages also send them to enrolment first (AccountSetup.UseTwoFactorEnrolment); this keeps every endpoint
/// with a console policy closed to them until then, the survey preview included.
/// </summary>
public sealed class TwoFactorEnrolled(Microsoft.Extensions.Options.IOptions<Account.AccountOptions> options)
    : AuthorizationHandler<TwoFactorEnrolled.Needed>
{
    public static readonly Needed Requirement = new();

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Needed requirement)
    {
        var user = context.User;
        if (!options.Value.RequireTwoFactorForOrganizers
            || !user.HasClaim(Account.ConsoleClaimsFactory.MustUseTwoFactorClaim, "true")
            || user.HasClaim(Account.ConsoleClaimsFactory.TwoFactorClaim, "true"))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public sealed class Needed : IAuthorizationRequirement;
}
