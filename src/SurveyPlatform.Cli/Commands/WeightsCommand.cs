using System.CommandLine;
using System.Globalization;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Core.Weighting;

namespace SurveyPlatform.Cli.Commands;

/// <summary><c>survey weights rake</c>: weights that make the sample match population margins (as R's survey::rake).</summary>
internal static class WeightsCommand
{
    public static Command Create(CliConsole console)
    {
        var definition = Inputs.DefinitionOrStandard();
        var responses = Inputs.Responses();
        var margins = new Option<FileInfo>("--margins", "-m")
        {
            Description = "Population totals as CSV: margin,category,total (e.g. gender,woman,5120 or area x age_group,area_1 x 18_24,830)",
            Required = true,
        };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Write the responses with their new weight column here", Required = true };
        var trimLower = new Option<double?>("--trim-lower") { Description = "Lowest weight allowed, as a multiple of the mean weight (e.g. 0.3)" };
        var trimUpper = new Option<double?>("--trim-upper") { Description = "Highest weight allowed, as a multiple of the mean weight (e.g. 3)" };
        var maxIterations = new Option<int>("--max-iterations") { Description = "Stop after this many sweeps", DefaultValueFactory = _ => 100 };
        var epsilon = new Option<double>("--epsilon") { Description = "Converged when no margin total is off by more than this", DefaultValueFactory = _ => 1e-7 };
        var areas = Inputs.Areas();
        var rake = new Command("rake", "Rake weights to population margins (iterative proportional fitting)")
            { definition, responses, margins, output, trimLower, trimUpper, maxIterations, epsilon, areas };
        rake.SetAction(parse =>
        {
            var survey = Inputs.LoadDefinition(parse.GetValue(definition)!);
            var (lower, upper) = (parse.GetValue(trimLower), parse.GetValue(trimUpper));
            if (lower is { } l && !(l > 0 && l <= 1)) throw new InputException($"--trim-lower {l} is not allowed; allowed: more than 0, at most 1");
            if (upper is { } u && !(u >= 1)) throw new InputException($"--trim-upper {u} is not allowed; allowed: 1 or more");
            var iterations = parse.GetValue(maxIterations);
            if (iterations < 1) throw new InputException($"--max-iterations {iterations} is not allowed; allowed: 1 or more");
            var file = Inputs.LoadResponses(parse.GetValue(responses)!, survey, parse.GetValue(areas), ignoreUnknown: false);
            var marginsFile = parse.GetValue(margins)!;
            RakingResult result;
            try
            {
                result = Raking.Rake(file.Table, Raking.ReadMargins(marginsFile.FullName, survey), new RakingOptions
                {
                    TrimLower = lower,
                    TrimUpper = upper,
                    MaxIterations = iterations,
                    Epsilon = parse.GetValue(epsilon),
                });
            }
            catch (MarginsException e)
            {
                throw new InputException($"{marginsFile.Name}: the margins cannot be used:{Environment.NewLine}" +
                    string.Join(Environment.NewLine, e.Problems.Select(p => "  " + p)));
            }
            var weighted = file.Table.WithWeights(result.Weights);
            Inputs.WriteOutput(parse.GetValue(output), console, writer => ResponseCsv.Write(weighted, writer));
            var c = CultureInfo.InvariantCulture;
            console.Out.WriteLine(string.Create(c, $"Raked {file.Table.Count:N0} responses to {marginsFile.Name}: " +
                $"{(result.Converged ? "converged" : "NOT converged")} after {result.Iterations} sweeps (largest margin gap {result.MaxDeviation:G3})."));
            console.Out.WriteLine(string.Create(c, $"Weights from {result.MinWeight:0.###} to {result.MaxWeight:0.###}; {result.Trimmed} trimmed; " +
                $"design effect due to weighting {result.DesignEffect:0.00} (effective sample size {file.Table.Count / result.DesignEffect:N0})."));
            if (!result.Converged)
            {
                console.Error.WriteLine("warning: the margins could not all be met; check that every margin adds up to the same population total, or allow more sweeps.");
                return ExitCodes.InvalidInput;
            }
            return ExitCodes.Ok;
        });
        return new Command("weights", "Survey weights") { rake };
    }
}
