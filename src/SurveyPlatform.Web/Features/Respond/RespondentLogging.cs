using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>
/// Nothing is logged while a respondent request is served, at any level, by any part of the server (hosting, routing,
/// Kestrel, rate limiting, Entity Framework, the platform), whatever the logging configuration says (docs/anonymity.md
/// rule 2, "Logs, URLs and files on disk"): a request line carries the survey's address, its query and the moment of
/// the visit, and an exception's message may carry an answer. The only exception is <see cref="RespondentErrors"/>,
/// which names what failed and where in the code, with no message, path or value.
/// <para>
/// It works on the logger factory itself, so that no configuration (a category set to Trace, a new provider) can
/// route around it: every logger asks, at each message, whether the request it runs in is a respondent's.
/// </para>
/// </summary>
public static class RespondentLogging
{
    /// <summary>
    /// Kestrel's reports of malformed requests quote the raw request line (an address with a code, say) and come before
    /// any request exists to tell whose it was: never written.
    /// </summary>
    private const string KestrelBadRequests = "Microsoft.AspNetCore.Server.Kestrel.BadRequests";

    /// <summary>The respondent routes: the survey, its preview, and the two files every survey page loads.</summary>
    public static bool IsRespondentPath(PathString path) =>
        path.StartsWithSegments("/s") || path.StartsWithSegments(PreviewEndpoints.Prefix)
        || path.Equals("/css/respond.css", StringComparison.OrdinalIgnoreCase) || path.Equals("/js/respond.js", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="http"/> is (or was, before an error page took over) a request of a respondent route.</summary>
    public static bool IsRespondentRequest(HttpContext http) =>
        IsRespondentPath(http.Request.Path)
        || (http.Features.Get<IExceptionHandlerPathFeature>() is { Path: { } original } && IsRespondentPath(original));

    public static void AddRespondentLogging(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<RespondentErrors>();
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new QuietLoggerFactory(
            new LoggerFactory(sp.GetServices<ILoggerProvider>(), sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
                sp.GetService<IOptions<LoggerFactoryOptions>>(), sp.GetService<IExternalScopeProvider>()),
            sp.GetRequiredService<IHttpContextAccessor>())));
    }

    private sealed class QuietLoggerFactory(LoggerFactory inner, IHttpContextAccessor requests) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => categoryName switch
        {
            RespondentErrors.Category => inner.CreateLogger(categoryName),
            KestrelBadRequests => Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
            _ => new QuietLogger(inner.CreateLogger(categoryName), requests),
        };

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class QuietLogger(ILogger inner, IHttpContextAccessor requests) : ILogger
    {
        // The level first: most messages are below it, and then the request is never looked at.
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel) && !InRespondentRequest();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
            InRespondentRequest() ? null : inner.BeginScope(state);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (inner.IsEnabled(logLevel) && !InRespondentRequest())
                inner.Log(logLevel, eventId, state, exception, formatter);
        }

        private bool InRespondentRequest() => requests.HttpContext is { } http && IsRespondentRequest(http);
    }
}

/// <summary>
/// What an operator learns of a failure on a respondent route: the kinds of exception and where in the code they were
/// thrown, never their messages (a message may quote an answer), the request's address or anything about the client.
/// </summary>
public sealed class RespondentErrors(ILoggerFactory loggers)
{
    public const string Category = "SurveyPlatform.Respond.Errors";
    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public void Log(Exception exception)
    {
        var trace = new StringBuilder();
        for (var e = exception; e is not null; e = e.InnerException)
            trace.Append(e.GetType().FullName).Append('\n').Append(e.StackTrace).Append('\n');
        _logger.LogError("A respondent request failed (messages, addresses and answers are not logged):\n{Trace}", trace.ToString());
    }
}
