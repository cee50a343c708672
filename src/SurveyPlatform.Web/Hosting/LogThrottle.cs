using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SurveyPlatform.Web.Hosting;

/// <summary>
/// Repeated identical warnings and errors (same category, event, message template and exception type) are written at
/// most <see cref="PerWindow"/> times a minute; then one line says how many were left out. During a database outage
/// every request fails alike, and the log must not fill the disk (an outage of 21 s once wrote 35 MB).
/// </summary>
public sealed class LogThrottle(TimeProvider time)
{
    public const int PerWindow = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    private sealed class Counter
    {
        public long WindowStart;
        public int Written;
        public int Suppressed;
    }

    /// <summary>Whether to write this message now; <paramref name="suppressedBefore"/> counts those left out since the last written one.</summary>
    public bool Allow(string key, out int suppressedBefore)
    {
        var now = time.GetUtcNow().UtcTicks;
        var counter = _counters.GetOrAdd(key, _ => new Counter { WindowStart = now });
        lock (counter)
        {
            if (now - counter.WindowStart >= Window.Ticks)
            {
                counter.WindowStart = now;
                counter.Written = 0;
            }
            if (counter.Written < PerWindow)
            {
                counter.Written++;
                suppressedBefore = counter.Suppressed;
                counter.Suppressed = 0;
                return true;
            }
            counter.Suppressed++;
            suppressedBefore = 0;
            return false;
        }
    }

    /// <summary>Wraps every log provider registered so far (the console, and JSON console logs) in the throttle.</summary>
    public static void AddLogThrottle(WebApplicationBuilder builder)
    {
        var throttle = new LogThrottle(TimeProvider.System);
        var services = builder.Services;
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(ILoggerProvider) || descriptor.IsKeyedService)
                continue;
            services[i] = ServiceDescriptor.Singleton<ILoggerProvider>(sp => new ThrottledLoggerProvider(Create(sp, descriptor), throttle));
        }
        services.TryAddSingleton(throttle);
    }

    private static ILoggerProvider Create(IServiceProvider sp, ServiceDescriptor descriptor) =>
        (ILoggerProvider)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
}

/// <summary>A log provider whose warnings and errors pass through <see cref="LogThrottle"/>.</summary>
public sealed class ThrottledLoggerProvider(ILoggerProvider inner, LogThrottle throttle) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName), categoryName, throttle);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped)
            scoped.SetScopeProvider(scopeProvider);
    }

    public void Dispose() => inner.Dispose();

    private sealed class Logger(ILogger inner, string category, LogThrottle throttle) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel < LogLevel.Warning || !inner.IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }
            var template = state is IReadOnlyList<KeyValuePair<string, object?>> pairs && pairs.Count > 0 && pairs[^1].Key == "{OriginalFormat}"
                ? pairs[^1].Value as string
                : null;
            var key = $"{category}|{eventId.Id}|{logLevel}|{template ?? formatter(state, null)}|{exception?.GetType().FullName}";
            if (!throttle.Allow(key, out var suppressed))
                return;
            if (suppressed > 0)
                inner.Log(logLevel, eventId, $"({suppressed} more like the next message were left out of the log in the last minute)", null, (s, _) => s);
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
