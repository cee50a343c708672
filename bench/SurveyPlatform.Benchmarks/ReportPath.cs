using System.Diagnostics;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Reports;

namespace SurveyPlatform.Benchmarks;

/// <summary>The report benchmarks of performance.md: rendering alone (warm), in parallel, and the CLI end to end.</summary>
internal static class ReportPath
{
    public static IEnumerable<Timing> Render(SurveyDefinition definition, ResponseTable table, int size, int runs)
    {
        var report = IndicatorEngine.Compute(table, new EngineOptions
        {
            Breakdowns = Breakdown.Offered(definition),
        });
        var request = new ReportRequest(ReportKind.Brief, report, "en", "Benchmark coalition") { Survey = definition };
        ReportRenderer.Render(request);
        yield return Timing.Measure("report-render: brief, warm", size, "< 100 ms", runs, () => ReportRenderer.Render(request));
        var arabic = request with { Language = "ar" };
        ReportRenderer.Render(arabic);
        yield return Timing.Measure("report-render: brief in Arabic, warm", size, "", runs, () => ReportRenderer.Render(arabic));
        yield return Timing.Measure("report-render: 8 briefs in parallel", size, "no errors", runs,
            () => Parallel.For(0, 8, _ => ReportRenderer.Render(request)));
    }

    /// <summary>`survey report --kind brief` as a new process, from the CSV to the PDF.</summary>
    public static Timing EndToEnd(SurveyDefinition definition, ResponseTable table, int size, int runs, string folder, string cli, string which)
    {
        var csv = Path.Combine(folder, $"report-{size}.csv");
        using (var writer = new StreamWriter(csv)) ResponseCsv.Write(table, writer);
        var pdf = Path.Combine(folder, "brief.pdf");
        var definitionFile = Path.Combine(AppContext.BaseDirectory, "surveys", "community-trust.survey.json");
        return Timing.Measure($"report: brief end to end, new process ({which})", size, "< 1 s at 100k", runs, () =>
        {
            var start = new ProcessStartInfo("dotnet", [cli, "report", "--definition", definitionFile, "--responses", csv, "--kind", "brief", "--lang", "en", "--out", pdf])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException("survey report failed: " + error);
        });
    }
}
