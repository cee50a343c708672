namespace SurveyPlatform.Core.Definitions.Loading;

/// <summary>
/// What every part of the loader shares while reading one file: the errors found so far and the
/// survey's languages, which every localized text is checked against.
/// </summary>
internal sealed class ReadContext(string file)
{
    private readonly List<DefinitionError> _errors = [];

    public IReadOnlyList<DefinitionError> Errors => _errors;

    /// <summary>
    /// The declared languages, or null while they are unknown or broken: then texts are only checked for
    /// shape, so one mistake in <c>languages</c> does not turn into an error for every text in the file.
    /// </summary>
    public IReadOnlyList<string>? Languages { get; set; }

    /// <summary>Keys of items that could not be read; conditions naming them are not reported again.</summary>
    public HashSet<string> BrokenItemKeys { get; } = [];

    /// <summary>Ids of indicators that could not be read; differences naming them are not reported again.</summary>
    public HashSet<string> BrokenIndicatorIds { get; } = [];

    public void Error(string path, string message) => _errors.Add(new DefinitionError(file, path, message));
}

/// <summary>JSON paths as in the error messages: <c>$.pages[2].items[0].shown_when</c>.</summary>
internal static class JsonPath
{
    public static string Property(string path, string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$') && name.Length > 0
            ? $"{path}.{name}"
            : $"{path}['{name.Replace("'", "\\'")}']";

    public static string Index(string path, int index) => $"{path}[{index}]";
}
