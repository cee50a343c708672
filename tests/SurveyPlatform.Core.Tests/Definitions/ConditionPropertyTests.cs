using CsCheck;
using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Tests.Definitions;

/// <summary>Properties over random condition trees: printing and parsing agree, whatever the nesting.</summary>
public sealed class ConditionPropertyTests
{
    private static readonly Gen<string> Key = Gen.OneOfConst("born_here", "why_not", "a", "x_1");
    private static readonly Gen<string> Code = Gen.OneOfConst("yes", "no", "18_24", "other");

    private static readonly Gen<Condition> Comparison = Gen.OneOf(
        Gen.Select(Key, Code, Gen.Bool, (k, c, negated) => (Condition)new EqualsCondition(k, c, negated)),
        Gen.Select(Key, Code.Array[1, 3], (k, codes) => (Condition)new InCondition(k, codes)),
        Gen.Select(Key, Code, (k, c) => (Condition)new ContainsCondition(k, c)));

    private static Gen<Condition> Tree(int depth) => depth == 0
        ? Comparison
        : Gen.Frequency(
            (2, Comparison),
            (1, Gen.Select(Tree(depth - 1), Tree(depth - 1), (l, r) => (Condition)new AndCondition(l, r))),
            (1, Gen.Select(Tree(depth - 1), Tree(depth - 1), (l, r) => (Condition)new OrCondition(l, r))),
            (1, Tree(depth - 1).Select(c => (Condition)new NotCondition(c))));

    private static readonly Gen<Dictionary<string, string>> Answers =
        Gen.Select(Code, Code, Gen.Select(Code, Code, (c1, c2) => $"{c1} {c2}"), (a, b, multiple) =>
            new Dictionary<string, string> { ["born_here"] = a, ["a"] = b, ["why_not"] = multiple });

    [Fact]
    public void A_printed_condition_parses_back_to_the_same_tree() =>
        Tree(4).Sample(condition => Assert.Equal(condition.ToString(), ConditionParser.Parse(condition.ToString()).ToString()));

    [Fact]
    public void A_printed_condition_evaluates_like_the_original() =>
        Gen.Select(Tree(4), Answers).Sample((condition, answers) =>
            Assert.Equal(condition.Evaluate(answers), ConditionParser.Parse(condition.ToString()).Evaluate(answers)));

    [Fact]
    public void Not_is_the_opposite_of_its_condition() =>
        Gen.Select(Tree(3), Answers).Sample((condition, answers) =>
            Assert.NotEqual(condition.Evaluate(answers), new NotCondition(condition).Evaluate(answers)));
}
