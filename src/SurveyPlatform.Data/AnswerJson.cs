using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Data;

/// <summary>
/// The one encoding of a response's answers in <c>Responses.AnswersJson</c>: a JSON object of item key → string (a code,
/// codes separated by one space, a whole number as text, free text), items in the definition's order so that the
/// stored text says nothing about the order of answering, escaped by System.Text.Json's default encoder. Written
/// from a respondent's answers (<see cref="Encode"/>) or from rows of a table (<see cref="TableWriter"/>, the
/// import's fast path, which gives the same bytes); read back into a table by <see cref="Reader"/>.
/// </summary>
public static class AnswerJson
{
    /// <summary>The answers in the definition's order; keys the definition does not know are left out.</summary>
    public static string Encode(SurveyDefinition definition, IReadOnlyDictionary<string, string> answers)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var item in definition.Items)
            {
                if (answers.TryGetValue(item.Key, out var value))
                    json.WriteString(item.Key, value);
            }

            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Rows of a table as <see cref="Encode"/> writes them, built from pieces encoded once: each key, each code of a
    /// choice item, each combination of a multiple-choice item; only numbers and free text are encoded row by row.
    /// </summary>
    public sealed class TableWriter
    {
        private readonly Part[] _parts;
        private readonly ArrayBufferWriter<byte> _buffer = new(1024);

        public TableWriter(ResponseTable table) =>
            _parts = table.Definition.Items.Select(i => new Part(table[i.Key], Quoted(JsonEncodedText.Encode(i.Key).EncodedUtf8Bytes, ":"u8))).ToArray();

        /// <summary>The row's JSON in UTF-8, valid until the next call.</summary>
        public ReadOnlySpan<byte> WriteUtf8(int row)
        {
            _buffer.ResetWrittenCount();
            _buffer.Write("{"u8);
            var first = true;
            foreach (var part in _parts)
            {
                if (part.Column.IsBlank(row)) continue;
                if (!first) _buffer.Write(","u8);
                first = false;
                _buffer.Write(part.Name);
                part.WriteValue(row, _buffer);
            }
            _buffer.Write("}"u8);
            return _buffer.WrittenSpan;
        }

        public string Write(int row) => Encoding.UTF8.GetString(WriteUtf8(row));

        private static byte[] Quoted(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> after) => [(byte)'"', .. encoded, (byte)'"', .. after];

        private static byte[] Value(string text) => Quoted(JsonEncodedText.Encode(text).EncodedUtf8Bytes, []);

        private sealed class Part(Column column, byte[] name)
        {
            private readonly byte[][]? _codes = column is CategoryColumn c ? c.Codes.Select(code => code is null ? [] : Value(code)).ToArray() : null;
            private readonly Dictionary<ulong, byte[]> _combinations = [];

            public Column Column { get; } = column;
            public byte[] Name { get; } = name;

            public void WriteValue(int row, ArrayBufferWriter<byte> buffer)
            {
                switch (Column)
                {
                    case CategoryColumn category:
                        buffer.Write(_codes![category.Values[row]]);
                        break;
                    case MultiColumn multi:
                        var mask = multi.Masks[row];
                        if (!_combinations.TryGetValue(mask, out var combination))
                            _combinations[mask] = combination = Value(multi.Text(row)!);
                        buffer.Write(combination);
                        break;
                    case NumberColumn number:
                        var span = buffer.GetSpan(40);
                        span[0] = (byte)'"';
                        number.Values[row].TryFormat(span[1..], out var written, provider: CultureInfo.InvariantCulture);
                        span[written + 1] = (byte)'"';
                        buffer.Advance(written + 2);
                        break;
                    default:
                        buffer.Write(Value(Column.Text(row)!));
                        break;
                }
            }
        }
    }

    /// <summary>
    /// Adds stored rows to a table builder, parsing the answers' JSON from UTF-8 without a string per key or value. A
    /// stored row without its own wave or site takes the run's.
    /// </summary>
    public sealed class Reader(ResponseTableBuilder builder, string? runWave, string? runSite)
    {
        private readonly int _lang = builder.SlotOf(ResponseTable.Lang), _wave = builder.SlotOf(ResponseTable.Wave), _site = builder.SlotOf(ResponseTable.Site);
        private char[] _chars = new char[4096];

        public ResponseTableBuilder Builder => builder;

        /// <summary>One stored row, as UTF-8 (an empty wave or site is none).</summary>
        public void Add(ReadOnlySpan<byte> answersJson, ReadOnlySpan<byte> lang, double? weight, ReadOnlySpan<byte> wave, ReadOnlySpan<byte> site)
        {
            var row = builder.NewRow();
            ReadAnswers(answersJson, row);
            if (!lang.IsEmpty) builder.Set(_lang, row, Chars(lang));
            if (!wave.IsEmpty) builder.Set(_wave, row, Chars(wave));
            else if (runWave is { Length: > 0 }) builder.Set(_wave, row, runWave);
            if (!site.IsEmpty) builder.Set(_site, row, Chars(site));
            else if (runSite is { Length: > 0 }) builder.Set(_site, row, runSite);
            if (weight is { } w) builder.SetWeight(row, w);
        }

        private void ReadAnswers(ReadOnlySpan<byte> json, int row)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            var slot = -1;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    // Answers are stored in questionnaire order: the next key is most often the next slot's.
                    var next = slot + 1;
                    slot = next < builder.SlotCount && !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual(builder.KeyUtf8(next))
                        ? next : builder.SlotOf(Text(ref reader));
                    continue;
                }
                // A stored answer was checked when it was accepted; one the current definition no longer knows is left out.
                if (slot < 0) continue;
                if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && builder.TrySetCode(slot, row, reader.ValueSpan))
                    continue;
                var value = reader.TokenType switch
                {
                    JsonTokenType.String => Text(ref reader),
                    JsonTokenType.Number => reader.GetDouble().ToString(CultureInfo.InvariantCulture).AsSpan(),
                    _ => default,
                };
                if (!value.IsEmpty) builder.Set(slot, row, value);
            }
        }

        private ReadOnlySpan<char> Chars(ReadOnlySpan<byte> utf8)
        {
            if (_chars.Length < utf8.Length) _chars = new char[utf8.Length * 2];
            return _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
        }

        private ReadOnlySpan<char> Text(ref Utf8JsonReader reader)
        {
            var needed = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
            if (_chars.Length < needed) _chars = new char[needed * 2];
            var written = reader.CopyString(_chars);
            return _chars.AsSpan(0, written);
        }
    }
}
