using SkiaSharp;

namespace SurveyPlatform.Reports.Text;

/// <summary>How a piece of text looks. <see cref="LineHeight"/> is a multiple of <see cref="Size"/>; <see cref="Rise"/> lifts footnote marks.</summary>
internal sealed record TextStyle(float Size, SKColor Color, FontWeight Weight = FontWeight.Regular, float LineHeight = 1.35f, float Rise = 0)
{
    public TextStyle Bold() => this with { Weight = FontWeight.Bold };
    public TextStyle WithColor(SKColor color) => this with { Color = color };
    public TextStyle WithSize(float size) => this with { Size = size };

    /// <summary>A footnote mark set small and raised after text of this style.</summary>
    public TextStyle Mark() => this with { Size = Size * 0.7f, Rise = Size * 0.35f };
}

/// <summary>A piece of a paragraph in one style; a footnote mark carries its <see cref="Note"/>.</summary>
internal sealed record Span(string Text, TextStyle Style)
{
    public Layout.Footnote? Note { get; init; }
}
