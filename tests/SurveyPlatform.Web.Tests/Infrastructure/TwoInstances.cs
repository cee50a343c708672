using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SurveyPlatform.Data;

namespace SurveyPlatform.Web.Tests.Infrastructure;

/// <summary>
/// Two instances of the platform, each with its own memory and its own data folder (so no file is shared), on one
/// database: a SQLite file, or a fresh database on the test PostgreSQL server. Browsers reach them through a
/// round-robin "load balancer" that sends each request to the next instance, with one cookie jar like a real browser.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sp-two-").FullName;
    private readonly string? _postgresDatabase;

    public PlatformFactory A { get; }
    public PlatformFactory B { get; }
    public string ConnectionString { get; }
    public DatabaseProvider Provider { get; }

    private TwoInstances(DatabaseProvider provider, string connectionString, string? postgresDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _postgresDatabase = postgresDatabase;
        A = Instance();
        B = Instance();
    }

    private PlatformFactory Instance() => new PlatformFactory()
        .With("Database:Provider", Provider.ToString())
        .With("Database:ConnectionString", ConnectionString)
        .With("Database:MigrateOnStartup", "true")
        .With("RateLimiting:Enabled", "false");

    public static TwoInstances Start(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("sp-shared-").FullName;
            var connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "shared.db"), ForeignKeys = true, DefaultTimeout = 30 }.ToString();
            return Started(new TwoInstances(provider, connection, null));
        }
        var server = Environment.GetEnvironmentVariable("SURVEYPLATFORM_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(server),
            "SURVEYPLATFORM_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts a PostgreSQL server.");
        var database = "sp_two_" + Guid.NewGuid().ToString("N")[..12];
        return Started(new TwoInstances(provider, new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ToString(), database));
    }

    private static TwoInstances Started(TwoInstances instances)
    {
        _ = instances.A.Services; // the first migrates and seeds
        _ = instances.B.Services;
        return instances;
    }

    /// <summary>A browser whose requests go to A, B, A, B, … sharing one cookie jar; redirects are not followed.</summary>
    public HttpClient CreateRoundRobinBrowser(CookieContainer? cookies = null) =>
        new(new CookieJar(cookies ?? new CookieContainer(), new RoundRobin([A.Server.CreateHandler(), B.Server.CreateHandler()])))
        {
            BaseAddress = new Uri("http://localhost"),
        };

    /// <summary>A browser on one instance only, sharing <paramref name="cookies"/> with others.</summary>
    public static HttpClient CreateBrowser(PlatformFactory instance, CookieContainer cookies) =>
        new(new CookieJar(cookies, instance.Server.CreateHandler())) { BaseAddress = new Uri("http://localhost") };

    public SurveyDbContext Database()
    {
        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        DatabaseSetup.Configure(options, Provider, ConnectionString);
        return new SurveyDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            await using var db = Database();
            await db.Database.EnsureDeletedAsync();
        }
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        if (Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            try { Directory.Delete(Path.GetDirectoryName(file)!, recursive: true); } catch (IOException) { }
        }
    }

    private sealed class RoundRobin(HttpMessageHandler[] servers) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker[] _invokers = servers.Select(s => new HttpMessageInvoker(s, disposeHandler: false)).ToArray();
        private int _next = -1;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _invokers[(int)((uint)Interlocked.Increment(ref _next) % (uint)_invokers.Length)].SendAsync(request, cancellationToken);
    }

    /// <summary>Sends the jar's cookies and keeps the ones the server sets, as a browser does.</summary>
    private sealed class CookieJar(CookieContainer cookies, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (cookies.GetCookieHeader(uri) is { Length: > 0 } header)
                request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var cookie in set)
                    cookies.SetCookies(uri, cookie);
            }
            return response;
        }
    }
}
