using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SurveyPlatform.Core.Responses;

/// <summary>
/// Responses as an .xlsx workbook: a "responses" sheet with the columns of the response CSV (<see cref="ResponseCsv.Columns"/>;
/// scales and weights as numbers) and, optionally, a "codebook" sheet. Every text is an inline string cell, which a
/// spreadsheet shows as text and never evaluates as a formula, so texts are written as they are. Written row by row with
/// the Open XML SDK's streaming writer, so large runs fit in memory.
/// </summary>
public static class ResponseSpreadsheet
{
    public static void Write(ResponseTable table, Stream output, bool withCodebook)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheets = new List<(string Name, string Id)>();

        var columns = ResponseCsv.Columns(table);
        sheets.Add(("responses", WriteSheet(workbook, columns.Select(c => c.Name).ToList(), Enumerable.Range(0, table.Count).Select(r =>
            columns.Select(c => c.Value(r)).ToArray()))));
        if (withCodebook)
            sheets.Add(("codebook", WriteSheet(workbook, Codebook.Header, Codebook.Rows(table.Definition, table).Select(r => r.Cast<object?>().ToArray()))));

        using var writer = OpenXmlWriter.Create(workbook);
        writer.WriteStartElement(new Workbook());
        writer.WriteStartElement(new Sheets());
        uint id = 1;
        foreach (var (name, relationship) in sheets)
            writer.WriteElement(new Sheet { Name = name, SheetId = id++, Id = relationship });
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static string WriteSheet(WorkbookPart workbook, IReadOnlyList<string> header, IEnumerable<object?[]> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, header.Cast<object?>().ToArray());
        foreach (var row in rows) WriteRow(writer, row);
        writer.WriteEndElement();
        writer.WriteEndElement();
        return workbook.GetIdOfPart(part);
    }

    private static void WriteRow(OpenXmlWriter writer, object?[] values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            switch (value)
            {
                case null:
                    writer.WriteElement(new Cell());
                    break;
                case double number:
                    writer.WriteElement(new Cell { DataType = CellValues.Number, CellValue = new CellValue(number) });
                    break;
                default:
                    writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value.ToString()!)) });
                    break;
            }
        }
        writer.WriteEndElement();
    }
}
