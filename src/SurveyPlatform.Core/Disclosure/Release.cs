using SurveyPlatform.Core.Indicators;

namespace SurveyPlatform.Core.Disclosure;

/// <summary>What is published together, and what the built-in auditor found when it attacked it.</summary>
/// <param name="Report">The indicators: every figure that may be shown, the others withheld with their reason.</param>
/// <param name="Counts">Responses by language, wave…: a null count is withheld.</param>
public sealed record Release(IndicatorReport Report, IReadOnlyList<CountTable> Counts, AuditReport Audit)
{
    public CountTable? CountsBy(string by) => Counts.FirstOrDefault(c => c.By == by);
}

/// <summary>How many responses came in each group of <see cref="By"/> (<c>lang</c>, <c>wave</c>, a day…).</summary>
public sealed record CountTable(string By, IReadOnlyList<CountCell> Cells);

/// <summary>One group's count of responses; null when withheld (<see cref="Reason"/> says why).</summary>
public sealed record CountCell(string Value, long? Count, string? Reason = null);

/// <summary>What may be published with the figures, and how hard to check it.</summary>
public sealed record ReleaseOptions
{
    /// <summary>Response counts published with the figures (e.g. <c>lang</c>, <c>wave</c>): one table per key.</summary>
    public IReadOnlyList<string> CountsBy { get; init; } = [];
    /// <summary>
    /// Hide only the groups under k (no secondary suppression) and report what the auditor finds: to see what an
    /// attacker would recover without it. Such a release is never published.
    /// </summary>
    public bool PrimaryOnly { get; init; }
    /// <summary>Solve every withheld group's exact range (the audit command), not only until it is shown wide enough.</summary>
    public bool ExactAudit { get; init; }
}

/// <summary>The auditor's findings on a release: every withheld group, how far an attacker can narrow it, and the verdict.</summary>
public sealed record AuditReport(int MinCell, IReadOnlyList<AuditFinding> Findings)
{
    public bool Passed => Findings.All(f => f.Passed);
    /// <summary>Fewer possible sizes than this is a failure: k/2, rounded up.</summary>
    public int NeededValues => (MinCell + 1) / 2;
}

/// <summary>
/// One withheld group: the smallest and largest size consistent with everything published (a linear program, so the
/// bounds may be fractional; <see cref="High"/> is infinite when nothing bounds it), how many whole sizes that leaves,
/// and whether its people can be shown to have answered alike.
/// </summary>
/// <param name="Figure">The indicator (e.g. <c>victim_chill</c>) or <c>responses</c> for counts of responses.</param>
/// <param name="Group">The group, e.g. <c>born_here = no</c> or <c>born_here = yes and household_concern = yes, area = area_1</c>.</param>
/// <param name="Alike">Null, or what everyone in it can be shown to have answered: <c>negative</c>, <c>positive</c>, <c>lowest</c>, <c>highest</c> (scores).</param>
/// <param name="Exact">True when both bounds were solved for; false when two feasible tables already showed the group wide enough.</param>
public sealed record AuditFinding(string Figure, string Group, double Low, double High, long Values, string? Alike, bool Passed, bool Exact)
{
    public string Verdict(int minCell) => Passed ? "protected"
        : Alike is not null ? $"revealed: everyone in it answered {Alike}"
        : $"revealed: its size is one of {Values} values (fewer than {(minCell + 1) / 2})";
}
