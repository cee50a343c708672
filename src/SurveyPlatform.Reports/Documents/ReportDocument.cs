using SurveyPlatform.Reports.Components;
using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Documents;

/// <summary>A report composed from components: its content flow, and the title, running header and footer every kind shares.</summary>
internal abstract class ReportDocument(ReportContext context, string kindKey)
{
    protected ReportContext Context { get; } = context;
    protected string Kind => Context.S(kindKey);

    public string Title => $"{Context.SurveyTitle}: {Kind}";
    public PageDecoration Header => PageDecorations.Header(Context, Kind);
    public PageDecoration Footer => PageDecorations.Footer(Context);

    public abstract Block Compose();
}
