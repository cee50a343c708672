using System.Globalization;
using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Responses;

public sealed record SyntheticOptions
{
    public int Count { get; init; } = 1000;
    public int Seed { get; init; } = 1;
    public IReadOnlyList<string> Sites { get; init; } = [];
    public IReadOnlyList<string> Waves { get; init; } = [];
    /// <summary>Codes of the <c>area</c> item (default: the survey's own options).</summary>
    public IReadOnlyList<string>? AreaCodes { get; init; }
}

/// <summary>
/// Plausible but invented responses for demos, tests and benchmarks. Each respondent follows the skip
/// logic; for the standard instrument the answers hang together (people born abroad, or living with someone
/// worried about their status, report more fear; the first site's fear rises in later waves, as after joining
/// an enforcement programme), so that every indicator, breakdown and comparison has something to show.
/// Any other survey gets uniform answers. The table is marked <see cref="ResponseTable.Synthetic"/>.
/// <para>
/// Proportions of the standard instrument (before the 3% of questions everyone skips): gender woman 52%, man 44%,
/// another 1.5%, prefer not to say 2.5%; age 18–24 12%, 25–34 22%, 35–44 22%, 45–54 18%, 55–64 14%, 65+ 9%,
/// prefer not to say 3%; the first area 35%, then 30%, 22%, 13% (more areas: each 0.75 of the one before);
/// born here 55%, abroad 42%, prefer not to say 3%; victim of a crime in the past 12 months 20%. The agreement
/// items depend on a person's fear (above); languages: the default 6 parts, Spanish 3, each other 0.6.
/// </para>
/// </summary>
public static class SyntheticResponses
{
    public static ResponseTable Generate(SurveyDefinition definition, SyntheticOptions options)
    {
        var random = new Random(options.Seed);
        var builder = new ResponseTableBuilder(definition, options.AreaCodes, options.Count) { Synthetic = true };
        var items = definition.Items.ToList();
        var slots = items.Select(i => builder.SlotOf(i.Key)).ToArray();
        var (langSlot, waveSlot, siteSlot) = (builder.SlotOf(ResponseTable.Lang), builder.SlotOf(ResponseTable.Wave), builder.SlotOf(ResponseTable.Site));
        var areaCodes = options.AreaCodes ?? definition.FindItem("area")?.Options.Select(o => o.Code).ToList() ?? [];
        var answers = new Dictionary<string, string>();
        for (var n = 0; n < options.Count; n++)
        {
            answers.Clear();
            var row = builder.NewRow();
            var person = new Person(random, definition, options, n);
            foreach (var (item, index) in items.Select((item, index) => (item, index)))
            {
                if (!SkipLogic.IsShown(item, answers)) continue;
                var value = person.Answer(item, answers, areaCodes);
                if (value is null) continue;
                answers[item.Key] = value;
                var problem = builder.Set(slots[index], row, value);
                if (problem is not null) throw new InvalidOperationException($"Generator made a bad value for {item.Key}: {problem}");
            }
            builder.Set(langSlot, row, person.Language);
            if (person.Wave is { } wave) builder.Set(waveSlot, row, wave);
            if (person.Site is { } site) builder.Set(siteSlot, row, site);
        }
        return builder.Build();
    }

    private sealed class Person
    {
        private readonly Random _random;
        private double _fear;

        public Person(Random random, SurveyDefinition definition, SyntheticOptions options, int index)
        {
            _random = random;
            Site = options.Sites.Count > 0 ? options.Sites[random.Next(options.Sites.Count)] : null;
            var waveIndex = options.Waves.Count > 0 ? random.Next(options.Waves.Count) : 0;
            Wave = options.Waves.Count > 0 ? options.Waves[waveIndex] : null;
            Language = Pick(definition.Languages, definition.Languages.Select(l => l == definition.DefaultLanguage ? 6.0 : l == "es" ? 3.0 : 0.6).ToArray());
            // The first site's fear rises with each wave; the others stay level.
            _fear = Normal() * 0.6 + (Site is not null && Site == options.Sites[0] ? 0.35 * waveIndex : 0);
        }

        public string Language { get; }
        public string? Wave { get; }
        public string? Site { get; }

        public string? Answer(SurveyItem item, Dictionary<string, string> answers, IReadOnlyList<string> areaCodes)
        {
            var skipped = _random.NextDouble() < (item.Type == ItemType.Text ? 0.97 : 0.03);
            if (skipped) return null;
            switch (item.Key)
            {
                case "area": return areaCodes.Count > 0 ? Pick(areaCodes, AreaWeights(areaCodes.Count)) : null;
                case "gender": return Pick(["woman", "man", "another", "refuse"], [0.52, 0.44, 0.015, 0.025]);
                case "age_group": return Pick(["18_24", "25_34", "35_44", "45_54", "55_64", "65_plus", "refuse"], [0.12, 0.22, 0.22, 0.18, 0.14, 0.09, 0.03]);
                case "born_here":
                    var born = Pick(["yes", "no", "refuse"], [0.55, 0.42, 0.03]);
                    if (born == "no") _fear += 0.9;
                    return born;
                case "status_group":
                    var status = Pick(["citizen", "permanent_resident", "other_documented", "undocumented", "refuse"], [0.35, 0.25, 0.1, 0.22, 0.08]);
                    if (status == "undocumented") _fear += 0.9;
                    return status;
                case "household_concern":
                    var worried = Pick(["yes", "no", "dont_know", "refuse"],
                        answers.GetValueOrDefault("born_here") == "no" ? [0.55, 0.37, 0.05, 0.03] : [0.2, 0.72, 0.05, 0.03]);
                    if (worried == "yes") _fear += 0.7;
                    return worried;
                case "home_language":
                    var spoken = Language.Split('-')[0];
                    return _random.NextDouble() < 0.8 && spoken is "en" or "es" or "zh" or "vi" or "ar" or "ht" ? spoken
                        : Pick(["en", "es", "zh", "vi", "ar", "ht", "other"], [0.4, 0.3, 0.05, 0.05, 0.05, 0.05, 0.1]);
                case "chill_victim" or "chill_info" or "chill_witness" or "chill_dv" or "fear_contact" or "less_safe":
                    return Agreement(_fear + (item.Key == "chill_dv" ? 0.2 : 0) - 1.1);
                case "stops_without_reason":
                    var often = Logistic(_fear - 1.3);
                    return Pick(["very_often", "somewhat_often", "not_too_often", "never", "dont_know", "refuse"],
                        [often * 0.4, often * 0.6, (1 - often) * 0.5, (1 - often) * 0.5, 0.05, 0.02]);
                case "victim_12m": return Pick(["yes", "no", "refuse"], [0.2, 0.77, 0.03]);
                case "reported":
                    var report = Logistic(0.2 - _fear * 0.8);
                    return Pick(["yes_all", "yes_some", "no", "refuse"], [report * 0.7, report * 0.3 + 0.1, 1 - report, 0.04]);
                case "why_not":
                    var reasons = new List<string>();
                    if (_random.NextDouble() < Logistic(_fear - 0.8)) reasons.Add("immigration_fear");
                    foreach (var (code, p) in new[] { ("not_serious", 0.3), ("police_wont_help", 0.3), ("handled_privately", 0.15), ("fear_retaliation", 0.1), ("language_barrier", 0.1) })
                        if (_random.NextDouble() < p) reasons.Add(code);
                    return reasons.Count == 0 ? "other" : string.Join(' ', reasons);
                case "trust_respect" or "trust_listen":
                    return Scale(item, 6.3 - 1.4 * _fear);
                case "safety": return Scale(item, 6.5 - 0.8 * _fear);
                case "police_share_belief": return Pick(["yes", "no", "dont_know", "refuse"], [Logistic(_fear - 0.4), 0.35, 0.2, 0.03]);
                case "policy_uplift": return Pick(["more_likely", "no_change", "less_likely", "dont_know", "refuse"], [Logistic(_fear - 0.6), 0.45, 0.05, 0.1, 0.02]);
                case "comments": return null;
            }
            return item.Type switch
            {
                ItemType.Single => item.Options.Count > 0 ? item.Options[_random.Next(item.Options.Count)].Code : null,
                ItemType.Multiple => item.Options.Count > 0 ? item.Options[_random.Next(item.Options.Count)].Code : null,
                ItemType.Scale or ItemType.Number => _random.Next(item.Min, item.Max + 1).ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
        }

        /// <summary>Areas of unequal size: 35%, 30%, 22%, 13% for four; with another number each is 0.75 of the one before.</summary>
        private static double[] AreaWeights(int count) =>
            count == 4 ? [0.35, 0.30, 0.22, 0.13] : [.. Enumerable.Range(0, count).Select(i => Math.Pow(0.75, i))];

        private string Agreement(double lean)
        {
            var agree = Logistic(lean);
            return Pick(["agree_strong", "agree_some", "disagree_some", "disagree_strong", "dont_know", "refuse"],
                [agree * 0.55, agree * 0.45, (1 - agree) * 0.45, (1 - agree) * 0.55, 0.06, 0.02]);
        }

        private string Scale(SurveyItem item, double centre) =>
            ((int)Math.Round(Math.Clamp(centre + Normal() * 2.2, item.Min, item.Max))).ToString(CultureInfo.InvariantCulture);

        private string Pick(IReadOnlyList<string> codes, double[] weights)
        {
            var u = _random.NextDouble() * weights.Sum();
            for (var i = 0; i < codes.Count; i++)
            {
                u -= weights[i];
                if (u < 0) return codes[i];
            }
            return codes[^1];
        }

        private double Normal() =>
            Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

        private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
    }
}
