using System.Globalization;
using System.Security.Cryptography;
using CsvHelper;
using CsvHelper.Configuration;
using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Responses;

/// <summary>One problem in a response file: where (line of the file, header = line 1; column) and what is allowed.</summary>
public sealed record CsvError(string File, long Line, string? Column, string Message)
{
    public override string ToString() =>
        Line == 0 ? $"{File}: {Message}"
        : Column is null ? $"{File}, line {Line}: {Message}"
        : $"{File}, line {Line}, column {Column}: {Message}";
}

public sealed class ResponseFileException(IReadOnlyList<CsvError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<CsvError> Errors { get; } = errors;
}

public sealed record CsvReadOptions
{
    /// <summary>Codes of the <c>area</c> item for this run (default: the survey's own options).</summary>
    public IReadOnlyList<string>? AreaCodes { get; init; }
    /// <summary>Skip columns that are neither items nor meta columns instead of refusing the file.</summary>
    public bool IgnoreUnknownColumns { get; init; }
    /// <summary>Stop collecting after this many problems.</summary>
    public int MaxErrors { get; init; } = 20;
    /// <summary>The run's own wave label: a row may leave its wave blank or give this one, never another.</summary>
    public string? Wave { get; init; }
    /// <summary>The run's own site label: a row may leave its site blank or give this one, never another.</summary>
    public string? Site { get; init; }
}

/// <summary>A response file read into memory, with the SHA-256 of its bytes (printed on reports for reproducibility).</summary>
public sealed record ResponseFile(ResponseTable Table, string Sha256, IReadOnlyList<string> Columns);

/// <summary>
/// The response CSV format of instrument.md: UTF-8, header row of item keys plus optional <c>lang</c>,
/// <c>weight</c>, <c>wave</c>, <c>site</c> (and <c>synthetic</c> on generated files), one row per response;
/// multiple choice as space-separated codes; blank = not shown or skipped. Reading is all or nothing: any bad
/// cell and the whole file is refused, with every problem named by line and column.
/// </summary>
public static class ResponseCsv
{
    public const string SyntheticColumn = "synthetic";

    public static ResponseFile ReadFile(string path, SurveyDefinition definition, CsvReadOptions? options = null)
    {
        if (!File.Exists(path))
            throw new ResponseFileException([new CsvError(path, 0, null, "file not found")]);
        using var stream = File.OpenRead(path);
        return Read(stream, Path.GetFileName(path), definition, options);
    }

    public static ResponseFile Read(Stream stream, string fileName, SurveyDefinition definition, CsvReadOptions? options = null)
    {
        options ??= new CsvReadOptions();
        var hashing = new HashingStream(stream);
        using var reader = new StreamReader(hashing, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var errors = new List<CsvError>();
        void Fail(long line, string? column, string message)
        {
            if (errors.Count < options.MaxErrors) errors.Add(new CsvError(fileName, line, column, message));
        }

        var builder = new ResponseTableBuilder(definition, options.AreaCodes, capacity: 4096);
        string[] header;
        string sha256;
        try
        {
            // Sylvan reads fields as spans of one reused buffer: a million rows without a string per cell.
            using var csv = Sylvan.Data.Csv.CsvDataReader.Create(reader, new Sylvan.Data.Csv.CsvDataReaderOptions
            {
                HasHeaders = true,
                Delimiter = ',',
                Quote = '"',
                Escape = '"',
                MaxBufferSize = 1 << 24,
                OwnsReader = false,
            });
            header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).ToArray();
            if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
            {
                throw new ResponseFileException([new CsvError(fileName, 0, null,
                    "the file is empty; expected a header row of item keys (see the survey's codebook) and one row per response")]);
            }

            var plan = PlanColumns(header, builder, definition, options, (column, message) => Fail(1, column, message));
            if (errors.Count > 0) throw new ResponseFileException(errors);

            long line = 1;
            while (csv.Read())
            {
                line++;
                if (csv.RowFieldCount == 1 && csv.GetFieldSpan(0).IsEmpty) continue; // blank line
                if (csv.RowFieldCount != header.Length)
                {
                    Fail(line, null, $"has {csv.RowFieldCount} fields; the header has {header.Length}");
                    if (errors.Count >= options.MaxErrors) break;
                    continue;
                }
                var row = builder.NewRow();
                for (var c = 0; c < plan.Length; c++)
                {
                    if (plan[c].Kind == ColumnKind.Ignored) continue;
                    var value = CsvCells.Restore(csv.GetFieldSpan(c).Trim());
                    if (value.IsEmpty) continue;
                    var problem = plan[c].Kind switch
                    {
                        ColumnKind.Slot => builder.Set(plan[c].Slot, row, value),
                        ColumnKind.Weight => builder.SetWeight(row, value.ToString()),
                        ColumnKind.Lang => CheckLanguage(value) ?? builder.Set(plan[c].Slot, row, value),
                        ColumnKind.RunLabel => CheckRunLabel(header[c], value, header[c] == ResponseTable.Wave ? options.Wave! : options.Site!)
                            ?? builder.Set(plan[c].Slot, row, value),
                        ColumnKind.Synthetic => MarkSynthetic(builder, value.ToString()),
                        _ => null,
                    };
                    if (problem is not null) Fail(line, header[c], problem);
                }
                if (errors.Count >= options.MaxErrors) break;
            }
            sha256 = hashing.HashHex();
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new ResponseFileException([new CsvError(fileName, 0, null, "the file is not valid UTF-8; save it as \"CSV UTF-8\"")]);
        }
        catch (Sylvan.Data.Csv.CsvMissingHeadersException)
        {
            throw new ResponseFileException([new CsvError(fileName, 0, null,
                "the file is empty; expected a header row of item keys (see the survey's codebook) and one row per response")]);
        }
        catch (Sylvan.Data.Csv.CsvRecordTooLargeException)
        {
            throw new ResponseFileException([new CsvError(fileName, 0, null, "a row is larger than 16 million characters; is this a response file?")]);
        }
        if (errors.Count == 0 && builder.Count == 0)
            Fail(0, null, "the file has a header but no responses");
        if (errors.Count > 0) throw new ResponseFileException(errors);

        var table = builder.Build();
        foreach (var problem in SkipViolations(table).Take(options.MaxErrors))
            Fail(problem.Row + 2, problem.Key, problem.Message); // +2: header line, 1-based
        if (errors.Count > 0) throw new ResponseFileException(errors);
        return new ResponseFile(table, sha256, header);
    }

    private static string? CheckLanguage(ReadOnlySpan<char> value) =>
        Definitions.Loading.DefinitionPatterns.Language().IsMatch(value)
            ? null : $"'{ResponseTableBuilder.Shorten(value.ToString())}' is not a language code; allowed: BCP 47 codes such as en, es, zh-Hans";

    private static string? MarkSynthetic(ResponseTableBuilder builder, string value)
    {
        if (value is "1" or "true" or "yes") { builder.Synthetic = true; return null; }
        return value is "0" or "false" or "no" ? null : $"'{ResponseTableBuilder.Shorten(value)}' is not allowed; allowed: 1 or 0";
    }

    private static string? CheckRunLabel(string column, ReadOnlySpan<char> value, string own) =>
        value.SequenceEqual(own) ? null
        : $"'{ResponseTableBuilder.Shorten(value.ToString())}' is not this run's {column}; allowed: {own} or blank (a row of another {column} belongs to another run)";

    private enum ColumnKind { Slot, Weight, Lang, RunLabel, Synthetic, Ignored }
    private readonly record struct ColumnPlan(ColumnKind Kind, int Slot);

    private static ColumnPlan[] PlanColumns(string[] header, ResponseTableBuilder builder, SurveyDefinition definition,
        CsvReadOptions options, Action<string?, string> fail)
    {
        var plan = new ColumnPlan[header.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < header.Length; c++)
        {
            var name = header[c];
            if (!seen.Add(name)) fail(name, $"the column '{name}' appears twice");
            if (name == ResponseTable.WeightColumn)
            {
                plan[c] = new ColumnPlan(ColumnKind.Weight, -1);
            }
            else if (name == SyntheticColumn)
            {
                plan[c] = new ColumnPlan(ColumnKind.Synthetic, -1);
            }
            else if (builder.SlotOf(name) is var slot and >= 0)
            {
                plan[c] = new ColumnPlan(name switch
                {
                    ResponseTable.Lang => ColumnKind.Lang,
                    ResponseTable.Wave when options.Wave is { Length: > 0 } => ColumnKind.RunLabel,
                    ResponseTable.Site when options.Site is { Length: > 0 } => ColumnKind.RunLabel,
                    _ => ColumnKind.Slot,
                }, slot);
            }
            else if (options.IgnoreUnknownColumns)
            {
                plan[c] = new ColumnPlan(ColumnKind.Ignored, -1);
            }
            else
            {
                fail(name, $"unknown column '{ResponseTableBuilder.Shorten(name)}'; allowed: the item keys of survey '{definition.Id}' " +
                    $"({string.Join(", ", definition.Items.Select(i => i.Key))}) and lang, weight, wave, site");
            }
        }
        return plan;
    }

    /// <summary>Rows that answer a question their own answers would not have shown (the denominator rule needs "shown").</summary>
    public static IEnumerable<(int Row, string Key, string Message)> SkipViolations(ResponseTable table)
    {
        foreach (var item in table.Definition.Items)
        {
            if (item.ShownWhen is null) continue;
            var column = table[item.Key];
            var shown = RowPredicate.Mask(item.ShownWhen, table);
            for (var r = 0; r < table.Count; r++)
            {
                if (!shown[r] && !column.IsBlank(r))
                    yield return (r, item.Key, $"answered although the question is not shown to this respondent (shown when {item.ShownWhenSource}); leave it blank");
            }
        }
    }

    /// <summary>An exported column: its header and each row's value (a string, a number, or null for blank).</summary>
    public sealed record ExportColumn(string Name, Func<int, object?> Value);

    /// <summary>
    /// The columns of every export of responses (this CSV, the spreadsheet), in this order: the items in questionnaire order,
    /// then lang, wave, site, weight (when any row has one) and synthetic (when the rows were generated). Nothing else: every
    /// column of an export is one that import reads.
    /// </summary>
    public static IReadOnlyList<ExportColumn> Columns(ResponseTable table, bool includeText = true)
    {
        var columns = table.Definition.Items.Where(i => includeText || i.Type != ItemType.Text).Select(i => i.Key)
            .Concat([ResponseTable.Lang, ResponseTable.Wave, ResponseTable.Site])
            .Select(key => table[key] switch
            {
                NumberColumn number => new ExportColumn(key, r => double.IsNaN(number.Values[r]) ? null : number.Values[r]),
                var column => new ExportColumn(key, r => column.Text(r)),
            }).ToList();
        if (table.Weights is { } weights)
            columns.Add(new ExportColumn(ResponseTable.WeightColumn, r => weights[r]));
        if (table.Synthetic)
            columns.Add(new ExportColumn(SyntheticColumn, _ => "1"));
        return columns;
    }

    /// <summary>
    /// Writes the table in the same format (<see cref="Columns"/>), safe to open in a spreadsheet (<see cref="CsvCells"/>) and
    /// read back by <see cref="Read"/> unchanged.
    /// </summary>
    public static void Write(ResponseTable table, TextWriter writer, bool includeText = true)
    {
        var columns = Columns(table, includeText);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            NewLine = "\n",
            ShouldQuote = args => CsvCells.NeedsQuotes(args.Field),
        };
        using var csv = new CsvWriter(writer, configuration, leaveOpen: true);
        foreach (var column in columns) csv.WriteField(column.Name);
        csv.NextRecord();
        for (var r = 0; r < table.Count; r++)
        {
            foreach (var column in columns)
            {
                csv.WriteField(column.Value(r) switch
                {
                    null => "",
                    double number => number.ToString("R", CultureInfo.InvariantCulture),
                    var text => CsvCells.Neutralize((string)text),
                });
            }

            csv.NextRecord();
        }
    }

    /// <summary>Passes bytes through while hashing them.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        public string HashHex() => Convert.ToHexStringLower(_hash.GetHashAndReset());
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            _hash.AppendData(buffer, offset, n);
            return n;
        }
        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _hash.AppendData(buffer[..n]);
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }
    }
}
