using System.Text.RegularExpressions;

namespace SurveyPlatform.Core.Definitions.Loading;

/// <summary>The syntax of names in a definition (FORMAT.md). Keys and codes end up as CSV columns and values.</summary>
internal static partial class DefinitionPatterns
{
    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    public static partial Regex Key();

    [GeneratedRegex("^[a-z0-9_]+$")]
    public static partial Regex Code();

    [GeneratedRegex("^[a-z0-9-]+$")]
    public static partial Regex SurveyId();

    /// <summary>BCP 47 in the shape we use: a 2–3 letter language, then subtags such as a script or region (zh-Hans, pt-BR).</summary>
    [GeneratedRegex("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")]
    public static partial Regex Language();
}
