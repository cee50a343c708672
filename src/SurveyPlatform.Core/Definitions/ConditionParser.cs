namespace SurveyPlatform.Core.Definitions;

/// <summary>
/// A condition that cannot be parsed. <see cref="Position"/> is the 1-based character where parsing
/// stopped (the length + 1 when the text ended too early), <see cref="Expected"/> what would have fitted there.
/// </summary>
public sealed class ConditionSyntaxException(string message, int position, string expected) : Exception(message)
{
    public int Position { get; } = position;
    public string Expected { get; } = expected;
}

/// <summary>
/// Parses the condition language of <c>shown_when</c> and of indicators' <c>among</c>, <c>a</c>, <c>b</c>:
/// <c>key = code</c>, <c>key != code</c>, <c>key in (a, b)</c>, <c>key contains code</c>, combined with
/// <c>not</c> (binds tightest), <c>and</c>, then <c>or</c>, and parentheses. A recursive-descent parser:
/// one method per precedence level. Whether keys and codes exist is the loader's business, not the parser's.
/// </summary>
public static class ConditionParser
{
    public static Condition Parse(string text)
    {
        var cursor = new Cursor(text, ConditionTokenizer.Tokenize(text));
        if (cursor.AtEnd)
            throw cursor.Fail("a condition such as 'born_here = no'");
        var condition = ParseOr(cursor);
        if (!cursor.AtEnd)
            throw cursor.Fail(cursor.Peek == ")" ? "'and', 'or' or the end (this ')' closes nothing)" : "'and', 'or' or the end");
        return condition;
    }

    private static Condition ParseOr(Cursor c)
    {
        var left = ParseAnd(c);
        while (c.TryTake("or"))
            left = new OrCondition(left, ParseAnd(c));
        return left;
    }

    private static Condition ParseAnd(Cursor c)
    {
        var left = ParseNot(c);
        while (c.TryTake("and"))
            left = new AndCondition(left, ParseNot(c));
        return left;
    }

    private static Condition ParseNot(Cursor c)
    {
        if (c.TryTake("not"))
            return new NotCondition(ParseNot(c));
        if (c.TryTake("("))
        {
            var inner = ParseOr(c);
            c.Expect(")", "'and', 'or' or ')'");
            return inner;
        }
        return ParseComparison(c);
    }

    private static Condition ParseComparison(Cursor c)
    {
        var key = c.Word("an item key, 'not' or '('");
        if (c.TryTake("="))
            return new EqualsCondition(key, c.Word("an answer code after '='"), Negated: false);
        if (c.TryTake("!="))
            return new EqualsCondition(key, c.Word("an answer code after '!='"), Negated: true);
        if (c.TryTake("contains"))
            return new ContainsCondition(key, c.Word("an answer code after 'contains'"));
        if (c.TryTake("in"))
        {
            c.Expect("(", "'(' after 'in', as in 'key in (a, b)'");
            var codes = new List<string> { c.Word("an answer code") };
            while (c.TryTake(","))
                codes.Add(c.Word("an answer code after ','"));
            c.Expect(")", "',' or ')' to close the list of codes");
            return new InCondition(key, codes);
        }
        throw c.Fail($"'=', '!=', 'in' or 'contains' after '{key}'");
    }

    /// <summary>Reads tokens in order and builds error messages that say where and what was expected.</summary>
    private sealed class Cursor(string text, IReadOnlyList<ConditionToken> tokens)
    {
        private int _index;

        public bool AtEnd => _index >= tokens.Count;
        public string? Peek => AtEnd ? null : tokens[_index].Text;

        public bool TryTake(string token)
        {
            if (Peek != token)
                return false;
            _index++;
            return true;
        }

        public void Expect(string token, string expected)
        {
            if (!TryTake(token))
                throw Fail(expected);
        }

        public string Word(string expected)
        {
            if (AtEnd || !tokens[_index].IsWord)
                throw Fail(expected);
            return tokens[_index++].Text;
        }

        public ConditionSyntaxException Fail(string expected)
        {
            var position = AtEnd ? text.Length + 1 : tokens[_index].Position + 1;
            var found = AtEnd ? "the end" : $"'{tokens[_index].Text}'";
            return new ConditionSyntaxException($"expected {expected} at position {position} but found {found} in '{text}'", position, expected);
        }
    }
}

internal sealed record ConditionToken(string Text, int Position, bool IsWord);

/// <summary>Splits a condition into words (keys, codes, keywords) and symbols, remembering positions for messages.</summary>
internal static class ConditionTokenizer
{
    private static readonly HashSet<string> Keywords = ["and", "or", "not", "in", "contains"];

    public static IReadOnlyList<ConditionToken> Tokenize(string text)
    {
        var tokens = new List<ConditionToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',' or '=')
            {
                tokens.Add(new(c.ToString(), i, IsWord: false));
                i++;
            }
            else if (c == '!' && i + 1 < text.Length && text[i + 1] == '=')
            {
                tokens.Add(new("!=", i, IsWord: false));
                i += 2;
            }
            else if (IsWordChar(c))
            {
                var start = i;
                while (i < text.Length && IsWordChar(text[i]))
                    i++;
                var word = text[start..i];
                tokens.Add(new(word, start, IsWord: !Keywords.Contains(word)));
            }
            else
            {
                throw new ConditionSyntaxException(
                    $"unexpected character '{c}' at position {i + 1} in '{text}'; a condition uses item keys, codes, =, !=, in, contains, and, or, not, parentheses and commas",
                    i + 1, "a key, a code, an operator or a parenthesis");
            }
        }
        return tokens;
    }

    // Broader than the key and code syntax on purpose: a misspelt key gets the loader's
    // "unknown item (known: …)" message, which helps more than a syntax error would.
    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
