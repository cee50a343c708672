using System.Buffers.Binary;

namespace SurveyPlatform.Reports.Text;

/// <summary>
/// The tables of a TrueType font and a subsetter that keeps glyph ids: the glyphs a document uses keep
/// their outlines, every other glyph becomes empty, and the tables a PDF viewer does not need (layout,
/// glyph names, signatures) are dropped. Skia embeds fonts whole, so without this each PDF would carry
/// megabytes of font data and spend most of its rendering time compressing it.
/// </summary>
internal sealed class TrueTypeFont
{
    private readonly byte[] _data;
    private readonly Dictionary<string, (int Offset, int Length)> _tables = new(StringComparer.Ordinal);
    private readonly int[] _loca;
    private readonly int[] _codeOfGlyph;

    public TrueTypeFont(byte[] data, string name)
    {
        _data = data;
        if (data.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(data) is not (0x00010000 or 0x74727565))
            throw new InvalidOperationException($"The report font {name} is not a TrueType font (.ttf with glyf outlines).");
        var count = U16(4);
        for (var i = 0; i < count; i++)
        {
            var entry = 12 + i * 16;
            var tag = System.Text.Encoding.ASCII.GetString(data, entry, 4);
            _tables[tag] = ((int)U32(entry + 8), (int)U32(entry + 12));
        }
        foreach (var required in new[] { "head", "hhea", "hmtx", "maxp", "loca", "glyf", "cmap" })
        {
            if (!_tables.ContainsKey(required))
                throw new InvalidOperationException($"The report font {name} lacks its '{required}' table; a TrueType font with glyf outlines is needed.");
        }

        GlyphCount = U16(Table("maxp").Offset + 4);
        var longLoca = U16(Table("head").Offset + 50) == 1;
        var loca = Table("loca").Offset;
        _loca = new int[GlyphCount + 1];
        for (var g = 0; g <= GlyphCount; g++)
            _loca[g] = longLoca ? (int)U32(loca + g * 4) : U16(loca + g * 2) * 2;
        _codeOfGlyph = ReadCmap();
    }

    public int GlyphCount { get; }

    /// <summary>The lowest character mapped to <paramref name="glyph"/>, or -1.</summary>
    public int CodeOf(int glyph) => glyph < _codeOfGlyph.Length ? _codeOfGlyph[glyph] : -1;

    /// <summary>A font with the same glyph ids in which only <paramref name="used"/> glyphs (and .notdef and composite parts) have outlines.</summary>
    public byte[] Subset(IEnumerable<ushort> used)
    {
        var keep = new bool[GlyphCount];
        keep[0] = true;
        var pending = new Stack<int>();
        foreach (var g in used)
            if (g < GlyphCount && !keep[g]) { keep[g] = true; pending.Push(g); }
        pending.Push(0);
        var glyf = Table("glyf").Offset;
        while (pending.Count > 0)
        {
            foreach (var part in Components(glyf, pending.Pop()))
                if (part < GlyphCount && !keep[part]) { keep[part] = true; pending.Push(part); }
        }

        // glyf, then loca: short offsets (half the size) when the kept outlines are small enough.
        var glyfOut = new MemoryStream();
        var offsets = new int[GlyphCount + 1];
        for (var g = 0; g < GlyphCount; g++)
        {
            offsets[g] = (int)glyfOut.Length;
            if (!keep[g]) continue;
            glyfOut.Write(_data, glyf + _loca[g], _loca[g + 1] - _loca[g]);
            while (glyfOut.Length % 4 != 0) glyfOut.WriteByte(0);
        }
        offsets[GlyphCount] = (int)glyfOut.Length;
        var shortLoca = glyfOut.Length < 0x20000;
        var locaOut = new byte[(GlyphCount + 1) * (shortLoca ? 2 : 4)];
        for (var g = 0; g <= GlyphCount; g++)
        {
            if (shortLoca) BinaryPrimitives.WriteUInt16BigEndian(locaOut.AsSpan(g * 2), (ushort)(offsets[g] / 2));
            else BinaryPrimitives.WriteUInt32BigEndian(locaOut.AsSpan(g * 4), (uint)offsets[g]);
        }

        var head = Copy("head");
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0);
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), (short)(shortLoca ? 0 : 1));

        // post version 3: no glyph names.
        var post = _tables.ContainsKey("post") ? Copy("post")[..32] : new byte[32];
        BinaryPrimitives.WriteUInt32BigEndian(post, 0x00030000);

        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["cmap"] = Cmap(keep),
            ["glyf"] = glyfOut.ToArray(),
            ["head"] = head,
            ["hhea"] = Copy("hhea"),
            ["hmtx"] = Metrics(keep),
            ["loca"] = locaOut,
            ["maxp"] = Copy("maxp"),
            ["post"] = post,
        };
        foreach (var optional in new[] { "OS/2", "name", "cvt ", "fpgm", "prep", "gasp" })
            if (_tables.ContainsKey(optional)) tables[optional] = Copy(optional);
        return Assemble(tables);
    }

    private (int Offset, int Length) Table(string tag) => _tables[tag];

    private byte[] Copy(string tag)
    {
        var (offset, length) = _tables[tag];
        return _data.AsSpan(offset, length).ToArray();
    }

    private int U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(at));
    private uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(at));

    /// <summary>Glyph ids a composite glyph is built from.</summary>
    private IEnumerable<int> Components(int glyf, int glyph)
    {
        if (_loca[glyph + 1] - _loca[glyph] < 10) yield break;
        var at = glyf + _loca[glyph];
        if ((short)U16(at) >= 0) yield break;
        at += 10;
        while (true)
        {
            var flags = U16(at);
            yield return U16(at + 2);
            at += 4 + ((flags & 0x0001) != 0 ? 4 : 2);
            if ((flags & 0x0008) != 0) at += 2;
            else if ((flags & 0x0040) != 0) at += 4;
            else if ((flags & 0x0080) != 0) at += 8;
            if ((flags & 0x0020) == 0) yield break;
        }
    }

    /// <summary>Horizontal metrics with unused glyphs zeroed (they compress to nothing); the last long metric is kept as later glyphs inherit its advance.</summary>
    private byte[] Metrics(bool[] keep)
    {
        var hmtx = Copy("hmtx");
        var longMetrics = U16(Table("hhea").Offset + 34);
        for (var g = 0; g < GlyphCount; g++)
        {
            if (keep[g]) continue;
            if (g < longMetrics - 1)
            {
                hmtx.AsSpan(g * 4, 4).Clear();
            }
            else if (g >= longMetrics)
            {
                var at = longMetrics * 4 + (g - longMetrics) * 2;
                if (at + 2 <= hmtx.Length) hmtx.AsSpan(at, 2).Clear();
            }
        }
        return hmtx;
    }

    /// <summary>A format 12 Unicode cmap of the kept glyphs only: what PDF text extraction maps glyphs back to.</summary>
    private byte[] Cmap(bool[] keep)
    {
        var pairs = new List<(int Code, int Glyph)>();
        for (var g = 1; g < GlyphCount; g++)
            if (keep[g] && _codeOfGlyph[g] >= 0) pairs.Add((_codeOfGlyph[g], g));
        pairs.Sort();
        var groups = new List<(int Start, int End, int Glyph)>();
        foreach (var (code, glyph) in pairs)
        {
            if (groups.Count > 0 && groups[^1].End == code - 1 && groups[^1].Glyph + (code - groups[^1].Start) == glyph)
                groups[^1] = (groups[^1].Start, code, groups[^1].Glyph);
            else
                groups.Add((code, code, glyph));
        }
        var subtableLength = 16 + groups.Count * 12;
        var cmap = new byte[12 + subtableLength];
        var s = cmap.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(s[4..], 3);
        BinaryPrimitives.WriteUInt16BigEndian(s[6..], 10);
        BinaryPrimitives.WriteUInt32BigEndian(s[8..], 12);
        BinaryPrimitives.WriteUInt16BigEndian(s[12..], 12);
        BinaryPrimitives.WriteUInt32BigEndian(s[16..], (uint)subtableLength);
        BinaryPrimitives.WriteUInt32BigEndian(s[24..], (uint)groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            var at = 28 + i * 12;
            BinaryPrimitives.WriteUInt32BigEndian(s[at..], (uint)groups[i].Start);
            BinaryPrimitives.WriteUInt32BigEndian(s[(at + 4)..], (uint)groups[i].End);
            BinaryPrimitives.WriteUInt32BigEndian(s[(at + 8)..], (uint)groups[i].Glyph);
        }
        return cmap;
    }

    /// <summary>For each glyph the lowest Unicode character mapped to it (base letters before presentation forms).</summary>
    private int[] ReadCmap()
    {
        var codeOf = new int[GlyphCount];
        Array.Fill(codeOf, -1);
        var (cmap, _) = Table("cmap");
        var count = U16(cmap + 2);
        int format4 = -1, format12 = -1;
        for (var i = 0; i < count; i++)
        {
            var record = cmap + 4 + i * 8;
            int platform = U16(record), encoding = U16(record + 2);
            var sub = cmap + (int)U32(record + 4);
            var unicode = platform == 0 || (platform == 3 && encoding is 1 or 10);
            if (!unicode) continue;
            switch (U16(sub))
            {
                case 4 when format4 < 0: format4 = sub; break;
                case 12 when format12 < 0: format12 = sub; break;
            }
        }
        void Map(int code, int glyph)
        {
            if (glyph > 0 && glyph < GlyphCount && (codeOf[glyph] < 0 || code < codeOf[glyph])) codeOf[glyph] = code;
        }
        if (format12 >= 0)
        {
            var groups = (int)U32(format12 + 12);
            for (var i = 0; i < groups; i++)
            {
                var at = format12 + 16 + i * 12;
                int start = (int)U32(at), end = (int)U32(at + 4), glyph = (int)U32(at + 8);
                for (var c = start; c <= end && c <= 0x10FFFF; c++) Map(c, glyph + c - start);
            }
        }
        else if (format4 >= 0)
        {
            var segments = U16(format4 + 6) / 2;
            var ends = format4 + 14;
            var starts = ends + segments * 2 + 2;
            var deltas = starts + segments * 2;
            var rangeOffsets = deltas + segments * 2;
            for (var i = 0; i < segments; i++)
            {
                int start = U16(starts + i * 2), end = U16(ends + i * 2);
                var delta = (short)U16(deltas + i * 2);
                var rangeOffset = U16(rangeOffsets + i * 2);
                for (var c = start; c <= end && c != 0xFFFF; c++)
                {
                    int glyph;
                    if (rangeOffset == 0)
                    {
                        glyph = (c + delta) & 0xFFFF;
                    }
                    else
                    {
                        var at = rangeOffsets + i * 2 + rangeOffset + (c - start) * 2;
                        glyph = U16(at);
                        if (glyph != 0) glyph = (glyph + delta) & 0xFFFF;
                    }
                    Map(c, glyph);
                }
            }
        }
        return codeOf;
    }

    private static byte[] Assemble(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var entrySelector = (int)Math.Floor(Math.Log2(count));
        var searchRange = (1 << entrySelector) * 16;
        var headerLength = 12 + count * 16;
        var total = headerLength + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var font = new byte[total];
        var s = font.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(s, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(s[4..], (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(s[6..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(s[8..], (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(s[10..], (ushort)(count * 16 - searchRange));
        var offset = headerLength;
        var headOffset = 0;
        var i = 0;
        foreach (var (tag, table) in tables)
        {
            var entry = 12 + i++ * 16;
            System.Text.Encoding.ASCII.GetBytes(tag, s[entry..]);
            table.CopyTo(s[offset..]);
            BinaryPrimitives.WriteUInt32BigEndian(s[(entry + 4)..], Checksum(s.Slice(offset, (table.Length + 3) & ~3)));
            BinaryPrimitives.WriteUInt32BigEndian(s[(entry + 8)..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(s[(entry + 12)..], (uint)table.Length);
            if (tag == "head") headOffset = offset;
            offset += (table.Length + 3) & ~3;
        }
        BinaryPrimitives.WriteUInt32BigEndian(s[(headOffset + 8)..], 0xB1B0AFBA - Checksum(s));
        return font;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 4 <= data.Length; i += 4) sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        return sum;
    }
}
