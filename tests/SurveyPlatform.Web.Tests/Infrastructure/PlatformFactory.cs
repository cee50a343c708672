using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SurveyPlatform.Web.Tests.Infrastructure;

/// <summary>
/// The real application on a real SQLite file in a fresh temporary folder, with every log message at every
/// level captured, so tests can check what the server wrote.
/// </summary>
public sealed class PlatformFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "sp-tests-" + Guid.NewGuid().ToString("N"));
    public CapturedLogs Logs { get; } = new();
    private readonly Dictionary<string, string?> _settings = [];
    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>The clock the server reads (cookies, timeouts, invitations); starts at the real time.</summary>
    public ManualClock Clock { get; } = new();

    public PlatformFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public string DatabasePath => Path.Combine(DataDirectory, "surveyplatform.db");

    /// <summary>Replaces services after the application registered its own.</summary>
    public PlatformFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>The client address of requests without a <see cref="ClientAddresses.Header"/> header (the test server has none).</summary>
    public System.Net.IPAddress? ClientAddress { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            foreach (var configure in _services)
                configure(services);
        });
        builder.UseEnvironment("Testing");
        builder.UseSetting("DataDirectory", DataDirectory);
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new ClientAddresses(ClientAddress)));
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddFilter(_ => true);
            logging.AddProvider(Logs);
        });
    }

    /// <summary>A client that does not follow redirects and keeps cookies, like a browser tab.</summary>
    public HttpClient CreateBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Stops the server and closes its database, keeping the data directory.</summary>
    public async Task StopAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    public override async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();
}

/// <summary>Every log message, at every level, formatted with its exception.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Messages below this level are not kept (a long test would otherwise hold millions of lines).</summary>
    public LogLevel MinimumLevel { get; set; } = LogLevel.Trace;

    public string All => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose() { }

    private sealed class Logger(string category, CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            if (logs.MinimumLevel == LogLevel.Trace)
                logs._lines.Enqueue($"scope {category}: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel >= logs.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            logs._lines.Enqueue($"{logLevel} {category}[{eventId}]: {formatter(state, exception)} {structured} {exception}");
        }
    }
}

/// <summary>The real time, plus whatever the test has moved it forward by.</summary>
public sealed class ManualClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _offset;

    public void Advance(TimeSpan by) => _offset += by;
}
