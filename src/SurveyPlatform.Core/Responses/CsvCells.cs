using System.Text.RegularExpressions;

namespace SurveyPlatform.Core.Responses;

/// <summary>
/// Cells of exported CSV files that a spreadsheet opens safely (OWASP, "CSV Injection"): a text that begins with =, +, -, @,
/// a tab or a carriage return (or their full-width and minus-sign look-alikes) is prefixed with an apostrophe, so that
/// Excel, LibreOffice and Google Sheets show it as text instead of running it as a formula (<c>=HYPERLINK(…)</c>,
/// <c>=cmd|…</c>, <c>@SUM(…)</c>). A plain number such as <c>-3</c> is left alone. The rule is reversible, so that an
/// export imports again unchanged: <see cref="Restore"/> removes exactly the apostrophe <see cref="Neutralize"/> added (a text
/// that itself begins with an apostrophe followed by one of those characters gets a second one). Fields holding a comma, a
/// quote, a line feed or a carriage return, or beginning or ending with a space, are quoted.
/// </summary>
public static partial class CsvCells
{
    private static bool Starts(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r' or '\u2212' or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFF20';

    public static string Neutralize(string value)
    {
        if (value.Length == 0)
            return value;
        if (Starts(value[0]) && !PlainNumber().IsMatch(value))
            return "'" + value;
        return value.Length > 1 && value[0] == '\'' && (Starts(value[1]) || value[1] == '\'') ? "'" + value : value;
    }

    public static ReadOnlySpan<char> Restore(ReadOnlySpan<char> cell) =>
        cell.Length > 1 && cell[0] == '\'' && (Starts(cell[1]) || cell[1] == '\'') ? cell[1..] : cell;

    public static bool NeedsQuotes(string? field) =>
        field is { Length: > 0 } && (field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1]));

    [GeneratedRegex(@"^[+-]?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex PlainNumber();
}
