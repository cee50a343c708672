using SkiaSharp;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports;

/// <summary>The text styles and colours of every report, in one place.</summary>
internal static class Typography
{
    public static readonly SKColor Ink = SKColor.Parse("#1F2933");
    public static readonly SKColor Muted = SKColor.Parse("#52606D");
    public static readonly SKColor Accent = SKColor.Parse("#1D4E89");
    public static readonly SKColor AccentLight = SKColor.Parse("#E8EEF6");
    public static readonly SKColor Rule = SKColor.Parse("#CBD2D9");
    public static readonly SKColor Stripe = SKColor.Parse("#F5F7FA");
    public static readonly SKColor Anchor = SKColor.Parse("#B4540A");
    public static readonly SKColor Warning = SKColor.Parse("#B42318");
    public static readonly SKColor WarningLight = SKColor.Parse("#FDECEA");
    public static readonly SKColor White = SKColors.White;

    public static readonly TextStyle Title = new(19, Accent, FontWeight.Bold, 1.2f);
    public static readonly TextStyle Subtitle = new(11, Muted, LineHeight: 1.3f);
    public static readonly TextStyle Heading = new(13, Accent, FontWeight.Bold, 1.3f);
    public static readonly TextStyle Subheading = new(10.5f, Ink, FontWeight.Bold, 1.3f);
    public static readonly TextStyle Body = new(9.5f, Ink, LineHeight: 1.4f);
    public static readonly TextStyle BodyBold = Body.Bold();
    public static readonly TextStyle Small = new(8, Muted, LineHeight: 1.35f);
    public static readonly TextStyle Footnote = new(7.5f, Muted, LineHeight: 1.3f);
    public static readonly TextStyle BigNumber = new(24, Accent, FontWeight.Bold, 1.15f);
    public static readonly TextStyle CardLabel = new(9, Ink, FontWeight.Bold, 1.3f);
    public static readonly TextStyle TableHeader = new(7.8f, Ink, FontWeight.Bold, 1.3f);
    public static readonly TextStyle TableCell = new(7.8f, Ink, LineHeight: 1.3f);
    public static readonly TextStyle Banner = new(9, Warning, FontWeight.Bold, 1.35f);
    public static readonly TextStyle PageDecoration = new(7.5f, Muted, LineHeight: 1.2f);
    public static readonly TextStyle ChartLabel = new(8, Ink, LineHeight: 1.2f);
    public static readonly TextStyle ChartTick = new(7, Muted, LineHeight: 1.2f);

    public static readonly Layout.TableStyle Table = new(AccentLight, Rule, Stripe);
}
