using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Responses;

/// <summary>
/// What each column of an export means: the question as asked (in the survey's default language), its type,
/// when it is shown, and every code with its label. One row per code, so R, SPSS or Stata users can build
/// value labels from it.
/// </summary>
public static class Codebook
{
    public static readonly string[] Header = ["column", "type", "question", "shown_when", "code", "label"];

    public static IEnumerable<string[]> Rows(SurveyDefinition definition, ResponseTable? table = null)
    {
        var lang = definition.DefaultLanguage;
        foreach (var item in definition.Items)
        {
            var type = item.Type.ToString().ToLowerInvariant();
            var question = item.Text.Get(lang);
            var shown = item.ShownWhenSource ?? "always";
            switch (item.Type)
            {
                case ItemType.Single or ItemType.Multiple:
                    var codes = item.OptionsFromRun && table?[item.Key] is CategoryColumn c
                        ? c.Codes.Skip(1).Select(code => (code!, item.FindOption(code!)?.Label.Get(lang) ?? code!))
                        : item.Options.Select(o => (o.Code, o.Label.Get(lang)));
                    foreach (var (code, label) in codes)
                        yield return [item.Key, type, question, shown, code, label];
                    break;
                case ItemType.Scale or ItemType.Number:
                    var ends = item.MinLabel is null ? "" : $" ({item.Min} = {item.MinLabel.Get(lang)}, {item.Max} = {item.MaxLabel?.Get(lang)})";
                    yield return [item.Key, type, question, shown, $"{item.Min}..{item.Max}", $"whole number from {item.Min} to {item.Max}{ends}"];
                    break;
                default:
                    yield return [item.Key, type, question, shown, "", $"free text, at most {item.MaxLength} characters"];
                    break;
            }
        }
        yield return [ResponseTable.Lang, "meta", "Language the survey was answered in (BCP 47)", "always", "", string.Join(", ", definition.Languages)];
        yield return [ResponseTable.Wave, "meta", "Wave label (e.g. 2026-Q1)", "always", "", "free label"];
        yield return [ResponseTable.Site, "meta", "Site label, for comparisons between places", "always", "", "free label"];
        yield return [ResponseTable.WeightColumn, "meta", "Survey weight (present only when weights were given or raked)", "always", "", "positive number"];
    }

    public static void WriteCsv(SurveyDefinition definition, ResponseTable? table, TextWriter writer)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n", ShouldQuote = args => CsvCells.NeedsQuotes(args.Field) };
        using var csv = new CsvWriter(writer, configuration, leaveOpen: true);
        foreach (var h in Header) csv.WriteField(h);
        csv.NextRecord();
        foreach (var row in Rows(definition, table))
        {
            foreach (var field in row) csv.WriteField(CsvCells.Neutralize(field));
            csv.NextRecord();
        }
    }
}
