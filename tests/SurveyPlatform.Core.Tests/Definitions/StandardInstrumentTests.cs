using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Localization;

namespace SurveyPlatform.Core.Tests.Definitions;

/// <summary>The standard survey keeps the public contract of instrument.md: keys, types, conditions and codes.</summary>
public sealed class StandardInstrumentTests
{
    private static readonly string[] Agree = ["agree_strong", "agree_some", "disagree_some", "disagree_strong", "dont_know", "refuse"];
    private static readonly string[] Languages = ["en", "es", "zh-Hans", "vi", "ar", "ht"];

    internal static string SurveysFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "surveys");
            if (File.Exists(Path.Combine(candidate, "community-trust.survey.json")))
                return candidate;
        }
        throw new DirectoryNotFoundException("surveys/community-trust.survey.json not found above the test folder");
    }

    private static readonly SurveyDefinition Survey = DefinitionLoader.LoadFile(Path.Combine(SurveysFolder(), "community-trust.survey.json"));

    public static TheoryData<string, string, string?, string[]> Contract => new()
    {
        { "area", "single", null, ["area_1", "area_2", "area_3", "area_4"] },
        { "age_group", "single", null, ["18_24", "25_34", "35_44", "45_54", "55_64", "65_plus", "refuse"] },
        { "gender", "single", null, ["woman", "man", "another", "refuse"] },
        { "born_here", "single", null, ["yes", "no", "refuse"] },
        { "status_group", "single", "born_here = no", ["citizen", "permanent_resident", "other_documented", "undocumented", "refuse"] },
        { "household_concern", "single", null, ["yes", "no", "dont_know", "refuse"] },
        { "home_language", "single", null, ["en", "es", "zh", "vi", "ar", "ht", "other"] },
        { "chill_victim", "single", null, Agree },
        { "chill_info", "single", null, Agree },
        { "chill_witness", "single", null, Agree },
        { "chill_dv", "single", null, Agree },
        { "fear_contact", "single", null, Agree },
        { "less_safe", "single", null, Agree },
        { "stops_without_reason", "single", null, ["very_often", "somewhat_often", "not_too_often", "never", "dont_know", "refuse"] },
        { "victim_12m", "single", null, ["yes", "no", "refuse"] },
        { "reported", "single", "victim_12m = yes", ["yes_all", "yes_some", "no", "refuse"] },
        { "why_not", "multiple", "reported in (yes_some, no)", ["immigration_fear", "not_serious", "police_wont_help", "handled_privately", "fear_retaliation", "language_barrier", "other"] },
        { "trust_respect", "scale", null, [] },
        { "trust_listen", "scale", null, [] },
        { "safety", "scale", null, [] },
        { "police_share_belief", "single", null, ["yes", "no", "dont_know", "refuse"] },
        { "policy_uplift", "single", null, ["more_likely", "no_change", "less_likely", "dont_know", "refuse"] },
        { "comments", "text", null, [] },
    };

    [Theory]
    [MemberData(nameof(Contract))]
    public void Every_item_keeps_its_key_type_condition_and_codes(string key, string type, string? shownWhen, string[] codes)
    {
        var item = Survey.FindItem(key);
        Assert.NotNull(item);
        Assert.Equal(type, item.Type.ToString().ToLowerInvariant());
        Assert.Equal(shownWhen, item.ShownWhenSource);
        Assert.Equal(codes, item.Options.Select(o => o.Code));
        Assert.False(item.Required);
    }

    [Fact]
    public void Items_are_exactly_those_of_the_contract_with_their_ranges()
    {
        Assert.Equal(Contract.Select(row => row.Data.Item1).Order(), Survey.Items.Select(i => i.Key).Order());
        Assert.All(Survey.Items.Where(i => i.Type == ItemType.Scale), i => Assert.Equal((0, 10), (i.Min, i.Max)));
        Assert.Equal(2000, Survey.FindItem("comments")!.MaxLength);
        Assert.True(Survey.FindItem("area")!.OptionsFromRun);
    }

    [Fact]
    public void Looking_items_up_leaves_equality_alone_and_a_copy_with_other_pages_finds_its_own()
    {
        var copy = Survey with { };
        Assert.NotNull(Survey.FindItem("comments"));
        Assert.Equal(Survey, copy);
        var firstPageOnly = Survey with { Pages = [Survey.Pages[0]] };
        Assert.Equal(Survey.Pages[0].Items.Count, firstPageOnly.Items.Count);
        Assert.Null(firstPageOnly.FindItem("comments"));
    }

    [Fact]
    public void It_is_in_the_six_shipped_languages() => Assert.Equal(Languages, Survey.Languages);

    [Fact]
    public void Every_indicator_of_the_specification_is_declared()
    {
        Assert.Equal(
            ["victim_chill", "info_chill", "witness_chill", "dv_chill", "contact_fear", "less_safe", "stops_without_reason",
             "reporting_rate", "immigration_reason", "police_share_belief", "policy_uplift", "trust_score", "safety_score",
             "status_gap", "household_spillover", "language_gap",
             "reason_not_serious", "reason_police_wont_help", "reason_handled_privately", "reason_fear_retaliation", "reason_language_barrier", "reason_other"],
            Survey.Indicators.Select(i => i.Id));
        var reporting = Survey.Indicators.Single(i => i.Id == "reporting_rate");
        Assert.Equal("victim_12m = yes", reporting.AmongSource);
        Assert.Equal(["yes_all", "yes_some"], reporting.Positive);
    }

    [Fact]
    public void Platform_words_exist_in_every_shipped_language() => Assert.Empty(UiStrings.MissingTranslations(Languages));

    [Fact]
    public void Every_definition_in_the_surveys_folder_loads()
    {
        foreach (var file in Directory.GetFiles(SurveysFolder(), "*.survey.json"))
            DefinitionLoader.LoadFile(file);
    }
}
