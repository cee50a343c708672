namespace SurveyPlatform.Core.Statistics;

/// <summary>
/// Running sums over the rows of one domain (one indicator in one group), enough for the weighted
/// estimate and its with-replacement linearization variance. Adding a row is a handful of additions, so
/// a breakdown over a million rows is one cheap pass.
/// </summary>
public struct DomainSums
{
    public long N;
    /// <summary>Rows whose y is non-zero (for proportions: the numerator count, unweighted).</summary>
    public long Positives;
    public double SumW;
    public double SumWY;
    public double SumW2;
    public double SumW2Y;
    public double SumW2Y2;

    public void Add(double y, double w)
    {
        N++;
        if (y != 0) Positives++;
        var w2 = w * w;
        SumW += w;
        SumWY += w * y;
        SumW2 += w2;
        SumW2Y += w2 * y;
        SumW2Y2 += w2 * y * y;
    }

    public void Add(in DomainSums other)
    {
        N += other.N;
        Positives += other.Positives;
        SumW += other.SumW;
        SumWY += other.SumWY;
        SumW2 += other.SumW2;
        SumW2Y += other.SumW2Y;
        SumW2Y2 += other.SumW2Y2;
    }

    public readonly double Mean => SumWY / SumW;

    /// <summary>
    /// v = n/(n−1) · Σ w²(y − ȳ)² / (Σw)², as R's <c>svymean</c> on <c>svydesign(ids=~1, weights=~w)</c>
    /// fitted on the rows of the domain alone. Infinite when n &lt; 2 (no variance can be estimated).
    /// </summary>
    public readonly double Variance
    {
        get
        {
            if (N < 2) return double.PositiveInfinity;
            var mean = Mean;
            var squares = SumW2Y2 - 2 * mean * SumW2Y + mean * mean * SumW2;
            return Math.Max(0, squares) * N / (N - 1) / (SumW * SumW);
        }
    }

    /// <summary>Kish's effective sample size (Σw)²/Σw²: what weighting alone costs.</summary>
    public readonly double KishEffectiveSize => SumW2 == 0 ? 0 : SumW * SumW / SumW2;
}
