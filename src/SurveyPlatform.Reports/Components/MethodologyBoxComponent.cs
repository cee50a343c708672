using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Components;

/// <summary>The short methodology of the brief: who, how, when, weighting, intervals, suppression, survey version.</summary>
internal sealed class MethodologyBoxComponent(ReportContext context)
{
    public Block Compose() => new KeepTogether(new Box(new Stack(
    [
        context.Text(context.S("method_heading"), Typography.Subheading),
        context.Bullets(Lines(context), Typography.Small.WithColor(Typography.Ink)),
    ], 3), 8, Typography.Stripe, null, 3));

    public static IReadOnlyList<string> Lines(ReportContext context)
    {
        var report = context.Report;
        var responses = context.Format.Count(report.Responses);
        var languages = string.Join(", ", LanguagesUsed(context).Select(l => context.Isolate(ReportContext.LanguageName(l))));
        var lines = new List<string>
        {
            string.IsNullOrWhiteSpace(context.Request.Place)
                ? context.F("method_who", responses, languages)
                : context.F("method_who_place", responses, languages, context.Isolate(context.Request.Place!)),
            context.S("method_how"),
        };
        if (Period(context) is { } period) lines.Add(context.F("method_when", period));
        else if (Waves(context) is { Count: > 0 } waves) lines.Add(context.F("method_waves", string.Join(", ", waves.Select(context.Isolate))));
        lines.Add(report.Weighted ? context.F("method_weighted", context.Format.Decimal2(report.WeightingDesignEffect)) : context.S("method_unweighted"));
        lines.Add(context.F("method_ci", report.CiMethod == "wilson" ? "Wilson" : "Korn–Graubard"));
        lines.Add(context.F("method_suppression", report.MinCell));
        lines.Add(context.F("method_version", report.SurveyVersion));
        return lines;
    }

    public static string? Period(ReportContext context) => (context.Request.FieldworkStart, context.Request.FieldworkEnd) switch
    {
        ({ } start, { } end) => context.F("period", context.Format.Date(start), context.Format.Date(end)),
        ({ } start, null) => context.Format.Date(start),
        (null, { } end) => context.Format.Date(end),
        _ => null,
    };

    public static IReadOnlyList<string> Waves(ReportContext context) =>
        context.Report.Trends.FirstOrDefault()?.Waves.Select(w => w.Value).ToList() ?? [];

    /// <summary>
    /// Languages respondents answered in: from the response counts, else the indicators' language groups, else the
    /// survey's languages. A language whose group is withheld for privacy is not named.
    /// </summary>
    public static IReadOnlyList<string> LanguagesUsed(ReportContext context)
    {
        var counts = context.Request.ResponseCounts.FirstOrDefault(c => c.By == ResponseTable.Lang);
        if (counts is not null) return counts.Counts.Where(c => c.Count is not null && c.Value != GroupEstimate.NotAnswered).Select(c => c.Value).ToList();
        var groups = context.Report.Indicators.SelectMany(i => i.Groups).Where(g => g.By == ResponseTable.Lang && g.Value != GroupEstimate.NotAnswered && g.Estimate.N is not null)
            .Select(g => g.Value).Distinct().ToList();
        if (groups.Count > 0) return groups;
        return context.Survey?.Languages ?? [context.Language];
    }
}
