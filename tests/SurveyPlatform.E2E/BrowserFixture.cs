using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace SurveyPlatform.E2E;

/// <summary>
/// The platform on a real Kestrel port with a fresh SQLite file, and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "sp-e2e-" + Guid.NewGuid().ToString("N"));
    private AppFactory? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;
    /// <summary>The platform's services, to set up organizations and accounts the way an administrator would.</summary>
    public IServiceProvider Services => _app!.Services;
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        _app = new AppFactory(_dataDirectory);
        _app.UseKestrel(0);
        _app.StartServer();
        BaseUrl = _app.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Chromium not found at {chromium}. Install Debian's chromium package (test.sh does) or set CHROMIUM_PATH.");
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A desktop-sized page for the console; downloads are accepted.</summary>
    public async Task<IPage> NewDesktopPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
            DeviceScaleFactor = 1,
            AcceptDownloads = true,
        });
        // The console is interactive (a circuit per page); on a busy two-core machine an update can take longer
        // than Playwright's default 30 s wait.
        context.SetDefaultTimeout(90_000);
        return await context.NewPageAsync();
    }

    /// <summary>A phone-sized page; every request it makes is recorded.</summary>
    public async Task<(IPage Page, List<string> Requests)> NewPhonePageAsync(bool javaScript = true, string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            JavaScriptEnabled = javaScript,
            Locale = locale ?? "en-US",
            DeviceScaleFactor = 1,
        });
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        return (page, requests);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, true); } catch (IOException) { }
    }

    private sealed class AppFactory(string dataDirectory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("DataDirectory", dataDirectory);
            // Every test signs its people in from the one address of this machine; the limit itself has its own tests.
            builder.UseSetting("RateLimiting:Login:PermitLimit", "1000");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
