using System.Diagnostics;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Disclosure;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Benchmarks;

/// <summary>Disclosure control's own cost: loading OR-Tools' native solver once per process, and a release with every offered breakdown.</summary>
internal static class DisclosurePath
{
    /// <summary>
    /// The first audit of the process: a tiny release with a withheld group, so that the LP runs (OR-Tools' native library
    /// is loaded and its first solver made). Measured once; the second run shows the same audit warm.
    /// </summary>
    public static IEnumerable<Timing> FirstAudit(SurveyDefinition definition)
    {
        var builder = new ResponseTableBuilder(definition);
        for (var i = 0; i < 40; i++)
        {
            var row = builder.NewRow();
            builder.Set("born_here", row, i < 3 ? "refuse" : i % 2 == 0 ? "yes" : "no");
            builder.Set("chill_victim", row, i % 3 == 0 ? "agree_some" : "disagree_some");
        }
        var table = builder.Build();
        var options = new EngineOptions { Breakdowns = [Breakdown.Of("born_here")] };
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var release = DisclosureControl.Publish(table, options);
        var first = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        var firstCpu = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        if (release.Audit.Findings.Count == 0) throw new InvalidOperationException("The first-audit benchmark ran no LP.");
        yield return new Timing("disclosure: first audit of a process (native OR-Tools load, first solver, JIT)", table.Count, first, first, first, firstCpu, "counts in the brief's 1 s");
        yield return Timing.Measure("disclosure: the same audit, warm", table.Count, "", 5, () => DisclosureControl.Publish(table, options));
    }

    /// <summary>A release as the web makes one: every offered breakdown, counts by language and wave, audited.</summary>
    public static IEnumerable<Timing> Release(SurveyDefinition definition, ResponseTable table, int size, int runs)
    {
        var options = new EngineOptions { Breakdowns = Breakdown.Offered(definition) };
        var release = new ReleaseOptions { CountsBy = [ResponseTable.Lang, ResponseTable.Wave] };
        DisclosureControl.Publish(table, options, release);
        yield return Timing.Measure("disclosure: release with every offered breakdown (11), warm", size, "", runs, () => DisclosureControl.Publish(table, options, release));
    }
}
