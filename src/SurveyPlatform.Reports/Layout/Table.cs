using SkiaSharp;

namespace SurveyPlatform.Reports.Layout;

/// <summary>Colours and spacing of a table.</summary>
internal sealed record TableStyle(SKColor HeaderBackground, SKColor Rule, SKColor StripeBackground, float PaddingX = 4, float PaddingY = 2.5f);

/// <summary>
/// Rows under a header, split between pages by whole rows; the header is repeated at the top of every
/// page the table continues on, and never left alone at the bottom of a page. Columns have relative
/// widths; the first column is at the start edge (the right in Arabic). A continued table may carry a
/// caption above its repeated header (the table's name, "continued").
/// </summary>
internal sealed class Table : Block
{
    private readonly IReadOnlyList<float> _widths;
    private readonly IReadOnlyList<Block> _header;
    private readonly IReadOnlyList<IReadOnlyList<Block>> _rows;
    private readonly int _firstRow;
    private readonly bool _rtl;
    private readonly TableStyle _style;
    private readonly Dictionary<(int Row, float Width), Fragment[]> _measured;

    public Table(IReadOnlyList<float> widths, IReadOnlyList<Block> header, IReadOnlyList<IReadOnlyList<Block>> rows, bool rtl, TableStyle style)
        : this(widths, header, rows, 0, rtl, style, [])
    {
        if (header.Count != widths.Count || rows.Any(r => r.Count != widths.Count))
            throw new ArgumentException("Every table row needs one cell per column.");
    }

    private Table(IReadOnlyList<float> widths, IReadOnlyList<Block> header, IReadOnlyList<IReadOnlyList<Block>> rows, int firstRow,
        bool rtl, TableStyle style, Dictionary<(int, float), Fragment[]> measured)
    {
        _widths = widths;
        _header = header;
        _rows = rows;
        _firstRow = firstRow;
        _rtl = rtl;
        _style = style;
        _measured = measured;
    }

    public int RowCount => _rows.Count - _firstRow;

    /// <summary>Shown above the header on every page after the first.</summary>
    public Block? ContinuedCaption { get; init; }

    /// <summary>Rows (by index) never left last on a page, such as a heading row naming the groups below it.</summary>
    public IReadOnlySet<int> KeepRowsWithNext { get; init; } = new HashSet<int>();

    public override Placement Place(Space space)
    {
        var columns = ColumnWidths(space.Width);
        var header = Cells(-1, _header, columns);
        var fragment = new Fragment(space.Width, 0);
        float top = 0;
        if (_firstRow > 0 && ContinuedCaption is not null)
        {
            var caption = ContinuedCaption.Measure(space.Width);
            fragment.Add(caption, 0, 0);
            top = caption.Height + 2;
        }
        var headerHeight = top + RowHeight(header);
        var y = headerHeight;
        var fit = 0;
        for (var r = _firstRow; r < _rows.Count; r++)
        {
            y += RowHeight(Cells(r, _rows[r], columns));
            if (y > space.Height + 0.01f && !(space.PageTop && fit == 0)) break;
            fit++;
        }
        while (fit > 1 && _firstRow + fit < _rows.Count && KeepRowsWithNext.Contains(_firstRow + fit - 1)) fit--;
        if (fit == 0 && _firstRow < _rows.Count) return Placement.Nothing(this);
        var placedRows = fit;
        y = headerHeight;
        for (var r = _firstRow; r < _firstRow + fit; r++)
        {
            var cells = Cells(r, _rows[r], columns);
            var height = RowHeight(cells);
            if (r % 2 == 1)
                fragment.Add(new RectOp(new SKRect(0, y, space.Width, y + height), _style.StripeBackground));
            AddCells(fragment, cells, columns, y, height);
            fragment.Add(new LineOp(new SKPoint(0, y + height), new SKPoint(space.Width, y + height), _style.Rule, 0.4f));
            y += height;
        }
        fragment.Ops.Insert(0, new RectOp(new SKRect(0, top, space.Width, headerHeight), _style.HeaderBackground));
        AddCells(fragment, header, columns, top, headerHeight - top);
        fragment.Add(new LineOp(new SKPoint(0, headerHeight), new SKPoint(space.Width, headerHeight), _style.Rule, 0.8f));
        fragment.Height = y;
        var next = _firstRow + placedRows;
        var rest = next < _rows.Count ? new Table(_widths, _header, _rows, next, _rtl, _style, _measured) { ContinuedCaption = ContinuedCaption, KeepRowsWithNext = KeepRowsWithNext } : null;
        return new Placement(fragment, rest);
    }

    private float[] ColumnWidths(float width)
    {
        var total = _widths.Sum();
        return _widths.Select(w => width * w / total).ToArray();
    }

    private Fragment[] Cells(int row, IReadOnlyList<Block> cells, float[] columns)
    {
        var key = (row, columns.Sum());
        if (_measured.TryGetValue(key, out var done)) return done;
        var measured = cells.Select((c, i) => c.Measure(columns[i] - 2 * _style.PaddingX)).ToArray();
        _measured[key] = measured;
        return measured;
    }

    private float RowHeight(Fragment[] cells) => cells.Max(c => c.Height) + 2 * _style.PaddingY;

    private void AddCells(Fragment fragment, Fragment[] cells, float[] columns, float y, float height)
    {
        float x = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            var left = _rtl ? fragment.Width - x - columns[i] : x;
            fragment.Add(cells[i], left + _style.PaddingX, y + _style.PaddingY);
            x += columns[i];
        }
    }
}
