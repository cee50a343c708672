using SurveyPlatform.Core.Disclosure;

namespace SurveyPlatform.Reports;

/// <summary>
/// How many responses came in each group of <see cref="By"/> (<c>lang</c>, <c>wave</c>, <c>week</c>, …); a null count is
/// withheld. Counts are decided by disclosure control (<see cref="DisclosureControl"/>, docs/anonymity.md rule 7) with the
/// figures they are published beside; this record only carries them to the report.
/// </summary>
public sealed record ResponseCounts(string By, IReadOnlyList<ResponseCount> Counts)
{
    /// <summary>A count table as disclosure control published it.</summary>
    public static ResponseCounts From(CountTable table) => new(table.By, [.. table.Cells.Select(c => new ResponseCount(c.Value, c.Count))]);

    /// <summary>Every count table of a release.</summary>
    public static IReadOnlyList<ResponseCounts> From(Release release) => [.. release.Counts.Select(From)];
}

public sealed record ResponseCount(string Value, long? Count);
