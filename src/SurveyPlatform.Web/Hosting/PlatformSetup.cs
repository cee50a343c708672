using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Account;
using SurveyPlatform.Web.Features.Console;
using SurveyPlatform.Web.Features.Health;
using SurveyPlatform.Web.Features.Respond;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Features.Surveys;

namespace SurveyPlatform.Web.Hosting;

/// <summary>Service registration and the request pipeline; keeps Program.cs short.</summary>
public static class PlatformSetup
{
    public static void AddSurveyPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        var dataDirectory = DataDirectory(config);
        var keysDirectory = Path.Combine(dataDirectory, "keys");
        // Run from a build (not a publish), the site's files and their compressed copies live in the build folders;
        // the static web assets manifest maps them in every environment, not only in Development. A published app
        // has no such manifest and this does nothing.
        builder.WebHost.UseStaticWebAssets();

        // A forged or garbled anti-forgery cookie is the client's error, yet the framework logs it as an error with
        // a stack trace: a flood of them must not fill the disk. Validation still fails and the client gets a 400.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Antiforgery", LogLevel.Critical);
        // Nothing at all is logged while a respondent request is served, whatever the configuration (anonymity.md rule 2).
        services.AddRespondentLogging();

        services.Configure<SurveysOptions>(config.GetSection(SurveysOptions.Section));
        services.Configure<RespondentOptions>(config.GetSection(RespondentOptions.Section));
        var database = config.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(database);
        services.AddSurveyDatabase(database, dataDirectory, config.GetSection(MixingOptions.Section).Get<MixingOptions>());

        builder.AddSharedKeyRing();

        // Secure cookies need HTTPS; the development server and the test host speak plain HTTP. Behind a
        // reverse proxy that ends TLS, X-Forwarded-Proto tells the app the request was HTTPS.
        var secureCookies = config.GetValue<bool?>("SecureCookies")
            ?? (!builder.Environment.IsDevelopment() && !builder.Environment.IsEnvironment("Testing"));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Only the scheme: the client's address is never wanted (anonymity.md rule 1).
            o.ForwardedHeaders = ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });
        services.AddAntiforgery(o =>
        {
            // A session cookie (no expiry), readable by the server only, never sent cross-site.
            o.Cookie.Name = "sp_af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__RequestVerificationToken";
            o.SuppressXFrameOptionsHeader = true;
        });
        services.Configure<FormOptions>(o =>
        {
            // A respondent form is a few KB; refuse anything far larger before reading it.
            o.ValueLengthLimit = 64 * 1024;
            o.ValueCountLimit = 512;
            o.KeyLengthLimit = 1024;
            o.MultipartBodyLengthLimit = 1024 * 1024;
        });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);

        var rateLimits = config.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddSingleton(rateLimits);
        services.AddAbuseLimits(rateLimits);
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddConsoleAccounts(config, secureCookies);
        services.AddSingleton<PublicAddress>();
        services.AddConsoleFeatures();
        services.AddSingleton(sp => new SharedSecrets(sp.GetRequiredService<IDbContextFactory<SurveyDbContext>>(),
            sp.GetRequiredService<IDataProtectionProvider>(), keysDirectory));
        services.AddSingleton(sp => new RunCodeHasher(sp.GetRequiredService<SharedSecrets>().GetOrCreate("run-codes", "run-codes.key")));
        services.AddSingleton<SurveyCatalog>();
        services.AddSingleton<RespondentStateProtector>();
        services.AddSingleton<RespondentFlow>();
        services.AddSingleton<BrowserBinding>();
        services.AddSingleton(TimeProvider.System);
        builder.AddManyInstances();
        builder.AddPlatformTelemetry();
        services.AddPlatformHealthChecks();
        services.AddErrorPages();
        LogThrottle.AddLogThrottle(builder);
    }

    /// <summary>
    /// Migrates (when configured), loads the survey definitions, fills the run catalog and makes the keys. Whatever
    /// stops it (an unreachable database, a wrong password, migrations not applied, an invalid definition, a bad key
    /// setting) is said in one clear log line and the process ends with exit code 1 (<see cref="StartupChecks"/>).
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app)
    {
        var logger = app.Logger;
        var surveys = app.Configuration.GetSection(SurveysOptions.Section).Get<SurveysOptions>() ?? new SurveysOptions();
        try
        {
            if (!await StartupChecks.DatabaseReadyAsync(app))
                return false;
            await StartupChecks.SeedAsync(app, db => SurveySeeder.SeedAsync(db, SurveysDirectory(surveys), surveys.CreateDemoRun));
            await app.Services.GetRequiredService<SurveyCatalog>().ReloadAsync();
            await KeyRing.PrepareAsync(app.Services, KeysDirectory(app.Configuration), logger);
            // Make the keys now: made on first use, their times would be the first respondent's visit.
            app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("SurveyPlatform.Startup").Protect([0]);
            app.Services.GetRequiredService<RunCodeHasher>();
            app.Services.GetRequiredService<SetupLinkHolder>().Token = await app.Services.GetRequiredService<FirstRunSetup>().StartIfNeededAsync();
            return true;
        }
        catch (DefinitionException e)
        {
            logger.LogCritical("A survey definition is invalid; the platform cannot start:\n{Errors}",
                string.Join('\n', e.Errors.Select(x => "  " + x)));
            return false;
        }
        catch (KeyRingException e)
        {
            logger.LogCritical("The keys cannot be set up; the platform cannot start: {Reason}", e.Message);
            return false;
        }
        catch (Exception e) when (StartupChecks.Explain(e, app.Services.GetRequiredService<DatabaseOptions>()) is { } reason)
        {
            logger.LogCritical("The platform cannot start: {Reason}", reason);
            return false;
        }
    }

    public static void UseSurveyPlatform(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseErrorPages();
        app.UseSubmissionMetrics();
        // After the exception handler, which clears headers before it renders the error page.
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseMiddleware<SecurityHeaders>();
        app.UseConsoleNeedsHttps();
        app.UseAbuseLimits(app.Services.GetRequiredService<RateLimitOptions>());
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=86400",
        });
        app.UseAuthentication();
        app.UseTwoFactorEnrolment(); // before authorization: the console's policies refuse whoever has not enrolled yet
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapRespond();
        app.MapHealth();
        app.MapAccount();
        app.MapConsoleEndpoints();
        app.MapStaticAssets();
        // Our own Content-Security-Policy (SecurityHeaders) already forbids framing; Blazor would add a second header.
        app.MapRazorComponents<ConsoleApp>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null)
            .WithSignInLimits(app.Services.GetRequiredService<RateLimitOptions>());
        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app));
    }

    /// <summary>
    /// The content root (settings, site files) is the app's own folder, wherever it is started from, so that its
    /// appsettings.json is always read; unless the host is told otherwise (a test host, ASPNETCORE_CONTENTROOT).
    /// </summary>
    public static string? ContentRoot(string[] args) =>
        args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
        || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }
        || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is { Length: > 0 }
            ? null
            : AppContext.BaseDirectory;

    /// <summary>A relative data directory is taken from the folder the platform is started in (the project's folder under <c>dotnet run</c>).</summary>
    private static string DataDirectory(IConfiguration config) =>
        Path.GetFullPath(config["DataDirectory"] is { Length: > 0 } d ? d : "data", Environment.CurrentDirectory);

    private static string KeysDirectory(IConfiguration config) => Path.Combine(DataDirectory(config), "keys");

    private static string SurveysDirectory(SurveysOptions options) =>
        string.IsNullOrWhiteSpace(options.Directory)
            ? Path.Combine(AppContext.BaseDirectory, "surveys")
            : Path.GetFullPath(options.Directory);

    private static void PrintWelcome(WebApplication app)
    {
        var (address, guess) = app.Services.GetRequiredService<PublicAddress>().AtStartup();
        if (guess is not null)
        {
            app.Logger.LogInformation(
                "Account:PublicUrl is not set, so printed links start with {Address} ({Reason}). Set Account:PublicUrl to the " +
                "address people type (for example --Account:PublicUrl=http://192.168.1.20:5000) for links, QR codes and invitations that work on their phones.",
                address, guess);
        }

        foreach (var run in app.Services.GetRequiredService<SurveyCatalog>().All.Where(r => r.Run.Status == RunStatus.Open))
            app.Logger.LogInformation("Survey '{Name}' is open at {Url}", run.Run.Name, $"{address}/s/{run.Slug}");
        if (app.Services.GetRequiredService<SetupLinkHolder>().Token is { } token)
        {
            app.Logger.LogWarning(
                "No administrator exists yet. Create one within {Hours} hours at {Url} (this link works once; " +
                "a new one is printed at each start until an administrator exists). Alternatively, from the repository: " +
                "dotnet run --project src/SurveyPlatform.Cli -- admin create --email <email> --password-stdin < password.txt " +
                "(or `survey admin create …` where the survey tool is installed)",
                app.Services.GetRequiredService<IOptions<AccountOptions>>().Value.SetupLinkHours,
                $"{address}{FirstRunSetup.Path}?token={token}");
        }
        else
        {
            app.Logger.LogInformation("Console: {Url}", $"{address}/admin");
        }
    }
}
