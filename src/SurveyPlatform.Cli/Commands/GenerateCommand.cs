using System.CommandLine;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Cli.Commands;

/// <summary><c>survey generate</c>: synthetic but plausible responses, following the skip logic, marked as synthetic.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliConsole console)
    {
        var definition = Inputs.Definition();
        var count = new Option<int>("--n") { Description = "Number of responses", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same file)", DefaultValueFactory = _ => 1 };
        var sites = Inputs.List("--sites", "Site labels to spread responses over, e.g. cook,harris");
        var waves = Inputs.List("--waves", "Wave labels to spread responses over, e.g. 2026-Q1,2026-Q2");
        var areas = Inputs.Areas();
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the CSV here (default: standard output)" };
        var command = new Command("generate", "Make synthetic responses for demos and benchmarks (marked synthetic)")
            { definition, count, seed, sites, waves, areas, output };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > 50_000_000) throw new InputException($"--n {n} is not allowed; allowed: 1 to 50000000");
            var survey = Inputs.LoadDefinition(parse.GetValue(definition)!);
            var table = SyntheticResponses.Generate(survey, new SyntheticOptions
            {
                Count = n,
                Seed = parse.GetValue(seed),
                Sites = parse.GetValue(sites) ?? [],
                Waves = parse.GetValue(waves) ?? [],
                AreaCodes = parse.GetValue(areas) is { Length: > 0 } a ? a : null,
            });
            var file = parse.GetValue(output);
            Inputs.WriteOutput(file, console, writer => ResponseCsv.Write(table, writer));
            if (file is not null) console.Error.WriteLine($"Wrote {n} synthetic responses to {file.Name}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
