using System.Text;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Tests.Responses;

public class ResponseCsvTests
{
    private static ResponseFile Read(string csv, CsvReadOptions? options = null) =>
        ResponseCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "answers.csv", TestSurveys.Standard, options);

    private static IReadOnlyList<CsvError> Errors(string csv, CsvReadOptions? options = null) =>
        Assert.Throws<ResponseFileException>(() => Read(csv, options)).Errors;

    [Fact]
    public void Reads_codes_multiple_choice_scales_and_meta_columns()
    {
        var file = Read("area,born_here,victim_12m,reported,why_not,trust_respect,lang,wave,site,weight\n" +
                        "area_2,no,yes,no,immigration_fear language_barrier,7,es,2026-Q1,cook,1.5\n" +
                        "area_1,yes,no,,,,en,2026-Q1,harris,0.5\n");
        var t = file.Table;
        Assert.Equal(2, t.Count);
        Assert.Equal("immigration_fear language_barrier", t["why_not"].Text(0));
        Assert.Equal("7", t["trust_respect"].Text(0));
        Assert.True(t["reported"].IsBlank(1));
        Assert.Equal([1.5, 0.5], t.Weights!);
        Assert.Equal("cook", t["site"].Text(0));
        Assert.Equal(64, file.Sha256.Length);
    }

    [Fact]
    public void The_hash_is_that_of_the_file_bytes()
    {
        var csv = "area,born_here\narea_1,yes\n";
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(csv)));
        Assert.Equal(expected, Read(csv).Sha256);
    }

    [Fact]
    public void Unknown_column_names_the_column_and_what_is_allowed()
    {
        var error = Assert.Single(Errors("area,shoe_size\narea_1,42\n"));
        Assert.Equal(1, error.Line);
        Assert.Equal("shoe_size", error.Column);
        Assert.Contains("chill_victim", error.Message);
        Assert.Equal(1, Read("area,shoe_size\narea_1,42\n", new CsvReadOptions { IgnoreUnknownColumns = true }).Table.Count);
    }

    [Fact]
    public void Unknown_code_names_line_column_and_allowed_codes()
    {
        var error = Assert.Single(Errors("area,chill_victim\narea_1,agree_strong\narea_1,maybe\n"));
        Assert.Equal("answers.csv, line 3, column chill_victim: 'maybe' is not a code of chill_victim; allowed: agree_strong, agree_some, disagree_some, disagree_strong, dont_know, refuse",
            error.ToString());
    }

    [Theory]
    [InlineData("trust_respect\n11\n", "trust_respect", "11 is out of range for trust_respect; allowed: integers 0 to 10")]
    [InlineData("trust_respect\n7.5\n", "trust_respect", "'7.5' is not a whole number; allowed: integers 0 to 10")]
    [InlineData("area,weight\narea_1,0\n", "weight", "0 is not positive")]
    [InlineData("area,weight\narea_1,-2\n", "weight", "-2 is not positive")]
    [InlineData("area,weight\narea_1,heavy\n", "weight", "'heavy' is not a number")]
    [InlineData("why_not,victim_12m,reported\nnot_serious fear_of_dogs,yes,no\n", "why_not", "'fear_of_dogs' is not a code of why_not")]
    [InlineData("lang,area\nenglish language,area_1\n", "lang", "is not a language code")]
    public void Bad_values_are_named_by_line_and_column(string csv, string column, string message)
    {
        var error = Assert.Single(Errors(csv));
        Assert.Equal(2, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void An_answer_to_a_question_the_respondent_was_not_shown_is_refused()
    {
        var error = Assert.Single(Errors("victim_12m,reported\nno,yes_all\n"));
        Assert.Equal(2, error.Line);
        Assert.Equal("reported", error.Column);
        Assert.Contains("shown when victim_12m = yes", error.Message);
    }

    [Fact]
    public void Empty_files_and_header_only_files_are_refused()
    {
        Assert.Contains("the file is empty", Assert.Single(Errors("")).Message);
        Assert.Contains("no responses", Assert.Single(Errors("area,born_here\n")).Message);
    }

    [Fact]
    public void Duplicate_columns_and_ragged_rows_are_refused()
    {
        Assert.Contains("appears twice", Assert.Single(Errors("area,area\narea_1,area_2\n")).Message);
        var ragged = Assert.Single(Errors("area,born_here\narea_1,yes,extra\n"));
        Assert.Contains("has 3 fields; the header has 2", ragged.Message);
    }

    [Fact]
    public void Every_problem_is_listed_up_to_a_limit()
    {
        var csv = "area\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"nowhere_{i}\n"));
        Assert.Equal(20, Errors(csv).Count);
    }

    [Fact]
    public void Invalid_utf8_is_refused_with_advice()
    {
        var bytes = Encoding.UTF8.GetBytes("area,comments\narea_1,caf").Concat(new byte[] { 0xE9, 0x0A }).ToArray();
        var e = Assert.Throws<ResponseFileException>(() => ResponseCsv.Read(new MemoryStream(bytes), "latin1.csv", TestSurveys.Standard));
        Assert.Contains("not valid UTF-8", e.Errors.Single().Message);
    }

    [Fact]
    public void Run_area_codes_replace_the_default_ones()
    {
        var options = new CsvReadOptions { AreaCodes = ["north", "south"] };
        Assert.Equal("north", Read("area\nnorth\n", options).Table["area"].Text(0));
        Assert.Contains("allowed: north, south", Assert.Single(Errors("area\narea_1\n", options)).Message);
    }

    [Fact]
    public void Writing_and_reading_back_gives_the_same_table()
    {
        var generated = SyntheticResponses.Generate(TestSurveys.Standard, new SyntheticOptions { Count = 300, Seed = 9, Sites = ["a", "b"], Waves = ["w1"] });
        var writer = new StringWriter();
        ResponseCsv.Write(generated, writer);
        var back = Read(writer.ToString()).Table;
        Assert.True(back.Synthetic);
        Assert.Equal(generated.Count, back.Count);
        for (var r = 0; r < generated.Count; r++)
            Assert.Equal(generated.Row(r), back.Row(r));
    }

    [Fact]
    public void Generated_responses_follow_the_skip_logic_and_are_reproducible()
    {
        var options = new SyntheticOptions { Count = 2000, Seed = 4 };
        var a = SyntheticResponses.Generate(TestSurveys.Standard, options);
        Assert.Empty(ResponseCsv.SkipViolations(a));
        Assert.True(a.Synthetic);
        var b = SyntheticResponses.Generate(TestSurveys.Standard, options);
        Assert.Equal(Enumerable.Range(0, a.Count).Select(r => a.Row(r)), Enumerable.Range(0, b.Count).Select(r => b.Row(r)));
        // Some respondents are victims, some of those did not report and gave reasons.
        Assert.Contains(Enumerable.Range(0, a.Count), r => a["why_not"].Text(r)?.Contains("immigration_fear") == true);
    }

    [Fact]
    public void Generated_gender_age_and_area_follow_the_documented_proportions()
    {
        var table = SyntheticResponses.Generate(TestSurveys.Standard, new SyntheticOptions { Count = 40_000, Seed = 12 });
        double Share(string key, string code) => Enumerable.Range(0, table.Count).Count(r => table[key].Text(r) == code) / (double)table.Count;
        // Documented before the 3% skipped: woman 52%, man 44%, another 1.5%, prefer not to say 2.5%.
        Assert.InRange(Share("gender", "woman"), 0.97 * 0.52 - 0.01, 0.97 * 0.52 + 0.01);
        Assert.InRange(Share("gender", "man"), 0.97 * 0.44 - 0.01, 0.97 * 0.44 + 0.01);
        Assert.InRange(Share("gender", "another"), 0.010, 0.020);
        Assert.InRange(Share("gender", "refuse"), 0.019, 0.030);
        Assert.InRange(Share("age_group", "refuse"), 0.022, 0.036);
        Assert.InRange(Share("age_group", "25_34"), 0.97 * 0.22 - 0.01, 0.97 * 0.22 + 0.01);
        Assert.InRange(Share("area", "area_1"), 0.97 * 0.35 - 0.01, 0.97 * 0.35 + 0.01);
        Assert.InRange(Share("area", "area_4"), 0.97 * 0.13 - 0.01, 0.97 * 0.13 + 0.01);
    }
}
