using System.Text;
using System.Text.Json;
using SurveyPlatform.Core.Definitions.Loading;

namespace SurveyPlatform.Core.Definitions;

/// <summary>
/// Reads a <c>*.survey.json</c> file (format: surveys/FORMAT.md) and checks everything: JSON syntax,
/// shape, keys, codes, translations, conditions, indicators and breakdowns. Every problem is reported,
/// not just the first, each as <c>file: $.json.path: problem</c>.
/// </summary>
public static class DefinitionLoader
{
    /// <summary>Loads and checks a definition file.</summary>
    /// <exception cref="DefinitionException">The file cannot be read or has problems; all of them are listed.</exception>
    public static SurveyDefinition LoadFile(string path) => OrThrow(TryLoadFile(path));

    /// <summary>Loads and checks a definition given as JSON; <paramref name="fileName"/> names it in messages.</summary>
    /// <exception cref="DefinitionException">The definition has problems; all of them are listed.</exception>
    public static SurveyDefinition Load(string json, string fileName) => OrThrow(TryLoad(json, fileName));

    /// <summary>Like <see cref="LoadFile"/>, but returns the problems instead of throwing.</summary>
    public static DefinitionLoadResult TryLoadFile(string path)
    {
        var fileName = Path.GetFileName(path);
        string json;
        try
        {
            // Strict UTF-8: a file saved in another encoding would otherwise load with garbled translations.
            json = File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            var problem = e is DecoderFallbackException ? "is not valid UTF-8 text; save it as UTF-8" : $"cannot be read: {e.Message}";
            return DefinitionLoadResult.Failed([new DefinitionError(fileName, "$", problem)]);
        }
        return TryLoad(json, fileName);
    }

    /// <summary>The definition, or every problem found in it.</summary>
    public static DefinitionLoadResult TryLoad(string json, string fileName)
    {
        var context = new ReadContext(fileName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            context.Error("$", JsonSyntaxMessage(json, e));
            return DefinitionLoadResult.Failed(context.Errors);
        }
        using (document)
        {
            DuplicateProperties.Report(document.RootElement, "$", context);
            var definition = new DefinitionReader(context).Read(document.RootElement);
            return context.Errors.Count == 0 && definition is not null
                ? DefinitionLoadResult.Loaded(definition)
                : DefinitionLoadResult.Failed(context.Errors);
        }
    }

    private static SurveyDefinition OrThrow(DefinitionLoadResult result) =>
        result.Definition ?? throw new DefinitionException(result.Errors);

    /// <summary>"not valid JSON at line 3, column 9: …", counting characters (not UTF-8 bytes) as editors do.</summary>
    private static string JsonSyntaxMessage(string json, JsonException e)
    {
        var reason = e.Message;
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var at = reason.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
                reason = reason[..at];
        }
        reason = reason.TrimEnd(' ', '|');
        if (e.LineNumber is not { } line || e.BytePositionInLine is not { } bytes)
            return $"not valid JSON: {reason}";
        var lines = json.Split('\n');
        var lineText = line < lines.Length ? lines[line] : "";
        var lineBytes = Encoding.UTF8.GetBytes(lineText);
        var column = Encoding.UTF8.GetCharCount(lineBytes, 0, (int)Math.Min(bytes, lineBytes.Length)) + 1;
        return $"not valid JSON at line {line + 1}, column {column}: {reason}";
    }
}

/// <summary>The outcome of <see cref="DefinitionLoader.TryLoad"/>: a definition, or the problems that prevent it.</summary>
public sealed record DefinitionLoadResult
{
    private DefinitionLoadResult(SurveyDefinition? definition, IReadOnlyList<DefinitionError> errors)
    {
        Definition = definition;
        Errors = errors;
    }

    /// <summary>Null when <see cref="Errors"/> is not empty.</summary>
    public SurveyDefinition? Definition { get; }

    public IReadOnlyList<DefinitionError> Errors { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Definition))]
    public bool Succeeded => Definition is not null;

    internal static DefinitionLoadResult Loaded(SurveyDefinition definition) => new(definition, []);

    internal static DefinitionLoadResult Failed(IReadOnlyList<DefinitionError> errors) => new(null, errors.ToList());
}
