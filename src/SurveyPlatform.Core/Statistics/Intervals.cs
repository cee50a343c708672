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
    /// The p-quantile of Beta(a, b): bisection on the regularized incomplete beta until the bracket is far
    /// narrower than any displayed digit (relative 1e-12, absolute 1e-300), which stays reliable for the very
    /// small shape parameters that tiny effective sample sizes give.
    /// </summary>
    public static double BetaQuantile(double p, double a, double b)
    {
        if (a <= 0) return 0;
        if (b <= 0) return 1;
        double lo = 0, hi = 1;
        for (var i = 0; i < 2000 && hi - lo > 1e-12 * hi && hi > 1e-300; i++)
        {
            // Geometric midpoints while the bracket spans orders of magnitude, so tiny quantiles are reached quickly.
            var mid = lo > 0 && hi / lo > 4 ? Math.Sqrt(lo * hi) : lo == 0 && hi < 1e-3 ? hi / 1024 : (lo + hi) / 2;
            if (MathNet.Numerics.SpecialFunctions.BetaRegularized(a, b, mid) < p) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }
}
