using System.CommandLine;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Disclosure;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Core.Weighting;
using SurveyPlatform.Reports;

namespace SurveyPlatform.Cli.Commands;

/// <summary>
/// <c>survey report</c>: the police-chief brief, the full technical report or the advocate annex as PDF,
/// in any shipped language, from a CSV of responses (no database needed).
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliConsole console)
    {
        var definition = Inputs.Definition();
        var responses = Inputs.Responses();
        var kind = new Option<string>("--kind", "-k") { Description = "brief (2–4 pages for a police chief), full (every table) or annex (1 page for a letter)", DefaultValueFactory = _ => "brief" };
        kind.AcceptOnlyFromAmong("brief", "full", "annex");
        var lang = new Option<string>("--lang", "-l") { Description = "Language of the report: en, es, zh-Hans, vi, ar or ht", DefaultValueFactory = _ => "en" };
        var org = new Option<string>("--org") { Description = "Organization that publishes the report (the PDF's author)", DefaultValueFactory = _ => "Community survey" };
        var by = new Option<string[]>("--by") { Description = "Breakdowns for the tables (default: those the survey offers)" };
        var minCell = new Option<int>("--min-cell") { Description = "Privacy threshold k (at least 5)", DefaultValueFactory = _ => 10 };
        var place = new Option<string?>("--place") { Description = "The community surveyed, e.g. \"Riverside County\"" };
        var url = new Option<string?>("--public-url") { Description = "Public results page (printed as a QR code on the annex)" };
        var did = new Option<string?>("--did") { Description = "Difference in differences between two sites: SITE:COMPARISON" };
        var pageSize = new Option<string>("--page-size") { Description = "letter or a4", DefaultValueFactory = _ => "letter" };
        pageSize.AcceptOnlyFromAmong("letter", "a4");
        var areas = Inputs.Areas();
        var recruitment = new Option<string?>("--recruitment") { Description = "How people were reached, printed where the reports say who answered, e.g. \"flyers at three churches and the clinic\"" };
        var random = new Option<bool>("--random-sample") { Description = "Respondents were drawn at random from a list of the community (otherwise reports say the sample is not random)" };
        var margins = new Option<FileInfo?>("--margins") { Description = "The margins CSV the weights were raked to: names what the weights match and adds the weighting table" };
        var output = new Option<FileInfo>("--out", "-o") { Description = "PDF file to write", Required = true };
        var command = new Command("report", "Write the police-chief brief, the full report or the advocate annex as PDF")
            { definition, responses, kind, lang, org, by, minCell, place, url, did, pageSize, areas, recruitment, random, margins, output };
        command.SetAction(parse =>
        {
            var survey = Inputs.LoadDefinition(parse.GetValue(definition)!);
            var reportKind = Kind(parse.GetValue(kind)!);
            var language = parse.GetValue(lang)!;
            // A first render spends about 0.4 s loading fonts and the chart engine and compiling the layout code; that
            // happens on another core while the responses are read (with one core it would only add work). A warm-up
            // that fails is left alone: the real render below reports the same problem.
            if (Environment.ProcessorCount > 1)
                _ = Task.Run(() => ReportRenderer.WarmUp(survey, reportKind, language));
            var breakdowns = parse.GetValue(by) is { Length: > 0 } b ? IndicatorsCommand.ParseBreakdowns(b, survey) : ReportRenderer.Breakdowns(survey);
            var k = parse.GetValue(minCell);
            if (k < EngineOptions.SmallestMinCell) throw new InputException($"--min-cell {k} is not allowed; allowed: {EngineOptions.SmallestMinCell} or more");
            var sites = parse.GetValue(did) is { } d ? IndicatorsCommand.ParseDid(d) : ((string, string)?)null;
            var file = Inputs.LoadResponses(parse.GetValue(responses)!, survey, parse.GetValue(areas), ignoreUnknown: false);
            // The report is one release: its figures and every count it prints (responses by language, wave, site and area,
            // respondents per weighting target) pass disclosure control together.
            var marginList = parse.GetValue(margins) is { } marginsFile ? ReadMargins(marginsFile, survey) : [];
            var countsBy = CountKeys(survey).Concat(marginList.Where(m => m.Variables.Keys.Count == 1).Select(m => m.Variables.Name)).Distinct().ToList();
            var release = AuditCommand.Release(file.Table, new EngineOptions { MinCell = k, Breakdowns = breakdowns, Did = sites, InputSha256 = file.Sha256 },
                new ReleaseOptions { CountsBy = countsBy });
            var report = release.Report;
            if (report.PublishedResponses is null)
            {
                throw new InputException($"{parse.GetValue(responses)!.Name} has {report.Responses} responses, fewer than the privacy threshold of {k}: " +
                    "no figure can be published, so no report is written.");
            }

            var weighting = Weighting(marginList, release);
            byte[] pdf;
            try
            {
                pdf = ReportRenderer.Render(new ReportRequest(reportKind, report, language, parse.GetValue(org)!)
                {
                    Survey = survey,
                    Place = parse.GetValue(place),
                    PublicResultsUrl = parse.GetValue(url),
                    PageSize = parse.GetValue(pageSize) == "a4" ? ReportPageSize.A4 : ReportPageSize.Letter,
                    ResponseCounts = ResponseCounts.From(release).Where(c => CountKeys(survey).Contains(c.By) && c.Counts.Any(x => x.Value != GroupEstimate.NotAnswered)).ToList(),
                    Recruitment = parse.GetValue(recruitment),
                    RandomSample = parse.GetValue(random),
                    WeightingVariables = weighting.Count > 0 ? weighting.Select(m => m.By).ToList() : null,
                    WeightingMargins = weighting.Where(m => m.Targets.Count > 0).ToList(),
                });
            }
            catch (ArgumentException e)
            {
                throw new InputException(e.Message);
            }
            var target = parse.GetValue(output)!;
            try
            {
                File.WriteAllBytes(target.FullName, pdf);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"cannot write {target.FullName}: {e.Message}");
            }
            console.Out.WriteLine($"Wrote {target.Name} ({pdf.Length / 1024:N0} KB): {parse.GetValue(kind)} report in {language} from {report.Responses:N0} responses.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The counts of responses a full report shows: by language, wave, site and area (when the survey asks it).</summary>
    internal static List<string> CountKeys(SurveyDefinition survey) =>
        [ResponseTable.Lang, ResponseTable.Wave, ResponseTable.Site, .. survey.FindItem("area") is { Type: ItemType.Single } ? new[] { "area" } : []];

    private static IReadOnlyList<Margin> ReadMargins(FileInfo file, SurveyDefinition survey)
    {
        try
        {
            return Raking.ReadMargins(file.FullName, survey);
        }
        catch (MarginsException e)
        {
            throw new InputException($"{file.Name}: the margins cannot be used:{Environment.NewLine}" + string.Join(Environment.NewLine, e.Problems.Select(p => "  " + p)));
        }
    }

    /// <summary>What the weights were raked to: each variable's population shares beside its respondents, as the release publishes them.</summary>
    private static List<WeightingMargin> Weighting(IReadOnlyList<Margin> margins, Release release) =>
        margins.Select(m =>
        {
            if (m.Variables.Keys.Count != 1 || release.CountsBy(m.Variables.Name) is not { } counts) return new WeightingMargin(m.Variables.Name, []);
            var respondents = counts.Cells.ToDictionary(c => c.Value, c => c.Count);
            var total = m.Totals.Values.Sum();
            return new WeightingMargin(m.Variables.Name, m.Totals.Select(t =>
                new WeightingTarget(t.Key, total > 0 ? t.Value / total : 0, respondents.GetValueOrDefault(t.Key))).ToList());
        }).ToList();

    private static ReportKind Kind(string kind) => kind switch
    {
        "full" => ReportKind.Full,
        "annex" => ReportKind.Annex,
        _ => ReportKind.Brief,
    };
}
