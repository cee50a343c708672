using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Components;

/// <summary>The published anchors, in a box of their own and clearly labelled as other studies.</summary>
internal sealed class OtherStudiesComponent(ReportContext context)
{
    public Block Compose() => new KeepTogether(new Box(new Stack(
    [
        context.Text(context.S("anchors_heading"), Typography.Subheading.WithColor(Typography.Anchor)),
        context.Text(context.S("anchors_note"), Typography.Small),
        context.Bullets([context.S("anchor_ncvs"), context.S("anchor_theodore")], Typography.Small.WithColor(Typography.Ink)),
    ], 3), 8, Typography.White, Typography.Anchor, 3));
}

/// <summary>What the numbers can and cannot say, in plain words.</summary>
internal sealed class LimitsComponent(ReportContext context)
{
    public Block Compose()
    {
        var who = context.S("limit_who");
        if (context.Report.Weighted) who += " " + context.S("limit_weighted");
        return new KeepTogether(new Stack(
        [
            context.Heading(context.S("limits_heading")),
            context.Bullets([who, context.S("limit_say_do"), context.S("limit_cause"), context.S("limit_chance"), context.S("limit_compare")]),
        ], 4));
    }
}
