namespace SurveyPlatform.Core.Definitions.Loading;

/// <summary>Parses a condition found in the file, reporting a syntax error at its JSON path.</summary>
internal static class ConditionReader
{
    public static Condition? Parse(string? source, string path, ReadContext context)
    {
        if (source is null)
            return null;
        try
        {
            return ConditionParser.Parse(source);
        }
        catch (ConditionSyntaxException e)
        {
            context.Error(path, e.Message);
            return null;
        }
    }
}
