using System.Globalization;

namespace SurveyPlatform.Reports.Text;

internal enum BidiClass : byte { L, R, AL, EN, AN, ES, ET, CS, NSM, BN, WS, ON }

/// <summary>
/// The Unicode bidirectional algorithm (UAX #9) for report text: one paragraph level, no explicit
/// embeddings or isolates (report strings have none), rules W1–W7, N1–N2, I1–I2 and L2. Enough for
/// Arabic sentences with numbers, percentages, ranges and Latin names inside them, and for Arabic
/// inside an English table.
/// </summary>
internal static class Bidi
{
    public static BidiClass Classify(int c)
    {
        switch (c)
        {
            case >= '0' and <= '9': return BidiClass.EN;
            case '+' or '-' or 0x2212: return BidiClass.ES;
            case '#' or '$' or '%' or 0xB0 or 0xB1 or 0x066A or 0x2030 or (>= 0xA2 and <= 0xA5) or (>= 0x20A0 and <= 0x20CF): return BidiClass.ET;
            case ',' or '.' or '/' or ':' or 0xA0 or 0x060C or 0x2044 or 0x202F: return BidiClass.CS;
            case ' ' or '\t' or (>= 0x2000 and <= 0x200A) or 0x3000: return BidiClass.WS;
            case 0x200E: return BidiClass.L;
            case 0x200F: return BidiClass.R;
            case 0x061C: return BidiClass.AL;
            case 0x200B or 0x200C or 0x200D or 0xFEFF or 0xAD: return BidiClass.BN;
            case (>= 0x0660 and <= 0x0669) or 0x066B or 0x066C or (>= 0x0600 and <= 0x0605): return BidiClass.AN;
            case >= 0x06F0 and <= 0x06F9: return BidiClass.EN;
        }
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) return BidiClass.NSM;
        if (c is (>= 0x0590 and <= 0x05FF) or (>= 0x07C0 and <= 0x085F) or (>= 0xFB1D and <= 0xFB4F)) return BidiClass.R;
        if (c is (>= 0x0600 and <= 0x074F) or (>= 0x0750 and <= 0x077F) or (>= 0x08A0 and <= 0x08FF)
            or (>= 0xFB50 and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFE))
        {
            return BidiClass.AL;
        }

        return category switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.OtherNumber => BidiClass.L,
            UnicodeCategory.SpaceSeparator => BidiClass.WS,
            _ => BidiClass.ON,
        };
    }

    /// <summary>The resolved level of each UTF-16 unit (0 = left to right, odd = right to left).</summary>
    public static byte[] ResolveLevels(string text, bool rtl)
    {
        var n = text.Length;
        var types = new BidiClass[n];
        for (var i = 0; i < n; i++)
        {
            int c = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < n && char.IsLowSurrogate(text[i + 1]))
            {
                c = char.ConvertToUtf32(text[i], text[i + 1]);
                types[i] = Classify(c);
                types[i + 1] = BidiClass.BN;
                i++;
                continue;
            }
            types[i] = Classify(c);
        }
        var sos = rtl ? BidiClass.R : BidiClass.L;

        // W1: marks (and format characters) take the type of what they follow.
        var previous = sos;
        for (var i = 0; i < n; i++)
        {
            if (types[i] is BidiClass.NSM or BidiClass.BN) types[i] = previous;
            else previous = types[i];
        }
        // W2, W3: numbers after Arabic letters are Arabic numbers; AL becomes R.
        var lastStrong = sos;
        for (var i = 0; i < n; i++)
        {
            switch (types[i])
            {
                case BidiClass.L or BidiClass.R or BidiClass.AL: lastStrong = types[i]; break;
                case BidiClass.EN when lastStrong == BidiClass.AL: types[i] = BidiClass.AN; break;
            }
        }
        for (var i = 0; i < n; i++)
            if (types[i] == BidiClass.AL) types[i] = BidiClass.R;
        // W4: one separator between two numbers of a kind joins them.
        for (var i = 1; i + 1 < n; i++)
        {
            if (types[i] == BidiClass.ES && types[i - 1] == BidiClass.EN && types[i + 1] == BidiClass.EN) types[i] = BidiClass.EN;
            else if (types[i] == BidiClass.CS && types[i - 1] == types[i + 1] && types[i - 1] is BidiClass.EN or BidiClass.AN) types[i] = types[i - 1];
        }
        // W5: terminators (%, currency) next to European numbers are numbers.
        for (var i = 0; i < n; i++)
        {
            if (types[i] != BidiClass.ET) continue;
            var end = i;
            while (end < n && types[end] == BidiClass.ET) end++;
            var touches = (i > 0 && types[i - 1] == BidiClass.EN) || (end < n && types[end] == BidiClass.EN);
            if (touches) for (var k = i; k < end; k++) types[k] = BidiClass.EN;
            i = end - 1;
        }
        // W6: other separators and terminators are neutral.
        for (var i = 0; i < n; i++)
            if (types[i] is BidiClass.ES or BidiClass.ET or BidiClass.CS) types[i] = BidiClass.ON;
        // W7: European numbers in left-to-right context are left to right.
        lastStrong = sos;
        for (var i = 0; i < n; i++)
        {
            if (types[i] is BidiClass.L or BidiClass.R) lastStrong = types[i];
            else if (types[i] == BidiClass.EN && lastStrong == BidiClass.L) types[i] = BidiClass.L;
        }
        // N1, N2: neutrals between text of one direction take it (numbers count as right to left), else the paragraph's.
        static BidiClass Direction(BidiClass t) => t is BidiClass.EN or BidiClass.AN ? BidiClass.R : t;
        for (var i = 0; i < n; i++)
        {
            if (types[i] is not (BidiClass.WS or BidiClass.ON)) continue;
            var end = i;
            while (end < n && types[end] is BidiClass.WS or BidiClass.ON) end++;
            var before = i == 0 ? sos : Direction(types[i - 1]);
            var after = end == n ? sos : Direction(types[end]);
            var resolved = before == after ? before : sos;
            for (var k = i; k < end; k++) types[k] = resolved;
            i = end - 1;
        }
        // I1, I2.
        var levels = new byte[n];
        for (var i = 0; i < n; i++)
        {
            levels[i] = (rtl, types[i]) switch
            {
                (false, BidiClass.L) => 0,
                (false, BidiClass.R) => 1,
                (false, _) => 2,
                (true, BidiClass.R) => 1,
                _ => 2,
            };
        }
        return levels;
    }

    /// <summary>Rule L2: the visual order of runs given their levels in logical order.</summary>
    public static int[] VisualOrder(IReadOnlyList<byte> levels)
    {
        var order = Enumerable.Range(0, levels.Count).ToArray();
        if (levels.Count == 0) return order;
        var highest = levels.Max();
        var lowestOdd = levels.Where(l => l % 2 == 1).DefaultIfEmpty((byte)(highest + 1)).Min();
        for (int level = highest; level >= lowestOdd && level >= 1; level--)
        {
            for (var i = 0; i < order.Length; i++)
            {
                if (levels[order[i]] < level) continue;
                var end = i;
                while (end < order.Length && levels[order[end]] >= level) end++;
                Array.Reverse(order, i, end - i);
                i = end;
            }
        }
        return order;
    }
}
