using Microsoft.Extensions.Logging;
using SurveyPlatform.Web.Hosting;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Hosting;

public sealed class LogThrottleTests
{
    [Fact]
    public void The_same_error_repeated_is_written_five_times_a_minute_then_counted_once()
    {
        var clock = new ManualClock();
        var captured = new CapturedLogs();
        using var provider = new ThrottledLoggerProvider(captured, new LogThrottle(clock));
        var logger = provider.CreateLogger("Database");

        for (var i = 0; i < 1000; i++)
            logger.LogError(new InvalidOperationException("down"), "The database failed for request {Number}", i);
        logger.LogError("Another error");
        logger.LogInformation("Information is never held back");
        Assert.Equal(7, captured.Lines.Count);

        clock.Advance(TimeSpan.FromMinutes(1.5));
        logger.LogError(new InvalidOperationException("down"), "The database failed for request {Number}", 1001);
        Assert.Contains(captured.Lines, l => l.Contains("(995 more like the next message were left out of the log in the last minute)", StringComparison.Ordinal));
        Assert.Equal(9, captured.Lines.Count);
    }
}
