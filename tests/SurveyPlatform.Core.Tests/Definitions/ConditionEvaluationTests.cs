using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Tests.Definitions;

public sealed class ConditionEvaluationTests
{
    private static bool Eval(string condition, params (string Key, string Value)[] answers) =>
        ConditionParser.Parse(condition).Evaluate(answers.ToDictionary(a => a.Key, a => a.Value));

    [Fact]
    public void Equality_holds_only_for_the_same_code()
    {
        Assert.True(Eval("born_here = no", ("born_here", "no")));
        Assert.False(Eval("born_here = no", ("born_here", "yes")));
    }

    [Fact]
    public void Unanswered_items_satisfy_no_comparison()
    {
        Assert.False(Eval("born_here = no"));
        Assert.False(Eval("home_language != en"));
        Assert.False(Eval("home_language != en", ("home_language", "")));
        Assert.False(Eval("reported in (yes_some, no)"));
        Assert.False(Eval("why_not contains other"));
    }

    [Fact]
    public void Not_of_an_unanswered_comparison_is_true() => Assert.True(Eval("not born_here = no"));

    [Fact]
    public void Inequality_holds_for_another_code() => Assert.True(Eval("home_language != en", ("home_language", "es")));

    [Fact]
    public void In_matches_any_listed_code()
    {
        Assert.True(Eval("reported in (yes_some, no)", ("reported", "no")));
        Assert.True(Eval("reported in (yes_some, no)", ("reported", "yes_some")));
        Assert.False(Eval("reported in (yes_some, no)", ("reported", "yes_all")));
    }

    [Fact]
    public void Contains_looks_for_a_whole_code_among_space_separated_codes()
    {
        Assert.True(Eval("why_not contains other", ("why_not", "not_serious other")));
        Assert.True(Eval("why_not contains other", ("why_not", "other")));
        Assert.False(Eval("why_not contains other", ("why_not", "other_thing")));
    }

    [Theory]
    [InlineData("yes", "yes", false)]
    [InlineData("yes", "no", true)]
    [InlineData("no", "no", true)]
    [InlineData("no", "yes", false)]
    public void And_or_not_combine_as_in_the_format_example(string victim, string reported, bool expected) =>
        Assert.Equal(expected, Eval("victim_12m = yes and not reported = yes or victim_12m = no and reported = no",
            ("victim_12m", victim), ("reported", reported)));

    [Fact]
    public void Precedence_changes_the_result_where_it_should()
    {
        // a or (b and c) versus (a or b) and c, with a true and c false.
        Assert.True(Eval("a = 1 or b = 1 and c = 1", ("a", "1")));
        Assert.False(Eval("(a = 1 or b = 1) and c = 1", ("a", "1")));
    }
}
