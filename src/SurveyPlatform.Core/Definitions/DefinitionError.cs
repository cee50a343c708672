namespace SurveyPlatform.Core.Definitions;

/// <summary>One problem in a definition file: which file, where (JSON path), and what is wrong.</summary>
public sealed record DefinitionError(string File, string Path, string Message)
{
    public override string ToString() => $"{File}: {Path}: {Message}";
}

public sealed class DefinitionException(IEnumerable<DefinitionError> errors)
    : Exception("Invalid survey definition:\n" + string.Join('\n', errors))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors.ToList();
}
