using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Statistics;

namespace SurveyPlatform.Core.Tests.Indicators;

/// <summary>The public test vectors of indicators.md (values from R survey 4.1).</summary>
public class PublicVectorTests
{
    private static DomainSums Sums(IEnumerable<double> y, IEnumerable<double>? w = null)
    {
        var sums = new DomainSums();
        var weights = (w ?? y.Select(_ => 1.0)).ToArray();
        var i = 0;
        foreach (var v in y) sums.Add(v, weights[i++]);
        return sums;
    }

    private static DomainSums Unweighted(int positives, int n) =>
        Sums(Enumerable.Range(0, n).Select(i => i < positives ? 1.0 : 0.0));

    private static readonly double[] WeightsA = [1, 2, .5, 1.5, 1, 3, 1, .5, 2, 1.5];

    private static void Check(Estimate e, double p, double se, double nEff, double low, double high)
    {
        Assert.Equal(p, e.Value!.Value, 6);
        Assert.Equal(se, e.Se!.Value, 6);
        Assert.Equal(nEff, e.NEff!.Value, 4);
        Assert.Equal(low, e.CiLow!.Value, 4);
        Assert.Equal(high, e.CiHigh!.Value, 4);
    }

    [Fact]
    public void Case_A_weighted_small_sample_is_suppressed_for_effective_size()
    {
        var e = Estimator.Proportion(Sums([1, 1, 1, 0, 0, 0, 0, 1, 0, 0], WeightsA));
        Check(e, 0.285714, 0.157898, 8.1856, 0.0464, 0.6779);
        Assert.Equal(Decisions.Suppress, e.Decision);
        Assert.Equal([Decisions.NEffBelow30], e.Reasons);
    }

    [Fact]
    public void Case_B_weighted_120_rows_is_presented()
    {
        double[] pattern = [.5, 1, 1.5, 2, 3];
        var rows = Enumerable.Range(0, 120).ToList();
        var e = Estimator.Proportion(Sums(rows.Select(i => i % 10 is 0 or 3 or 7 ? 1.0 : 0.0), rows.Select(i => pattern[i % 5])));
        Check(e, 0.25, 0.041760, 107.52, 0.1715, 0.3427);
        Assert.Equal(Decisions.Present, e.Decision);
        Assert.Empty(e.Flags);
    }

    [Theory]
    [InlineData(20, 400, 0.05, 0.010911, 399, 0.0308, 0.0762, "present", "", "")]
    [InlineData(1, 60, 0.016667, 0.016667, 59, 0.0004, 0.0904, "suppress", "relative_width>1.30", "")]
    [InlineData(14, 29, 0.482759, 0.094435, 28, 0.2912, 0.6781, "suppress", "n_eff<30", "")]
    [InlineData(10, 100, 0.10, 0.030151, 99, 0.0488, 0.1767, "present", "", "")]
    [InlineData(3, 40, 0.075, 0.042176, 39, 0.0153, 0.2061, "suppress", "relative_width>1.30", "")]
    [InlineData(36, 40, 0.90, 0.048038, 39, 0.7611, 0.9727, "present", "", "complement")]
    public void Unweighted_cases_U1_to_U6(int positives, int n, double p, double se, double nEff, double low, double high,
        string decision, string reason, string flag)
    {
        var e = Estimator.Proportion(Unweighted(positives, n));
        Check(e, p, se, nEff, low, high);
        Assert.Equal(decision, e.Decision);
        Assert.Equal(reason == "" ? [] : [reason], e.Reasons);
        Assert.Equal(flag == "" ? [] : [flag], e.Flags);
    }

    [Fact]
    public void Case_W_Wilson_interval_on_13_of_16()
    {
        var e = Estimator.Proportion(Unweighted(13, 16), CiMethod.Wilson);
        Assert.Equal(0.8125, e.Value!.Value, 6);
        Assert.Equal(16, e.NEff!.Value, 6);
        Assert.Equal(0.5699, e.CiLow!.Value, 4);
        Assert.Equal(0.9341, e.CiHigh!.Value, 4);
    }

    [Fact]
    public void Case_M_weighted_mean_score_with_t_interval_is_suppressed_under_30_rows()
    {
        var e = Estimator.Mean(Sums([70, 80, 55, 100, 30, 65, 90, 40, 75, 60], WeightsA));
        Assert.Equal(70.1786, e.Value!.Value, 4);
        Assert.Equal(5.4538, e.Se!.Value, 4);
        Assert.Equal(57.8413, e.CiLow!.Value, 4);
        Assert.Equal(82.5159, e.CiHigh!.Value, 4);
        Assert.Equal(Decisions.Suppress, e.Decision);
        Assert.Equal([Decisions.NBelow30], e.Reasons);
        Assert.Null(e.NEff);
    }

    [Fact]
    public void Zero_numerator_uses_n_as_effective_size_and_flags_zero_or_all()
    {
        var e = Estimator.Proportion(Unweighted(0, 200));
        Assert.Equal(0, e.Value!.Value);
        Assert.Equal(200, e.NEff!.Value);
        Assert.Equal(0, e.CiLow!.Value);
        Assert.True(e.CiHigh < 0.05);
        Assert.Equal(Decisions.Present, e.Decision);
        Assert.Contains(Decisions.ZeroOrAll, e.Flags);
    }

    [Fact]
    public void All_positive_gives_upper_bound_one()
    {
        var e = Estimator.Proportion(Unweighted(50, 50));
        Assert.Equal(1, e.CiHigh!.Value);
        Assert.Equal(50, e.NEff!.Value);
        Assert.Contains(Decisions.ZeroOrAll, e.Flags);
    }

    [Fact]
    public void Difference_of_independent_domains_adds_variances()
    {
        var a = Estimator.Proportion(Unweighted(200, 400));
        var b = Estimator.Proportion(Unweighted(100, 400));
        var d = Estimator.Difference(a, b);
        Assert.Equal(0.25, d.Value!.Value, 10);
        Assert.Equal(Math.Sqrt(a.Se!.Value * a.Se.Value + b.Se!.Value * b.Se.Value), d.Se!.Value, 12);
        Assert.Equal(d.Value.Value - 1.959964 * d.Se.Value, d.CiLow!.Value, 5);
        Assert.True(d.Significant);
        Assert.Equal(800, d.N);
    }

    [Fact]
    public void Difference_with_a_suppressed_part_is_suppressed()
    {
        var a = Estimator.Proportion(Unweighted(14, 29));
        var b = Estimator.Proportion(Unweighted(100, 400));
        var d = Estimator.Difference(a, b);
        Assert.Equal(Decisions.Suppress, d.Decision);
        Assert.Null(d.Value);
        Assert.Equal([Decisions.PartSuppressed], d.Reasons);
    }

    [Theory]
    [InlineData(0.025, 2.5, 8.5)]
    [InlineData(0.975, 400.5, 7000.25)]
    [InlineData(0.5, 1, 1)]
    public void Beta_quantile_inverts_the_regularized_incomplete_beta(double p, double a, double b)
    {
        var x = Intervals.BetaQuantile(p, a, b);
        Assert.Equal(p, MathNet.Numerics.SpecialFunctions.BetaRegularized(a, b, x), 10);
    }
}
