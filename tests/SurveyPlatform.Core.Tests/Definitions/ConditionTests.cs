using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Tests.Definitions;

public sealed class ConditionTests
{
    private static bool Eval(string condition, params (string Key, string Value)[] answers) =>
        ConditionParser.Parse(condition).Evaluate(answers.ToDictionary(a => a.Key, a => a.Value));

    [Fact]
    public void Equality_and_inequality_compare_codes_and_are_false_when_unanswered()
    {
        Assert.True(Eval("born_here = no", ("born_here", "no")));
        Assert.False(Eval("born_here = no", ("born_here", "yes")));
        Assert.False(Eval("born_here = no"));
        Assert.True(Eval("home_language != en", ("home_language", "es")));
        Assert.False(Eval("home_language != en"));
    }

    [Fact]
    public void In_matches_any_listed_code()
    {
        Assert.True(Eval("reported in (yes_some, no)", ("reported", "no")));
        Assert.False(Eval("reported in (yes_some, no)", ("reported", "yes_all")));
    }

    [Fact]
    public void Contains_looks_inside_multiple_choice_answers()
    {
        Assert.True(Eval("why_not contains other", ("why_not", "not_serious other")));
        Assert.False(Eval("why_not contains other", ("why_not", "other_thing")));
    }

    [Fact]
    public void Not_binds_tighter_than_and_which_binds_tighter_than_or()
    {
        // a or (b and (not c))
        var c = ConditionParser.Parse("a = 1 or b = 1 and not c = 1");
        var or = Assert.IsType<OrCondition>(c);
        var and = Assert.IsType<AndCondition>(or.Right);
        Assert.IsType<NotCondition>(and.Right);
        Assert.True(Eval("(a = 1 or b = 1) and not c = 1", ("b", "1")));
        Assert.False(Eval("(a = 1 or b = 1) and not c = 1", ("b", "1"), ("c", "1")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("born_here =")]
    [InlineData("born_here == no")]
    [InlineData("born_here in (yes")]
    [InlineData("born_here = no and")]
    [InlineData("(born_here = no")]
    [InlineData("born_here ~ no")]
    public void Malformed_conditions_are_refused(string text) =>
        Assert.Throws<ConditionSyntaxException>(() => ConditionParser.Parse(text));
}
