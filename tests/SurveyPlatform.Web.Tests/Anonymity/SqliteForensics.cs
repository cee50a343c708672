using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace SurveyPlatform.Web.Tests.Anonymity;

/// <summary>
/// What an attacker reads in a copy of SQLite's files without SQLite: the pages of the database file (with the newest
/// copy of each page from the write-ahead log laid over it, as SQLite would read them), every frame of the log in the
/// order it was written, and, on each b-tree page, where each cell sits. Cells are recognised by the ids they hold
/// (a response's id is the first column of its row and of its index entries).
/// </summary>
internal static partial class SqliteForensics
{
    public static int PageSize(byte[] database)
    {
        var size = BinaryPrimitives.ReadUInt16BigEndian(database.AsSpan(16));
        return size == 1 ? 65536 : size;
    }

    /// <summary>The database as of the copy: the file's pages, each replaced by its last frame in the log.</summary>
    public static Dictionary<int, byte[]> CurrentPages(byte[] database, byte[] wal)
    {
        var size = PageSize(database);
        var pages = new Dictionary<int, byte[]>();
        for (var n = 0; (n + 1) * size <= database.Length; n++)
            pages[n + 1] = database.AsSpan(n * size, size).ToArray();
        foreach (var frame in WalFrames(wal))
            pages[frame.Page] = frame.Data;
        return pages;
    }

    /// <summary>
    /// Every frame of the log, committed or not, current or left over from before a reset, in the order they were written:
    /// a checkpoint makes the next writer start again at the top of the file with salt-1 one higher, so frames sort by
    /// (salt-1, position).
    /// </summary>
    public static IEnumerable<(int Index, int Page, bool Commit, byte[] Data)> WalFrames(byte[] wal)
    {
        if (wal.Length < 32)
            return [];
        var size = (int)BinaryPrimitives.ReadUInt32BigEndian(wal.AsSpan(8));
        var frames = new List<(uint Salt, int Position, int Page, bool Commit, byte[] Data)>();
        for (var at = 32; at + 24 + size <= wal.Length; at += 24 + size)
        {
            var page = (int)BinaryPrimitives.ReadUInt32BigEndian(wal.AsSpan(at));
            var commit = BinaryPrimitives.ReadUInt32BigEndian(wal.AsSpan(at + 4)) != 0;
            var salt = BinaryPrimitives.ReadUInt32BigEndian(wal.AsSpan(at + 8));
            if (page > 0)
                frames.Add((salt, frames.Count, page, commit, wal.AsSpan(at + 24, size).ToArray()));
        }
        return frames.OrderBy(f => f.Salt).ThenBy(f => f.Position).Select((f, i) => (i, f.Page, f.Commit, f.Data));
    }

    /// <summary>The cells of a b-tree page that hold one of <paramref name="ids"/>, with their offsets in the page.</summary>
    public static IEnumerable<(int Offset, string Id)> CellsWithIds(byte[] page, int number, IReadOnlySet<string> ids)
    {
        var header = number == 1 ? 100 : 0;
        var type = page[header];
        if (type is not (2 or 5 or 10 or 13))
            yield break;
        var cells = BinaryPrimitives.ReadUInt16BigEndian(page.AsSpan(header + 3));
        var pointers = header + (type is 2 or 5 ? 12 : 8);
        for (var i = 0; i < cells && pointers + 2 * i + 2 <= page.Length; i++)
        {
            int offset = BinaryPrimitives.ReadUInt16BigEndian(page.AsSpan(pointers + 2 * i));
            if (offset <= 0 || offset >= page.Length)
                continue;
            var text = Encoding.Latin1.GetString(page, offset, Math.Min(160, page.Length - offset));
            foreach (Match match in Guid().Matches(text))
            {
                if (ids.Contains(match.Value))
                    yield return (offset, match.Value);
            }
        }
    }

    /// <summary>
    /// The attack on cell positions: within each page, a cell lower in the page was placed later. Each id gets its rank among
    /// the page's recognised cells (0 = highest offset = oldest, 1 = lowest), averaged over the pages that hold it.
    /// </summary>
    public static Dictionary<string, double> OrderByCellOffsets(IEnumerable<KeyValuePair<int, byte[]>> pages, IReadOnlySet<string> ids)
    {
        var scores = new Dictionary<string, List<double>>();
        foreach (var (number, page) in pages)
        {
            var cells = CellsWithIds(page, number, ids).DistinctBy(c => c.Id).OrderByDescending(c => c.Offset).ToList();
            if (cells.Count < 2)
                continue;
            for (var rank = 0; rank < cells.Count; rank++)
            {
                if (!scores.TryGetValue(cells[rank].Id, out var list))
                    scores[cells[rank].Id] = list = [];
                list.Add(rank / (double)(cells.Count - 1));
            }
        }
        return scores.ToDictionary(s => s.Key, s => s.Value.Average());
    }

    /// <summary>
    /// The same attack on rows recognised by bytes of their own (a receipt's hash): within each page, the row whose bytes sit
    /// lower was placed later.
    /// </summary>
    public static Dictionary<string, double> OrderByPositionInPage(IEnumerable<KeyValuePair<int, byte[]>> pages, IReadOnlyDictionary<string, byte[]> rows)
    {
        var scores = new Dictionary<string, List<double>>();
        foreach (var (_, page) in pages)
        {
            var found = rows.Select(r => (r.Key, At: page.AsSpan().IndexOf(r.Value))).Where(f => f.At > 0).OrderByDescending(f => f.At).ToList();
            if (found.Count < 2)
                continue;
            for (var rank = 0; rank < found.Count; rank++)
            {
                if (!scores.TryGetValue(found[rank].Key, out var list))
                    scores[found[rank].Key] = list = [];
                list.Add(rank / (double)(found.Count - 1));
            }
        }
        return scores.ToDictionary(s => s.Key, s => s.Value.Average());
    }

    /// <summary>The attack on the log: a row first appears in the frame of the commit that wrote it.</summary>
    public static Dictionary<string, double> OrderByFirstFrame(byte[] wal, IReadOnlySet<string> ids)
    {
        var first = new Dictionary<string, double>();
        foreach (var frame in WalFrames(wal))
        {
            foreach (var (_, id) in CellsWithIds(frame.Data, frame.Page, ids))
                first.TryAdd(id, frame.Index);
        }

        return first;
    }

    /// <summary>Spearman's rank correlation of the attacker's scores with the true order; ids the attack could not place share the middle.</summary>
    public static double Spearman(IReadOnlyList<string> trueOrder, IReadOnlyDictionary<string, double> scores)
    {
        if (scores.Count == 0)
            return 0;
        var middle = scores.Values.Average();
        var guessed = trueOrder.Select(id => scores.TryGetValue(id, out var s) ? s : middle).ToArray();
        var truth = Enumerable.Range(0, trueOrder.Count).Select(i => (double)i).ToArray();
        return Pearson(Ranks(truth), Ranks(guessed));
    }

    private static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]]) j++;
            for (var k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0;
            i = j + 1;
        }
        return ranks;
    }

    private static double Pearson(double[] a, double[] b)
    {
        var (ma, mb) = (a.Average(), b.Average());
        double cov = 0, va = 0, vb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return va == 0 || vb == 0 ? 0 : cov / Math.Sqrt(va * vb);
    }

    [GeneratedRegex("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")]
    private static partial Regex Guid();
}
