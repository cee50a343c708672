using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Components;

/// <summary>The short methodology of the brief: who, in which languages, how reached, when, weighting, intervals, suppression, survey version.</summary>
internal sealed class MethodologyBoxComponent(ReportContext context)
{
    /// <summary>The box may continue on the next page (its heading stays with its first lines), so it never leaves a page nearly empty.</summary>
    public Block Compose() => new Box(new Stack(
    [
        new Paragraph([new Text.Span(context.S("method_heading"), Typography.Subheading)], context.Rtl, context.Language) { KeepWithNext = true },
        context.Bullets(Lines(context), Typography.Small.WithColor(Typography.Ink)),
    ], 3), 8, Typography.Stripe, null, 3);

    public static IReadOnlyList<string> Lines(ReportContext context)
    {
        var report = context.Report;
        var responses = context.Format.Count(report.Responses);
        var lines = new List<string>
        {
            string.IsNullOrWhiteSpace(context.Request.Place)
                ? context.F("method_who", responses)
                : context.F("method_who_place", responses, context.Isolate(context.Request.Place!)),
            Languages(context),
            context.F(context.Request.RandomSample ? "method_how_random" : "method_how", Recruitment(context)),
        };
        if (When(context) is { } when) lines.Add(when);
        lines.Add(report.Weighted ? LimitsComponent.WeightingLine(context) : context.S("method_unweighted"));
        lines.Add(context.F("method_ci", report.CiMethod == "wilson" ? "Wilson" : "Korn–Graubard"));
        lines.Add(context.F("method_suppression", report.MinCell));
        lines.Add(context.F("method_version", report.SurveyVersion));
        return lines;
    }

    /// <summary>How people were reached: the organizer's words, or the platform's usual way.</summary>
    public static string Recruitment(ReportContext context) =>
        string.IsNullOrWhiteSpace(context.Request.Recruitment) ? context.S("recruitment_default") : context.Request.Recruitment!.Trim();

    /// <summary>"When: 2 March 2026 to 12 April 2026" or "When: survey waves 2026-Q1, 2026-Q2"; null when unknown.</summary>
    public static string? When(ReportContext context)
    {
        if (Period(context) is { } period) return context.F("method_when", period);
        if (Waves(context) is { Count: > 0 } waves) return context.F("method_waves", context.List(waves.Select(context.Isolate)));
        return null;
    }

    public static string? Period(ReportContext context) => (context.Request.FieldworkStart, context.Request.FieldworkEnd) switch
    {
        ({ } start, { } end) => context.F("period", context.Format.Date(start), context.Format.Date(end)),
        ({ } start, null) => context.Format.Date(start),
        (null, { } end) => context.Format.Date(end),
        _ => null,
    };

    public static IReadOnlyList<string> Waves(ReportContext context) => new BriefScope(context).Waves;

    /// <summary>
    /// Every language the survey was offered in, and those answered in: by name with their counts when published,
    /// the rest counted together ("3 other languages, each fewer than 10 responses"), so the list is never silently short.
    /// </summary>
    public static string Languages(ReportContext context)
    {
        var offered = context.Survey?.Languages ?? [];
        var counts = context.Request.ResponseCounts.FirstOrDefault(c => c.By == ResponseTable.Lang);
        var offeredText = offered.Count > 0 ? context.List(offered.Select(l => context.Isolate(Core.Localization.Languages.NativeName(l)))) : null;
        if (counts is null)
        {
            var used = LanguagesUsed(context);
            var usedText = context.List(used.Select(l => context.Isolate(Core.Localization.Languages.NativeName(l))));
            return offeredText is null ? context.F("method_languages_answered", usedText) : context.F("method_languages_offered", offeredText);
        }
        var answered = counts.Counts.Where(c => c.Value is not GroupEstimate.NotAnswered and not GroupEstimate.NotAsked).OrderByDescending(c => c.Count ?? -1).ToList();
        var named = answered.Where(c => c.Count is not null)
            .Select(c => context.Isolate(Core.Localization.Languages.NativeName(c.Value)) + context.Parenthetical(context.Format.Count(c.Count!.Value))).ToList();
        var hidden = answered.Count(c => c.Count is null);
        var answeredText = context.List(named);
        if (hidden > 0)
        {
            answeredText = named.Count == 0 ? context.F("languages_hidden", hidden, context.Report.MinCell)
                : context.List([answeredText, context.F("languages_hidden", hidden, context.Report.MinCell)]);
        }

        return offeredText is null
            ? context.F("method_languages_answered", answeredText)
            : context.F("method_languages", offeredText, answeredText);
    }

    /// <summary>
    /// Languages respondents answered in: from the response counts, else the indicators' language groups, else the
    /// survey's languages. A language whose group is withheld for privacy is not named.
    /// </summary>
    public static IReadOnlyList<string> LanguagesUsed(ReportContext context)
    {
        var counts = context.Request.ResponseCounts.FirstOrDefault(c => c.By == ResponseTable.Lang);
        if (counts is not null) return counts.Counts.Where(c => c.Count is not null && c.Value is not GroupEstimate.NotAnswered and not GroupEstimate.NotAsked).Select(c => c.Value).ToList();
        var groups = context.Report.Indicators.SelectMany(i => i.Groups)
            .Where(g => g.By == ResponseTable.Lang && g.Value is not GroupEstimate.NotAnswered and not GroupEstimate.NotAsked && g.Estimate.N is not null)
            .Select(g => g.Value).Distinct().ToList();
        if (groups.Count > 0) return groups;
        return context.Survey?.Languages ?? [context.Language];
    }
}
