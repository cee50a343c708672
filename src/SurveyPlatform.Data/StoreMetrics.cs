using System.Diagnostics.Metrics;

namespace SurveyPlatform.Data;

/// <summary>
/// What the response writer does, as metrics (meter <c>SurveyPlatform.Data</c>): how many submissions wait for their
/// durable commit, and how many failed on the database. Counts only: never a run, an answer or anything of a respondent.
/// </summary>
public static class StoreMetrics
{
    public const string MeterName = "SurveyPlatform.Data";
    private static readonly Meter Meter = new(MeterName);
    private static long s_waiting;

    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("surveyplatform.writer.failures", "{submission}",
        "Submissions the database did not store (the respondent was told their answers were not saved).");

    static StoreMetrics() =>
        Meter.CreateObservableGauge("surveyplatform.writer.queue_depth", () => Interlocked.Read(ref s_waiting), "{submission}",
            "Submissions waiting for the writer's durable commit.");

    internal static void Enter() => Interlocked.Increment(ref s_waiting);

    internal static void Leave() => Interlocked.Decrement(ref s_waiting);

    internal static bool Failed()
    {
        Failures.Add(1);
        return false; // used in an exception filter: records and lets the exception go on
    }
}
