using System.Globalization;
using System.Text;
using CsCheck;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Statistics;

namespace SurveyPlatform.Core.Tests.Indicators;

/// <summary>
/// Estimates, standard errors and Korn–Graubard intervals against R's survey package (the reference of
/// indicators.md) on many random weighted data sets, to 4 decimals.
/// </summary>
[Trait("Needs", "R")]
public class ReferenceCrossCheckTests
{
    private sealed record Dataset(double[] Y, double[] Score, double[] W);

    /// <summary>Weight schemes seen in practice: wide, narrow, a few classes, log-normal.</summary>
    private static Gen<double> WeightScheme(int kind) => kind switch
    {
        0 => Gen.Double[0.2, 5],
        1 => Gen.Double[0.5, 1.5],
        2 => Gen.OneOfConst(0.5, 1.0, 1.5, 2.0, 3.0),
        _ => Gen.Double[-1.5, 1.5].Select(Math.Exp),
    };

    private static readonly Gen<Dataset> Datasets =
        from n in Gen.OneOf(Gen.Int[2, 40], Gen.Int[41, 600])
        from share in Gen.OneOf(Gen.Double[0, 1], Gen.OneOfConst(0.0, 1.0, 0.02, 0.98))
        from seed in Gen.Int
        from kind in Gen.Int[0, 3]
        from w in WeightScheme(kind).Array[n]
        select Make(n, share, seed, w);

    private static Dataset Make(int n, double share, int seed, double[] w)
    {
        var random = new Random(seed);
        var y = Enumerable.Range(0, n).Select(_ => random.NextDouble() < share ? 1.0 : 0.0).ToArray();
        var score = Enumerable.Range(0, n).Select(_ => 10.0 * random.Next(0, 11)).ToArray();
        return new Dataset(y, score, w);
    }

    private const string Script = """
        d <- read.csv("data.csv")
        rows <- lapply(split(d, d$dataset), function(x) {
          des <- svydesign(ids = ~1, weights = ~w, data = x)
          m <- svymean(~y, des); s <- svymean(~score, des)
          p <- coef(m)[[1]]; v <- vcov(m)[[1]]; n <- nrow(x)
          ci <- suppressWarnings(attr(svyciprop(~y, des, method = "beta"), "ci"))
          # indicators.md caps n_eff at n and uses n at 0 and 1, where svyciprop has no variance to work with.
          if (p < 1e-12) p <- 0
          if (p > 1 - 1e-12) p <- 1
          neff <- if (p == 0 || p == 1 || v < 1e-20) n else min(n, p * (1 - p) / v)
          capped <- c(if (p == 0) 0 else qbeta(0.025, neff * p, neff * (1 - p) + 1),
                      if (p == 1) 1 else qbeta(0.975, neff * p + 1, neff * (1 - p)))
          tq <- qt(0.975, n - 1)
          data.frame(dataset = x$dataset[1], p = p, se = sqrt(v), lo = ci[[1]], hi = ci[[2]],
                     neff_raw = if (v > 0) p * (1 - p) / v else NA, lo_capped = capped[1], hi_capped = capped[2],
                     mean = coef(s)[[1]], mean_se = SE(s)[[1]], mean_lo = coef(s)[[1]] - tq * SE(s)[[1]], mean_hi = coef(s)[[1]] + tq * SE(s)[[1]])
        })
        write.csv(do.call(rbind, rows), "out.csv", row.names = FALSE)
        """;

    [Fact]
    public void Estimates_standard_errors_and_Korn_Graubard_intervals_match_R_survey_on_random_weighted_data()
    {
        Datasets.Array[150].Sample(datasets =>
        {
            var csv = new StringBuilder("dataset,y,score,w\n");
            for (var i = 0; i < datasets.Length; i++)
            {
                for (var r = 0; r < datasets[i].Y.Length; r++)
                    csv.Append(CultureInfo.InvariantCulture, $"{i},{datasets[i].Y[r]},{datasets[i].Score[r]},{datasets[i].W[r]:R}\n");
            }

            var reference = RReference.Run(Script, ("data.csv", csv.ToString())).ToDictionary(r => (int)r.Number("dataset"));
            for (var i = 0; i < datasets.Length; i++)
            {
                var (d, r) = (datasets[i], reference[i]);
                var proportion = new DomainSums();
                var mean = new DomainSums();
                for (var k = 0; k < d.Y.Length; k++)
                {
                    proportion.Add(d.Y[k], d.W[k]);
                    mean.Add(d.Score[k], d.W[k]);
                }
                var p = Estimator.Proportion(proportion);
                var m = Estimator.Mean(mean);
                var where = $"data set {i} (n = {d.Y.Length}, p = {p.Value})";
                Close(r.Number("p"), p.Value, where + " estimate");
                Close(r.Number("se"), p.Se, where + " se");
                // Where n_eff needs no cap and p is inside (0, 1), the interval is svyciprop's own; otherwise the same formula on the capped n_eff.
                var uncapped = proportion.Positives > 0 && proportion.Positives < proportion.N && r.Number("neff_raw") <= d.Y.Length;
                Close(r.Number(uncapped ? "lo" : "lo_capped"), p.CiLow, where + " KG lower");
                Close(r.Number(uncapped ? "hi" : "hi_capped"), p.CiHigh, where + " KG upper");
                Close(r.Number("mean"), m.Value, where + " mean");
                Close(r.Number("mean_se"), m.Se, where + " mean se");
                Close(r.Number("mean_lo"), m.CiLow, where + " mean lower");
                Close(r.Number("mean_hi"), m.CiHigh, where + " mean upper");
            }
        }, iter: 2, seed: null);
    }

    private static void Close(double expected, double? actual, string what)
    {
        Assert.True(actual.HasValue, $"{what}: no value");
        Assert.True(Math.Round(expected, 4) == Math.Round(actual.Value, 4) || Math.Abs(expected - actual.Value) < 5e-5,
            $"{what}: R {expected:R}, engine {actual.Value:R}");
    }
}
