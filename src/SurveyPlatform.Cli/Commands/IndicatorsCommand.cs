using System.CommandLine;
using System.Globalization;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Disclosure;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Cli.Commands;

/// <summary>
/// <c>survey indicators</c>: every indicator of the definition over a CSV of responses, overall and by the
/// requested breakdowns, with CIs, presentation decisions and privacy suppression. No database needed.
/// </summary>
internal static class IndicatorsCommand
{
    public static Command Create(CliConsole console)
    {
        var definition = Inputs.Definition();
        var responses = Inputs.Responses();
        var by = new Option<string[]>("--by")
        {
            Description = "Break down by a single-choice item, site, wave or lang; or two crossed as a x b (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var minCell = new Option<int>("--min-cell") { Description = "Privacy threshold k: smaller groups are never published (at least 5)", DefaultValueFactory = _ => 10 };
        var ci = new Option<string>("--ci") { Description = "Interval for proportions: kg (Korn-Graubard) or wilson", DefaultValueFactory = _ => "kg" };
        ci.AcceptOnlyFromAmong("kg", "wilson");
        var format = new Option<string>("--format", "-f") { Description = "json (the published contract), csv or table", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("json", "csv", "table");
        var filter = new Option<string?>("--filter") { Description = "Only rows where this condition holds, e.g. \"site = cook\" (checked against differencing)" };
        var did = new Option<string?>("--did") { Description = "Difference in differences between two sites across the first and last wave: SITE:COMPARISON" };
        var areas = Inputs.Areas();
        var ignore = Inputs.IgnoreUnknown();
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write here instead of standard output" };
        var command = new Command("indicators", "Compute the survey's indicators from a CSV of responses")
            { definition, responses, by, minCell, ci, format, filter, did, areas, ignore, output };
        command.SetAction(parse =>
        {
            var survey = Inputs.LoadDefinition(parse.GetValue(definition)!);
            var breakdowns = ParseBreakdowns(parse.GetValue(by) ?? [], survey);
            var k = parse.GetValue(minCell);
            if (k < EngineOptions.SmallestMinCell) throw new InputException($"--min-cell {k} is not allowed; allowed: {EngineOptions.SmallestMinCell} or more");
            var condition = parse.GetValue(filter) is { } f ? ParseFilter(f, survey) : null;
            var sites = parse.GetValue(did) is { } d ? ParseDid(d) : ((string, string)?)null;
            var file = Inputs.LoadResponses(parse.GetValue(responses)!, survey, parse.GetValue(areas), parse.GetValue(ignore));
            // Everything printed is one release: disclosure control withholds what would give a small group away.
            var report = AuditCommand.Release(file.Table, new EngineOptions
            {
                MinCell = k,
                Ci = parse.GetValue(ci) == "wilson" ? CiMethod.Wilson : CiMethod.KornGraubard,
                Breakdowns = breakdowns,
                Filter = condition,
                Did = sites,
                InputSha256 = file.Sha256,
            }, new ReleaseOptions()).Report;
            var target = parse.GetValue(output);
            switch (parse.GetValue(format))
            {
                case "json":
                    if (target is null)
                    {
                        console.Out.WriteLine(IndicatorJson.ToJson(report));
                    }
                    else
                    {
                        using var stream = File.Create(target.FullName);
                        IndicatorJson.Write(report, stream);
                    }
                    break;
                case "csv":
                    Inputs.WriteOutput(target, console, writer => IndicatorTable.WriteCsv(report, writer));
                    break;
                default:
                    Inputs.WriteOutput(target, console, writer => IndicatorTable.WriteTable(report, writer));
                    break;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    public static IReadOnlyList<Breakdown> ParseBreakdowns(IEnumerable<string> values, SurveyDefinition survey)
    {
        try
        {
            return values.Select(v => Breakdown.Parse(v, survey)).DistinctBy(b => b.Name).ToList();
        }
        catch (ArgumentException e)
        {
            throw new InputException($"--by: {e.Message}");
        }
    }

    private static Condition ParseFilter(string text, SurveyDefinition survey)
    {
        try
        {
            var condition = ConditionParser.Parse(text);
            foreach (var key in condition.Keys)
            {
                if (survey.FindItem(key) is null && !ResponseTable.MetaKeys.Contains(key))
                    throw new FormatException($"'{key}' is not an item of survey '{survey.Id}' nor site, wave or lang");
            }

            return condition;
        }
        catch (Exception e) when (e is FormatException or ConditionSyntaxException)
        {
            throw new InputException($"--filter \"{text}\": {e.Message}");
        }
    }

    public static (string, string) ParseDid(string text)
    {
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts.Any(p => p.Length == 0) || parts[0] == parts[1])
            throw new InputException($"--did \"{text}\": expected two different site labels as SITE:COMPARISON, e.g. cook:harris");
        return (parts[0], parts[1]);
    }
}
