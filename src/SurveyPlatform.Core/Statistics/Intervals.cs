using MathNet.Numerics.Distributions;

namespace SurveyPlatform.Core.Statistics;

/// <summary>Confidence intervals of indicators.md (95%).</summary>
public static class Intervals
{
    public const double Z975 = 1.959963984540054;

    /// <summary>
    /// Korn–Graubard: Clopper–Pearson on the effective sample size, as R's
    /// <c>svyciprop(method = "beta")</c>: lower = Beta⁻¹(0.025; n_eff·p, n_eff(1−p)+1),
    /// upper = Beta⁻¹(0.975; n_eff·p+1, n_eff(1−p)); 0 and 1 at the edges.
    /// </summary>
    public static (double Low, double High) KornGraubard(double p, double nEff)
    {
        var x = nEff * p;
        var low = p <= 0 ? 0 : BetaQuantile(0.025, x, nEff * (1 - p) + 1);
        var high = p >= 1 ? 1 : BetaQuantile(0.975, x + 1, nEff * (1 - p));
        return (low, high);
    }

    /// <summary>Wilson score interval on the effective sample size (quick looks).</summary>
    public static (double Low, double High) Wilson(double p, double nEff)
    {
        const double z = Z975;
        var z2 = z * z;
        var denominator = 1 + z2 / nEff;
        var centre = (p + z2 / (2 * nEff)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / nEff + z2 / (4 * nEff * nEff)) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>Mean ± t(0.975, df)·se.</summary>
    public static (double Low, double High) StudentT(double mean, double se, double df)
    {
        var t = StudentTQuantile(df);
        return (mean - t * se, mean + t * se);
    }

    public static double StudentTQuantile(double df) =>
        df >= 1e7 ? Z975 : MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, 0.975);

    /// <summary>
    /// The p-quantile of Beta(a, b). A few bisection steps bracket the root, then Newton steps on the
    /// regularized incomplete beta, each kept inside the bracket (a step that would leave it bisects instead).
    /// Stops when the bracket is narrower than 1e-13 or the probability is met to 1e-12 of p: far below any
    /// displayed digit, and reliable for the tiny shape parameters that small effective sizes give.
    /// </summary>
    public static double BetaQuantile(double p, double a, double b)
    {
        if (a <= 0) return 0;
        if (b <= 0) return 1;
        double lo = 0, hi = 1;
        var logBeta = MathNet.Numerics.SpecialFunctions.BetaLn(a, b);
        var x = 0.5;
        for (var i = 0; i < 300; i++)
        {
            var f = MathNet.Numerics.SpecialFunctions.BetaRegularized(a, b, x) - p;
            if (f < 0) lo = x; else hi = x;
            if (Math.Abs(f) <= 1e-12 * p || hi - lo < 1e-13) break;
            double next;
            if (i < 6)
            {
                next = (lo + hi) / 2;
            }
            else
            {
                var density = Math.Exp((a - 1) * Math.Log(x) + (b - 1) * Math.Log(1 - x) - logBeta);
                next = x - f / density;
                if (!(next > lo && next < hi)) next = (lo + hi) / 2;
            }
            x = next;
        }
        return x;
    }
}
