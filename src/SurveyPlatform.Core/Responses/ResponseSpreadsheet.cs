using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Reports.Exports;

/// <summary>
/// Responses as an .xlsx workbook: a "responses" sheet in the CSV layout (scales as numbers) and, optionally, a
/// "codebook" sheet. Written row by row with the Open XML SDK's streaming writer, so large runs fit in memory.
/// </summary>
public static class SpreadsheetExport
{
    public static void Write(ResponseTable table, Stream output, bool withCodebook)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheets = new List<(string Name, string Id)>();

        var keys = table.Definition.Items.Select(i => i.Key).Concat([ResponseTable.Lang, ResponseTable.Wave, ResponseTable.Site]).ToList();
        var columns = keys.Select(k => table[k]).ToArray();
        var header = table.Weights is null ? keys : [.. keys, ResponseTable.WeightColumn];
        sheets.Add(("responses", WriteSheet(workbook, header, Enumerable.Range(0, table.Count).Select(r =>
            columns.Select(c => c is NumberColumn n ? (object?)(double.IsNaN(n.Values[r]) ? null : n.Values[r]) : c.Text(r))
                .Concat(table.Weights is { } w ? [(object?)w[r]] : []).ToArray()))));
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
