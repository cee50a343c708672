using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Accounts;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Organizations;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>Console accounts: Identity with lockout, password rules, authenticator 2FA, session timeouts and access policies.</summary>
public static class AccountSetup
{
    public const string AdministratorRole = AccountRules.AdministratorRole;
    /// <summary>Cookie property holding when the user signed in, for the absolute timeout.</summary>
    public const string SignedInAt = "sp.signed-in-at";

    public static void AddConsoleAccounts(this IServiceCollection services, IConfiguration config, bool secureCookies)
    {
        var options = config.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();
        services.Configure<AccountOptions>(config.GetSection(AccountOptions.Section));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddIdentityCore<AppUser>(o =>
            {
                AccountRules.Passwords(o.Password);
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = options.MaxFailedAccessAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(options.LockoutMinutes);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                // Authenticator codes are accepted once each (OneUseAuthenticatorTokenProvider).
                o.Tokens.AuthenticatorTokenProvider = OneUseAuthenticatorTokenProvider.Name;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<SurveyDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneUseAuthenticatorTokenProvider>(OneUseAuthenticatorTokenProvider.Name)
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<ConsoleClaimsFactory>();

        services.ConfigureApplicationCookie(o =>
        {
            // The __Host- prefix makes browsers refuse the cookie unless it is Secure, for this host only and for the whole
            // site (ASVS 3.4.4); over plain HTTP (development, tests) the prefix would make them drop it.
            o.Cookie.Name = secureCookies ? "__Host-sp_console" : "sp_console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            // Idle timeout: the cookie slides while the user makes requests (the console pings while in use).
            o.ExpireTimeSpan = TimeSpan.FromMinutes(options.IdleTimeoutMinutes);
            o.SlidingExpiration = true;
            o.Events.OnSigningIn = async context =>
            {
                // A session cookie: closing the browser ends the session, whatever "remember me" would say.
                context.Properties.IsPersistent = false;
                var items = context.Properties.Items;
                items.TryAdd(SignedInAt, Now(context.HttpContext).ToString("O", CultureInfo.InvariantCulture));
                // A new sign-in starts a server-side session; refreshing the sign-in (new role, authenticator turned on)
                // keeps the one it has.
                if (!items.ContainsKey(ConsoleSessions.Claim) && context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
                    items[ConsoleSessions.Claim] = await context.HttpContext.RequestServices.GetRequiredService<ConsoleSessions>().StartAsync(userId);
                // The interactive console cannot read the cookie's properties; it reads them as claims.
                if (context.Principal?.Identity is ClaimsIdentity identity)
                    CopySessionClaims(items, identity);
            };
            o.Events.OnValidatePrincipal = async context =>
            {
                var http = context.HttpContext;
                if (IsPastAbsoluteTimeout(context.Properties.Items, Now(http), options)
                    || !await http.RequestServices.GetRequiredService<ConsoleSessions>().IsActiveAsync(context.Principal!, http.RequestAborted))
                {
                    context.RejectPrincipal();
                    await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });
        // Role and membership changes reach signed-in users within a minute.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The refreshed principal is made afresh from the database: carry the session's own claims over, or every
            // console page opened after the first minute would find no session and sign itself out.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
                {
                    foreach (var type in SessionClaimTypes)
                    {
                        if (current.FindFirst(type) is { } claim && !identity.HasClaim(c => c.Type == type))
                            identity.AddClaim(new Claim(type, claim.Value));
                    }
                }

                return Task.CompletedTask;
            };
        });

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, ConsoleAuthenticationStateProvider>();
        services.AddScoped<CircuitActivity>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitActivity>());
        services.AddSingleton<FirstRunSetup>();
        services.AddSingleton(new ConsoleCookiePolicy(secureCookies));
        services.Configure<EmailOptions>(config.GetSection(EmailOptions.Section));
        services.AddSingleton<AccountMail>();
        services.AddScoped<PasswordResets>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(options.ResetLinkHours));
        services.AddSingleton<ConsoleSessions>();
        services.AddSingleton<Reauthentication>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<ConsoleSessionCheck>();
        services.AddSingleton<AuditLog>();
        services.AddScoped<AccountRedirect>();
        services.AddConsoleAuthorization();
    }

    /// <summary>
    /// Sends administrators and organizers without an authenticator to enrol one before any console page or
    /// download, when <see cref="AccountOptions.RequireTwoFactorForOrganizers"/> is on.
    /// </summary>
    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var user = http.User;
            var path = http.Request.Path;
            if ((path.StartsWithSegments("/admin") || path.StartsWithSegments("/review") || path.StartsWithSegments(Respond.PreviewEndpoints.Prefix))
                && user.Identity?.IsAuthenticated == true
                && user.HasClaim(ConsoleClaimsFactory.MustUseTwoFactorClaim, "true")
                && !user.HasClaim(ConsoleClaimsFactory.TwoFactorClaim, "true")
                && http.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.RequireTwoFactorForOrganizers)
            {
                http.Response.Redirect("/account/two-factor?required=1");
                return;
            }
            await next(http);
        });

    /// <summary>Claims that belong to the sign-in, not to the account: kept when the principal is refreshed.</summary>
    private static readonly string[] SessionClaimTypes = [ConsoleClaimsFactory.SignedInClaim, ConsoleSessions.Claim];

    private static void CopySessionClaims(IDictionary<string, string?> items, ClaimsIdentity identity)
    {
        if (items.TryGetValue(SignedInAt, out var signedIn) && signedIn is not null && !identity.HasClaim(c => c.Type == ConsoleClaimsFactory.SignedInClaim))
            identity.AddClaim(new Claim(ConsoleClaimsFactory.SignedInClaim, signedIn));
        if (items.TryGetValue(ConsoleSessions.Claim, out var session) && session is not null && !identity.HasClaim(c => c.Type == ConsoleSessions.Claim))
            identity.AddClaim(new Claim(ConsoleSessions.Claim, session));
    }

    public static bool IsPastAbsoluteTimeout(IDictionary<string, string?> items, DateTimeOffset now, AccountOptions options) =>
        !items.TryGetValue(SignedInAt, out var value)
        || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedIn)
        || now - signedIn > TimeSpan.FromHours(options.AbsoluteTimeoutHours);

    public static DateTimeOffset? SignedInTime(IDictionary<string, string?> items) =>
        items.TryGetValue(SignedInAt, out var value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedIn)
            ? signedIn : null;

    private static DateTimeOffset Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>Pages get the sign-in page; downloads and other non-page requests get a plain status code.</summary>
    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (HttpMethods.IsGet(context.Request.Method) && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
            context.Response.Redirect(context.RedirectUri);
        else
            context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}

/// <summary>Adds to the sign-in cookie whether the user has an authenticator, so that enrolment can be enforced without a query per request.</summary>
public sealed class ConsoleClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options,
    ConsoleAccess access)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string TwoFactorClaim = "sp:2fa";
    /// <summary>Administrators and organizers: must enrol an authenticator when the setting asks for it.</summary>
    public const string MustUseTwoFactorClaim = "sp:must-2fa";
    public const string SignedInClaim = "sp:signed-in-at";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (await UserManager.GetTwoFactorEnabledAsync(user))
            identity.AddClaim(new Claim(TwoFactorClaim, "true"));
        if ((await access.ForUserAsync(user.Id)).MustUseTwoFactor)
            identity.AddClaim(new Claim(MustUseTwoFactorClaim, "true"));
        return identity;
    }
}
