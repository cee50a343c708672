using SurveyPlatform.Core.Statistics;

namespace SurveyPlatform.Core.Indicators;

public enum CiMethod { KornGraubard, Wilson }

/// <summary>
/// Turns the sums of one domain into an estimate with its CI and the NCHS presentation decision
/// (indicators.md, "Estimation" and "Presentation decision"). Privacy suppression is separate and comes
/// first: see <see cref="PrivacySuppression"/>.
/// </summary>
public static class Estimator
{
    public static Estimate Proportion(in DomainSums d, CiMethod method = CiMethod.KornGraubard)
    {
        if (d.N == 0) return new Estimate { Decision = Decisions.Suppress, Reasons = [Decisions.NEffBelow30], N = 0 };
        var p = d.Mean;
        var v = d.Variance;
        var se = Math.Sqrt(v);
        var zeroOrAll = d.Positives == 0 || d.Positives == d.N;
        // Korn–Graubard follows R's svyciprop: n_eff from the variance with its n/(n−1) factor (n−1 when
        // unweighted). The Wilson interval is the textbook score interval, which on unweighted data uses n
        // itself (test vector W), so its effective size leaves that factor out.
        var factor = method == CiMethod.Wilson ? (double)d.N / (d.N - 1) : 1;
        var nEff = zeroOrAll || !(v > 0) ? d.N : Math.Min(d.N, factor * p * (1 - p) / v);
        var (low, high) = method == CiMethod.Wilson ? Intervals.Wilson(p, nEff) : Intervals.KornGraubard(p, nEff);
        var df = (int)Math.Min(int.MaxValue, d.N - 1);
        var (decision, reasons, flags) = DecideProportion(p, nEff, low, high, df, zeroOrAll);
        return new Estimate
        {
            Value = p,
            Se = double.IsFinite(se) ? se : null,
            CiLow = low,
            CiHigh = high,
            N = d.N,
            NEff = nEff,
            Df = df,
            Decision = decision,
            Reasons = reasons,
            Flags = flags,
        };
    }

    /// <summary>NCHS Data Presentation Standards for Proportions, in the order of indicators.md.</summary>
    public static (string Decision, string[] Reasons, string[] Flags) DecideProportion(
        double p, double nEff, double low, double high, int df, bool zeroOrAll)
    {
        if (nEff < 30) return (Decisions.Suppress, [Decisions.NEffBelow30], []);
        var width = high - low;
        var flags = new List<string>();
        if (width > 0.05)
        {
            if (width >= 0.30) return (Decisions.Suppress, [Decisions.WidthAtLeast30], []);
            if (p == 0 || width / p > 1.30) return (Decisions.Suppress, [Decisions.RelativeWidth], []);
            if (p == 1 || width / (1 - p) > 1.30) flags.Add(Decisions.ComplementFlag);
        }
        if (df < 8) flags.Add(Decisions.DfBelow8);
        if (zeroOrAll) flags.Add(Decisions.ZeroOrAll);
        return (Decisions.Present, [], [.. flags]);
    }

    public static Estimate Mean(in DomainSums d)
    {
        if (d.N == 0) return new Estimate { Decision = Decisions.Suppress, Reasons = [Decisions.NBelow30], N = 0 };
        var mean = d.Mean;
        var se = Math.Sqrt(d.Variance);
        var df = (int)Math.Min(int.MaxValue, d.N - 1);
        double? low = null, high = null;
        if (double.IsFinite(se))
        {
            var ci = Intervals.StudentT(mean, se, df);
            (low, high) = (ci.Low, ci.High);
        }
        var reasons = new List<string>();
        if (d.N < 30) reasons.Add(Decisions.NBelow30);
        else if (!double.IsFinite(se) || (mean != 0 ? se / Math.Abs(mean) >= 0.30 : se > 0)) reasons.Add(Decisions.RelativeSe);
        return new Estimate
        {
            Value = mean,
            Se = double.IsFinite(se) ? se : null,
            CiLow = low,
            CiHigh = high,
            N = d.N,
            Df = df,
            Decision = reasons.Count > 0 ? Decisions.Suppress : Decisions.Present,
            Reasons = reasons,
            Flags = reasons.Count == 0 && df < 8 ? [Decisions.DfBelow8] : [],
        };
    }

    /// <summary>
    /// a − b for two independent domains: se = √(v_a + v_b), CI d ± 1.959964·se; significant when the CI
    /// excludes 0. Published only when both parts are (a gap between hidden figures would reveal them).
    /// </summary>
    public static Estimate Difference(Estimate a, Estimate b)
    {
        var n = a.N + b.N;
        if (!a.IsPresented || !b.IsPresented || a.Value is null || b.Value is null || a.Se is null || b.Se is null)
        {
            var privacy = a.IsPrivacySuppressed || b.IsPrivacySuppressed;
            return new Estimate
            {
                Decision = Decisions.Suppress,
                Reasons = [privacy ? Decisions.Privacy : Decisions.PartSuppressed],
                N = privacy ? null : n,
            };
        }
        var d = a.Value.Value - b.Value.Value;
        var se = Math.Sqrt(a.Se.Value * a.Se.Value + b.Se.Value * b.Se.Value);
        var low = d - Intervals.Z975 * se;
        var high = d + Intervals.Z975 * se;
        return new Estimate
        {
            Value = d,
            Se = se,
            CiLow = low,
            CiHigh = high,
            N = n,
            Decision = Decisions.Present,
            Significant = low > 0 || high < 0,
        };
    }
}
