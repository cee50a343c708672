using SurveyPlatform.Reports.Components;
using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Documents;

/// <summary>A report composed from components: its content flow, and the title, running header, footer and footnotes every kind shares.</summary>
internal abstract class ReportDocument(ReportContext context, string kindKey)
{
    protected ReportContext Context { get; } = context;
    protected string Kind => Context.S(kindKey);

    public virtual string Title => $"{Context.SurveyTitle}: {Kind}";
    public virtual PageDecoration Header => PageDecorations.Header(Context, Kind);
    public virtual PageDecoration Footer => PageDecorations.Footer(Context);
    public FootnoteArea Footnotes => Context.Notes.Area;

    public abstract Block Compose();
}
