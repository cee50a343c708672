using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Tests.Definitions;

public sealed class ConditionParserTests
{
    private static string Parsed(string text) => ConditionParser.Parse(text).ToString();

    [Theory]
    [InlineData("born_here = no", "born_here = no")]
    [InlineData("home_language != en", "home_language != en")]
    [InlineData("reported in (yes_some, no)", "reported in (yes_some, no)")]
    [InlineData("reported in(yes_some,no)", "reported in (yes_some, no)")]
    [InlineData("why_not contains immigration_fear", "why_not contains immigration_fear")]
    [InlineData("age_group = 18_24", "age_group = 18_24")]
    public void Each_comparison_parses_into_its_record(string text, string expected) => Assert.Equal(expected, Parsed(text));

    [Fact]
    public void Comparisons_keep_key_code_and_negation()
    {
        Assert.Equal(new EqualsCondition("born_here", "no", Negated: false), ConditionParser.Parse("born_here = no"));
        Assert.Equal(new EqualsCondition("home_language", "en", Negated: true), ConditionParser.Parse("home_language != en"));
        Assert.Equal(new ContainsCondition("why_not", "other"), ConditionParser.Parse("why_not contains other"));
        var @in = Assert.IsType<InCondition>(ConditionParser.Parse("reported in (yes_some, no)"));
        Assert.Equal(["yes_some", "no"], @in.Codes);
    }

    [Theory]
    [InlineData("a = 1 or b = 1 and c = 1", "(a = 1 or (b = 1 and c = 1))")]
    [InlineData("a = 1 and b = 1 or c = 1", "((a = 1 and b = 1) or c = 1)")]
    [InlineData("not a = 1 and b = 1", "(not a = 1 and b = 1)")]
    [InlineData("a = 1 or not b = 1", "(a = 1 or not b = 1)")]
    [InlineData("not not a = 1", "not not a = 1")]
    public void Not_binds_tighter_than_and_which_binds_tighter_than_or(string text, string expected) =>
        Assert.Equal(expected, Parsed(text));

    [Theory]
    [InlineData("(a = 1 or b = 1) and c = 1", "((a = 1 or b = 1) and c = 1)")]
    [InlineData("not (a = 1 and b = 1)", "not (a = 1 and b = 1)")]
    [InlineData("((a = 1))", "a = 1")]
    public void Parentheses_override_precedence(string text, string expected) => Assert.Equal(expected, Parsed(text));

    [Fact]
    public void And_and_or_group_from_the_left() => Assert.Equal("((a = 1 and b = 1) and c = 1)", Parsed("a = 1 and b = 1 and c = 1"));

    [Fact]
    public void Keys_lists_every_item_the_condition_reads() =>
        Assert.Equal(["a", "b", "c"], ConditionParser.Parse("a = 1 or (b in (x, y) and not c contains z)").Keys);

    [Theory]
    [InlineData("", 1, "a condition such as 'born_here = no'")]
    [InlineData("   ", 4, "a condition such as 'born_here = no'")]
    [InlineData("born_here =", 12, "an answer code after '='")]
    [InlineData("born_here == no", 12, "an answer code after '='")]
    [InlineData("born_here no", 11, "'=', '!=', 'in' or 'contains' after 'born_here'")]
    [InlineData("born_here = no and", 19, "an item key, 'not' or '('")]
    [InlineData("born_here = no and and x = 1", 20, "an item key, 'not' or '('")]
    [InlineData("= no", 1, "an item key, 'not' or '('")]
    [InlineData("born_here in yes", 14, "'(' after 'in', as in 'key in (a, b)'")]
    [InlineData("born_here in (yes", 18, "',' or ')' to close the list of codes")]
    [InlineData("born_here in (yes,)", 19, "an answer code after ','")]
    [InlineData("born_here in ()", 15, "an answer code")]
    [InlineData("(born_here = no", 16, "'and', 'or' or ')'")]
    [InlineData("born_here = no)", 15, "'and', 'or' or the end (this ')' closes nothing)")]
    [InlineData("born_here = no yes", 16, "'and', 'or' or the end")]
    [InlineData("born_here = and", 13, "an answer code after '='")]
    [InlineData("why contains", 13, "an answer code after 'contains'")]
    public void Syntax_errors_say_where_and_what_was_expected(string text, int position, string expected)
    {
        var e = Assert.Throws<ConditionSyntaxException>(() => ConditionParser.Parse(text));
        Assert.Equal(position, e.Position);
        Assert.Equal(expected, e.Expected);
        Assert.Contains($"expected {expected} at position {position}", e.Message);
        Assert.Contains($"'{text}'", e.Message);
    }

    [Fact]
    public void The_message_names_what_was_found_instead()
    {
        var e = Assert.Throws<ConditionSyntaxException>(() => ConditionParser.Parse("a = 1 and or b = 2"));
        Assert.Equal("expected an item key, 'not' or '(' at position 11 but found 'or' in 'a = 1 and or b = 2'", e.Message);
    }

    [Fact]
    public void A_character_outside_the_language_is_refused_with_its_position()
    {
        var e = Assert.Throws<ConditionSyntaxException>(() => ConditionParser.Parse("born_here ~ no"));
        Assert.Equal(11, e.Position);
        Assert.StartsWith("unexpected character '~' at position 11", e.Message);
    }

    [Fact]
    public void Keywords_are_case_sensitive_so_capitals_are_not_operators()
    {
        var e = Assert.Throws<ConditionSyntaxException>(() => ConditionParser.Parse("a = 1 AND b = 2"));
        Assert.Equal(7, e.Position);
    }
}

/// <summary>A hostile definition must not crash the server or the CLI (a stack overflow ends the process).</summary>
public sealed class ConditionDepthTests
{
    [Fact]
    public void A_hundred_thousand_nots_are_refused_with_a_clear_error()
    {
        var text = string.Concat(Enumerable.Repeat("not ", 100_000)) + "born_here = no";
        var error = Assert.Throws<ConditionSyntaxException>(() => ConditionParser.Parse(text));
        Assert.Contains($"nested too deeply at position {ConditionParser.MaxDepth * 4 + 1}", error.Message);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Theory]
    [InlineData("and")]
    [InlineData("or")]
    public void A_hundred_thousand_comparisons_in_a_chain_are_refused(string join)
    {
        var text = string.Join($" {join} ", Enumerable.Repeat("born_here = no", 100_000));
        var error = Assert.Throws<ConditionSyntaxException>(() => ConditionParser.Parse(text));
        Assert.Contains("nested too deeply", error.Message);
    }

    [Fact]
    public void Deep_parentheses_are_refused()
    {
        var text = new string('(', 100_000) + "born_here = no" + new string(')', 100_000);
        Assert.Contains("nested too deeply", Assert.Throws<ConditionSyntaxException>(() => ConditionParser.Parse(text)).Message);
    }

    [Fact]
    public void Conditions_up_to_the_limit_still_parse()
    {
        var text = string.Concat(Enumerable.Repeat("not ", ConditionParser.MaxDepth - 1)) + "born_here = no";
        Assert.IsType<NotCondition>(ConditionParser.Parse(text));
        Assert.IsType<AndCondition>(ConditionParser.Parse(string.Join(" and ", Enumerable.Repeat("born_here = no", ConditionParser.MaxDepth))));
    }

    [Fact]
    public void A_definition_with_a_deeply_nested_condition_reports_it_at_its_path()
    {
        var deep = string.Concat(Enumerable.Repeat("not ", 100_000)) + "born_here = no";
        var errors = LoadErrors.Of(TestDefinitions.Break("\"shown_when\": \"status = x\"", $"\"shown_when\": \"{deep}\""));
        Assert.Contains(errors, e => e.Message.Contains("nested too deeply", StringComparison.Ordinal));
    }

    [Fact]
    public void A_definition_nested_deeper_than_json_allows_is_refused_with_a_message()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);
        var error = Assert.Single(LoadErrors.Of(json));
        Assert.Contains("depth", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
