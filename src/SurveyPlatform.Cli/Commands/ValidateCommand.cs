using System.CommandLine;
using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Cli.Commands;

/// <summary><c>survey validate &lt;definition.json&gt;</c>: every problem of a definition, each with its JSON path.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<FileInfo>("definition") { Description = "Survey definition to check (*.survey.json)" };
        var command = new Command("validate", "Check a survey definition and print each problem with its path") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new InputException($"{path.Name}: file not found ({path.FullName})");
            var result = DefinitionLoader.TryLoadFile(path.FullName);
            if (result.Definition is { } d)
            {
                console.Out.WriteLine($"{path.Name}: valid. Survey '{d.Id}' {d.Version}: {d.Pages.Count} pages, " +
                    $"{d.Items.Count()} items, {d.Indicators.Count} indicators, languages {string.Join(", ", d.Languages)}.");
                return ExitCodes.Ok;
            }
            foreach (var error in result.Errors) console.Error.WriteLine(error);
            console.Error.WriteLine($"{path.Name}: {result.Errors.Count} problem{(result.Errors.Count == 1 ? "" : "s")}.");
            return ExitCodes.InvalidInput;
        });
        return command;
    }
}
