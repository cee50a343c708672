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
    /// <summary>
    /// The deepest condition accepted: levels of <c>not</c>, parentheses, <c>and</c> and <c>or</c>. Real conditions use a
    /// handful; the limit keeps a hostile definition (thousands of <c>not</c>) from exhausting the stack of the parser
    /// or of anything that walks the condition later (docs/security.md, ASVS 5.1.4).
    /// </summary>
    public const int MaxDepth = 64;

    public static Condition Parse(string text)
    {
        var cursor = new Cursor(text, ConditionTokenizer.Tokenize(text));
        if (cursor.AtEnd)
            throw cursor.Fail("a condition such as 'born_here = no'");
        var condition = ParseOr(cursor).Node;
        if (!cursor.AtEnd)
            throw cursor.Fail(cursor.Peek == ")" ? "'and', 'or' or the end (this ')' closes nothing)" : "'and', 'or' or the end");
        return condition;
    }

    private static (Condition Node, int Depth) ParseOr(Cursor c)
    {
        var left = ParseAnd(c);
        while (c.TryTake("or"))
        {
            var right = ParseAnd(c);
            left = (new OrCondition(left.Node, right.Node), c.Within(Math.Max(left.Depth, right.Depth) + 1));
        }
        return left;
    }

    private static (Condition Node, int Depth) ParseAnd(Cursor c)
    {
        var left = ParseNot(c);
        while (c.TryTake("and"))
        {
            var right = ParseNot(c);
            left = (new AndCondition(left.Node, right.Node), c.Within(Math.Max(left.Depth, right.Depth) + 1));
        }
        return left;
    }

    private static (Condition Node, int Depth) ParseNot(Cursor c)
    {
        if (c.Peek is "not" or "(")
        {
            // Counted before going deeper, so that the parser's own recursion stays within the limit too.
            c.Enter();
            (Condition Node, int Depth) result;
            if (c.TryTake("not"))
            {
                var inner = ParseNot(c);
                result = (new NotCondition(inner.Node), c.Within(inner.Depth + 1));
            }
            else
            {
                c.Expect("(", "'('");
                result = ParseOr(c);
                c.Expect(")", "'and', 'or' or ')'");
            }
            c.Leave();
            return result;
        }
        return (ParseComparison(c), 1);
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
        private int _nesting;

        public void Enter()
        {
            if (++_nesting > MaxDepth)
                throw TooDeep();
        }

        public void Leave() => _nesting--;

        /// <summary>Returns <paramref name="depth"/> when it is within <see cref="MaxDepth"/>.</summary>
        public int Within(int depth) => depth <= MaxDepth ? depth : throw TooDeep();

        private ConditionSyntaxException TooDeep()
        {
            var position = AtEnd ? text.Length + 1 : tokens[_index].Position + 1;
            return new ConditionSyntaxException(
                $"the condition is nested too deeply at position {position}: at most {MaxDepth} levels of 'not', 'and', 'or' and parentheses " +
                "are allowed; write it more simply", position, "a simpler condition");
        }

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
            var found = AtEnd ? "the end" : $"'{Shorten(tokens[_index].Text)}'";
            return new ConditionSyntaxException($"expected {expected} at position {position} but found {found} in '{Shorten(text)}'", position, expected);
        }

        /// <summary>A long condition is quoted by its start only, so that a message stays readable.</summary>
        private static string Shorten(string value) => value.Length <= 200 ? value : value[..200] + "…";
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
