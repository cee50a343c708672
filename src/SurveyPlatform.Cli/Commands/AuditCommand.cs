using System.CommandLine;
using System.Globalization;
using SurveyPlatform.Core.Disclosure;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Reports;

namespace SurveyPlatform.Cli.Commands;

/// <summary>
/// <c>survey audit</c>: attacks the release that <c>survey report</c> (or <c>indicators</c> with the same breakdowns)
/// would publish, as docs/anonymity.md describes ("The auditor"), and says in plain words what an attacker can work out
/// about each withheld group. Exit code 0 when the release passes.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliConsole console)
    {
        var definition = Inputs.Definition();
        var responses = Inputs.Responses();
        var by = new Option<string[]>("--by") { Description = "Breakdowns published (default: those the survey offers, as in reports); a x b for two crossed" };
        var minCell = new Option<int>("--min-cell") { Description = "Privacy threshold k (at least 5)", DefaultValueFactory = _ => 10 };
        var did = new Option<string?>("--did") { Description = "Difference in differences between two sites: SITE:COMPARISON" };
        var counts = Inputs.List("--counts", "Response counts published with the figures (default: lang,wave,site,area, as in reports)");
        var primaryOnly = new Option<bool>("--primary-only")
        {
            Description = "Hide only the groups under k (no secondary suppression) to see what an attacker would recover without it",
        };
        var areas = Inputs.Areas();
        var command = new Command("audit", "Attack the release of a survey's results and say what each withheld group reveals")
            { definition, responses, by, minCell, did, counts, primaryOnly, areas };
        command.SetAction(parse =>
        {
            var survey = Inputs.LoadDefinition(parse.GetValue(definition)!);
            // By default the release `survey report` publishes: its breakdowns and its counts.
            var breakdowns = parse.GetValue(by) is { Length: > 0 } b ? IndicatorsCommand.ParseBreakdowns(b, survey) : ReportRenderer.Breakdowns(survey);
            var k = parse.GetValue(minCell);
            if (k < EngineOptions.SmallestMinCell) throw new InputException($"--min-cell {k} is not allowed; allowed: {EngineOptions.SmallestMinCell} or more");
            var sites = parse.GetValue(did) is { } d ? IndicatorsCommand.ParseDid(d) : ((string, string)?)null;
            IReadOnlyList<string> countsBy = parse.GetValue(counts) is { Length: > 0 } c ? c : ReportCommand.CountKeys(survey);
            var file = Inputs.LoadResponses(parse.GetValue(responses)!, survey, parse.GetValue(areas), ignoreUnknown: false);
            var release = Release(file.Table, new EngineOptions { MinCell = k, Breakdowns = breakdowns, Did = sites, InputSha256 = file.Sha256 },
                new ReleaseOptions { CountsBy = countsBy, PrimaryOnly = parse.GetValue(primaryOnly), ExactAudit = true });
            Print(console.Out, release, breakdowns, countsBy, parse.GetValue(primaryOnly));
            return release.Audit.Passed ? ExitCodes.Ok : ExitCodes.AuditFailed;
        });
        return command;
    }

    public static Release Release(ResponseTable table, EngineOptions options, ReleaseOptions release)
    {
        try
        {
            return DisclosureControl.Publish(table, options, release);
        }
        catch (Exception e) when (e is DisclosureException or ArgumentException)
        {
            throw new InputException(e.Message);
        }
    }

    private static void Print(TextWriter output, Release release, IReadOnlyList<Breakdown> breakdowns, IReadOnlyList<string> countsBy, bool primaryOnly)
    {
        var report = release.Report;
        var audit = release.Audit;
        var k = report.MinCell;
        output.WriteLine($"{report.Survey} {report.SurveyVersion}: {Count(report.Responses, k)}, groups under {k} withheld; " +
            $"breakdowns {(breakdowns.Count == 0 ? "none" : string.Join(", ", breakdowns.Select(b => b.Name)))}; response counts by {string.Join(", ", countsBy)}.");
        output.WriteLine(primaryOnly
            ? "Only the groups under k are withheld (no secondary suppression): this release is never published as it is."
            : "Withheld: the groups under k, and the others disclosure control chose so that the smaller ones cannot be worked out.");
        output.WriteLine($"The auditor solved the release as a linear program: for each withheld group (and each group a reader can name that no table lists), " +
            $"the fewest and most people it can hold given every published figure and the survey's skip logic, and whether its people can be shown to have answered alike. " +
            $"A group passes with at least {audit.NeededValues} possible sizes (k/2), or when it can only be empty or only hold {k} or more.");
        output.WriteLine();
        if (audit.Findings.Count == 0)
        {
            output.WriteLine("Nothing is withheld and every group a reader can name has at least k people: there is nothing to attack.");
        }
        foreach (var figure in audit.Findings.GroupBy(f => f.Figure))
        {
            output.WriteLine(figure.Key == "responses" ? "Response counts:" : $"{figure.Key}:");
            foreach (var f in figure)
                output.WriteLine($"  {f.Group}: {Range(f)}; {f.Verdict(k)}");
        }
        output.WriteLine();
        var failed = audit.Findings.Count(f => !f.Passed);
        output.WriteLine(failed == 0
            ? $"The release passes: no withheld group can be narrowed to fewer than {audit.NeededValues} possible sizes or shown to have answered alike."
            : $"The release FAILS: {failed} group{(failed == 1 ? "" : "s")} can be worked out. " +
              (primaryOnly ? "Without --primary-only, disclosure control withholds more until the release passes." : ""));
    }

    private static string Count(long responses, int k) =>
        responses >= k ? $"{responses.ToString("N0", CultureInfo.InvariantCulture)} responses" : $"fewer than {k} responses";

    private static string Range(AuditFinding f)
    {
        static string N(double x) => x.ToString("0.#", CultureInfo.InvariantCulture);
        var values = f.Values == long.MaxValue ? "no upper bound" : $"{f.Values} possible size{(f.Values == 1 ? "" : "s")}";
        return double.IsPositiveInfinity(f.High)
            ? $"{N(f.Low)} or more people ({values})"
            : Math.Abs(f.High - f.Low) < 1e-6 ? $"exactly {N(f.Low)} people ({values})" : $"{N(f.Low)} to {N(f.High)} people ({values})";
    }
}
