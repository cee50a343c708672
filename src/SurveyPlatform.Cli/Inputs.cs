using System.CommandLine;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Cli;

/// <summary>Options shared by several commands, and reading their files with messages that say where the problem is.</summary>
internal static class Inputs
{
    public static Option<FileInfo> Definition() => new("--definition", "-d")
    {
        Description = "Survey definition (*.survey.json), e.g. surveys/community-trust.survey.json",
        Required = true,
    };

    /// <summary>The definition option where the standard survey shipped with the command is the default.</summary>
    public static Option<FileInfo> DefinitionOrStandard() => new("--definition", "-d")
    {
        Description = "Survey definition (*.survey.json); default: the standard community trust survey",
        DefaultValueFactory = _ => new FileInfo(Path.Combine(AppContext.BaseDirectory, "surveys", "community-trust.survey.json")),
    };

    public static Option<FileInfo> Responses() => new("--responses", "-r")
    {
        Description = "Responses as CSV (item keys as columns; optional lang, weight, wave, site)",
        Required = true,
    };

    public static Option<string[]> Areas() => new("--areas")
    {
        Description = "Area codes of the run when they differ from the definition's (comma-separated)",
        CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
    };

    public static Option<bool> IgnoreUnknown() => new("--ignore-unknown")
    {
        Description = "Skip columns that are not items of the survey instead of refusing the file",
    };

    public static Option<string[]> List(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
    };

    public static SurveyDefinition LoadDefinition(FileInfo file)
    {
        if (!file.Exists) throw new InputException($"{file.Name}: file not found ({file.FullName})");
        var result = DefinitionLoader.TryLoadFile(file.FullName);
        if (result.Definition is null)
        {
            throw new InputException($"{file.Name} is not a valid survey definition:{Environment.NewLine}" +
                string.Join(Environment.NewLine, result.Errors.Select(e => "  " + e)));
        }

        return result.Definition;
    }

    public static ResponseFile LoadResponses(FileInfo file, SurveyDefinition definition, string[]? areas, bool ignoreUnknown,
        string? wave = null, string? site = null)
    {
        try
        {
            return ResponseCsv.ReadFile(file.FullName, definition, new CsvReadOptions
            {
                AreaCodes = areas is { Length: > 0 } ? areas : null,
                IgnoreUnknownColumns = ignoreUnknown,
                Wave = wave,
                Site = site,
            });
        }
        catch (ResponseFileException e)
        {
            var more = e.Errors.Count >= 20 ? $"{Environment.NewLine}  (stopped after {e.Errors.Count} problems)" : "";
            throw new InputException($"{file.Name} was not read; nothing was used:{Environment.NewLine}" +
                string.Join(Environment.NewLine, e.Errors.Select(x => "  " + x)) + more);
        }
    }

    /// <summary>Writes to <paramref name="file"/> (UTF-8, no BOM) or, when null, to standard output.</summary>
    public static void WriteOutput(FileInfo? file, CliConsole console, Action<TextWriter> write)
    {
        if (file is null)
        {
            write(console.Out);
            console.Out.Flush();
            return;
        }
        try
        {
            using var writer = new StreamWriter(file.FullName, false, new System.Text.UTF8Encoding(false));
            write(writer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write {file.FullName}: {e.Message}");
        }
    }
}
