namespace SurveyPlatform.Core.Definitions;

public sealed class ConditionSyntaxException(string message) : Exception(message);

/// <summary>
/// Parses <c>shown_when</c> expressions: <c>key = code</c>, <c>key != code</c>, <c>key in (a, b)</c>,
/// <c>key contains code</c>, combined with <c>not</c> (tightest), <c>and</c>, <c>or</c> and parentheses.
/// </summary>
public static class ConditionParser
{
    public static Condition Parse(string text)
    {
        var tokens = Tokenize(text);
        var position = 0;
        var condition = ParseOr(tokens, ref position, text);
        if (position < tokens.Count)
            throw new ConditionSyntaxException($"unexpected '{tokens[position].Text}' at position {tokens[position].Position + 1} in '{text}'");
        return condition;
    }

    private sealed record Token(string Text, int Position);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '(' or ')' or ',' or '=') { tokens.Add(new(c.ToString(), i)); i++; continue; }
            if (c == '!' && i + 1 < text.Length && text[i + 1] == '=') { tokens.Add(new("!=", i)); i += 2; continue; }
            if (char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-')) i++;
                tokens.Add(new(text[start..i], start));
                continue;
            }
            throw new ConditionSyntaxException($"unexpected character '{c}' at position {i + 1} in '{text}'");
        }
        if (tokens.Count == 0)
            throw new ConditionSyntaxException("empty condition");
        return tokens;
    }

    private static Condition ParseOr(List<Token> t, ref int p, string text)
    {
        var left = ParseAnd(t, ref p, text);
        while (p < t.Count && t[p].Text == "or") { p++; left = new OrCondition(left, ParseAnd(t, ref p, text)); }
        return left;
    }

    private static Condition ParseAnd(List<Token> t, ref int p, string text)
    {
        var left = ParseNot(t, ref p, text);
        while (p < t.Count && t[p].Text == "and") { p++; left = new AndCondition(left, ParseNot(t, ref p, text)); }
        return left;
    }

    private static Condition ParseNot(List<Token> t, ref int p, string text)
    {
        if (p < t.Count && t[p].Text == "not") { p++; return new NotCondition(ParseNot(t, ref p, text)); }
        if (p < t.Count && t[p].Text == "(")
        {
            p++;
            var inner = ParseOr(t, ref p, text);
            Expect(t, ref p, ")", text);
            return inner;
        }
        var key = Word(t, ref p, "an item key", text);
        var op = p < t.Count ? t[p].Text : "";
        p++;
        switch (op)
        {
            case "=": return new EqualsCondition(key, Word(t, ref p, "an answer code", text), false);
            case "!=": return new EqualsCondition(key, Word(t, ref p, "an answer code", text), true);
            case "contains": return new ContainsCondition(key, Word(t, ref p, "an answer code", text));
            case "in":
                Expect(t, ref p, "(", text);
                var codes = new List<string> { Word(t, ref p, "an answer code", text) };
                while (p < t.Count && t[p].Text == ",") { p++; codes.Add(Word(t, ref p, "an answer code", text)); }
                Expect(t, ref p, ")", text);
                return new InCondition(key, codes);
            default:
                throw new ConditionSyntaxException($"expected '=', '!=', 'in' or 'contains' after '{key}' in '{text}'");
        }
    }

    private static readonly HashSet<string> Reserved = ["and", "or", "not", "in", "contains", "(", ")", ",", "=", "!="];

    private static string Word(List<Token> t, ref int p, string what, string text)
    {
        if (p >= t.Count || Reserved.Contains(t[p].Text))
            throw new ConditionSyntaxException($"expected {what} {(p < t.Count ? $"at position {t[p].Position + 1}" : "at the end")} of '{text}'");
        return t[p++].Text;
    }

    private static void Expect(List<Token> t, ref int p, string token, string text)
    {
        if (p >= t.Count || t[p].Text != token)
            throw new ConditionSyntaxException($"expected '{token}' {(p < t.Count ? $"at position {t[p].Position + 1}" : "at the end")} of '{text}'");
        p++;
    }
}
