using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Spectre.Console;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;

namespace SurveyPlatform.Cli;

/// <summary>The indicator report as a readable terminal table, or as flat CSV (one row per figure).</summary>
internal static class IndicatorTable
{
    /// <summary>Columns of the terminal table; the group and decision columns may wrap on a narrow terminal.</summary>
    private static readonly string[] Columns = ["indicator", "group", "estimate", "95% CI", "n", "n_eff", "decision"];

    public static void WriteTable(IndicatorReport report, TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var rows = new List<string[]>();
        foreach (var indicator in report.Indicators)
        {
            var difference = indicator.Kind == IndicatorKind.Difference;
            var unit = difference ? report.Find(indicator.Definition.Of!)?.Kind ?? IndicatorKind.Proportion : indicator.Kind;
            rows.Add(Row(indicator.Id, "all", indicator.Overall, unit, difference));
            foreach (var group in indicator.Groups)
                rows.Add(Row("", $"{group.By} = {group.Value}", group.Estimate, unit, difference));
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        // A file or pipe gets the table at its full width: a fixed width collapsed tables with crossed breakdowns
        // ("area x born_here = area_1 x refuse") into a lone "…". A terminal wraps the group and decision columns instead.
        if (!terminal) console.Profile.Width = Math.Max(120, Width(rows));
        var responses = report.PublishedResponses is { } n ? $"{n:N0} responses" : $"fewer than {report.MinCell} responses";
        console.MarkupLine($"[bold]{Markup.Escape(report.Survey)}[/] {Markup.Escape(report.SurveyVersion)}: {responses}, " +
            $"{(report.Weighted ? $"weighted (design effect due to weighting {report.WeightingDesignEffect:0.00})" : "unweighted")}, " +
            $"95% CI {(report.CiMethod == "wilson" ? "Wilson" : "Korn-Graubard")}, groups under {report.MinCell} hidden");
        if (report.Synthetic) console.MarkupLine("[yellow]SYNTHETIC DATA: made by 'survey generate', not by respondents.[/]");
        var table = new Table().Border(TableBorder.Simple);
        foreach (var h in Columns)
            table.AddColumn(new TableColumn(h) { Alignment = h is "n" or "n_eff" or "estimate" ? Justify.Right : Justify.Left, NoWrap = h is not ("group" or "decision") });
        foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        console.Write(table);
        foreach (var trend in report.Trends.Where(t => t.Changes.Count > 0))
        {
            var kind = report.Find(trend.IndicatorId)!.Kind;
            foreach (var change in trend.Changes)
                console.WriteLine($"{trend.IndicatorId}: change {change.From} → {change.To}: {Format(change.Change, kind, difference: true)}");
            if (trend.Changes.Count > 1 && trend.FirstToLast is { } whole)
                console.WriteLine($"{trend.IndicatorId}: change {whole.From} → {whole.To} (first to last): {Format(whole.Change, kind, difference: true)}");
        }
        foreach (var did in report.DifferenceInDifferences)
        {
            console.WriteLine($"{did.IndicatorId}: difference in differences {did.Site} vs {did.ComparisonSite}, {did.Before} → {did.After}: " +
                Format(did.Did, report.Find(did.IndicatorId)!.Kind, difference: true));
        }

        console.WriteLine("Suppressed: privacy = fewer than k people; complementary = withheld so that a smaller group cannot be worked out; " +
            "differencing = would reveal the rows between two filters; not_applicable = one side of the comparison cannot exist here; " +
            "n_eff<30, width, relative_width, n<30, relative_se = too uncertain (NCHS standards). 'survey audit' shows what an attacker can work out.");
    }

    /// <summary>The width the table needs with no cell wrapped: each column's widest cell, plus Spectre's simple border padding.</summary>
    private static int Width(List<string[]> rows)
    {
        var total = 2;
        for (var c = 0; c < Columns.Length; c++)
            total += rows.Select(r => r[c].Length).Append(Columns[c].Length).Max() + 3;
        return total;
    }

    private static string[] Row(string id, string group, Estimate e, IndicatorKind kind, bool difference)
    {
        var (estimate, ci) = e.IsPresented ? (Number(e.Value, kind, difference), $"{Number(e.CiLow, kind, difference)} to {Number(e.CiHigh, kind, difference)}") : ("—", "");
        var decision = e.IsPresented
            ? "present" + (e.Flags.Count > 0 ? $" ({string.Join(", ", e.Flags)})" : "") + (e.Significant == true ? " *" : "")
            : $"suppressed: {string.Join(", ", e.Reasons)}";
        return [id, group, estimate, ci,
            e.N?.ToString("N0", CultureInfo.InvariantCulture) ?? "—",
            e.IsPresented && e.NEff is { } ne ? ne.ToString("N0", CultureInfo.InvariantCulture) : "—",
            decision];
    }

    private static string Format(Estimate e, IndicatorKind kind, bool difference) =>
        e.IsPresented
            ? $"{Number(e.Value, kind, difference)} (95% CI {Number(e.CiLow, kind, difference)} to {Number(e.CiHigh, kind, difference)}){(e.Significant == true ? ", significant" : "")}"
            : $"suppressed ({string.Join(", ", e.Reasons)})";

    /// <summary>Proportions as percentages (points for differences), scores as they are, one decimal.</summary>
    private static string Number(double? value, IndicatorKind kind, bool difference)
    {
        if (value is not { } v) return "—";
        return kind == IndicatorKind.Proportion
            ? (v * 100).ToString(difference ? "+0.0;-0.0;0.0" : "0.0", CultureInfo.InvariantCulture) + (difference ? " pts" : "%")
            : v.ToString(difference ? "+0.0;-0.0;0.0" : "0.0", CultureInfo.InvariantCulture);
    }

    public static void WriteCsv(IndicatorReport report, TextWriter writer)
    {
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        foreach (var h in new[] { "id", "kind", "by", "value", "estimate", "se", "ci_low", "ci_high", "n", "n_eff", "decision", "reasons", "flags", "significant" })
            csv.WriteField(h);
        csv.NextRecord();
        foreach (var indicator in report.Indicators)
        {
            Row(csv, indicator, "", "", indicator.Overall);
            foreach (var g in indicator.Groups) Row(csv, indicator, g.By, g.Value, g.Estimate);
        }
    }

    private static void Row(CsvWriter csv, IndicatorResult indicator, string by, string value, Estimate e)
    {
        string N(double? x) => e.IsPresented && x is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
        csv.WriteField(indicator.Id);
        csv.WriteField(indicator.Kind.ToString().ToLowerInvariant());
        csv.WriteField(by);
        csv.WriteField(value);
        csv.WriteField(N(e.Value));
        csv.WriteField(N(e.Se));
        csv.WriteField(N(e.CiLow));
        csv.WriteField(N(e.CiHigh));
        csv.WriteField(e.N?.ToString(CultureInfo.InvariantCulture) ?? "");
        csv.WriteField(N(e.NEff));
        csv.WriteField(e.Decision);
        csv.WriteField(string.Join(' ', e.Reasons));
        csv.WriteField(string.Join(' ', e.Flags));
        csv.WriteField(e.Significant is { } s && e.IsPresented ? (s ? "true" : "false") : "");
        csv.NextRecord();
    }
}
