using System.Text;
using Microsoft.AspNetCore.Http;
using SurveyPlatform.Web.Features.Respond;

namespace SurveyPlatform.Web.Tests.Features.Respond;

/// <summary>The respondent pages' HTML writer: what it encodes, what it leaves as UTF-8, and the bytes it sends.</summary>
public sealed class RespondentHtmlTests
{
    [Fact]
    public async Task Text_and_attributes_are_encoded_and_text_outside_ascii_stays_utf8()
    {
        // Letters of every script are sent as they are; markup characters and characters beyond the basic plane are escaped.
        var (html, _) = await SendAsync(h => h.Raw("<p").Attr("title", "a\" onmouseover=\"x").Attr("hidden", null).Raw(">")
            .Text("<script>alert('x')</script> & co · ¿Qué? 你好 مرحبا 🙂").Raw("</p>"));

        Assert.Equal("<p title=\"a&quot; onmouseover=&quot;x\">&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co · ¿Qué? 你好 مرحبا &#x1F642;</p>", html);
    }

    [Fact]
    public async Task A_long_page_is_sent_whole_with_its_length_in_bytes()
    {
        // Far more than one buffer chunk, appended in pieces of two and one UTF-16 units, so that the chunks of the
        // buffer end inside a character of two units (16,384 = 3 × 5,461 + 1).
        var text = string.Concat(Enumerable.Repeat("🙂a", 30_000));
        var (html, response) = await SendAsync(h =>
        {
            for (var i = 0; i < 30_000; i++)
                h.Raw("🙂").Raw("a");
        });

        Assert.Equal(text, html);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), response.ContentLength);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Equal(StatusCodes.Status400BadRequest, response.StatusCode);
    }

    private static async Task<(string Html, HttpResponse Response)> SendAsync(Action<RespondentHtml.HtmlText> write)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await RespondentHtml.Page(StatusCodes.Status400BadRequest, write).ExecuteAsync(context);
        await context.Response.BodyWriter.CompleteAsync();
        return (Encoding.UTF8.GetString(body.ToArray()), context.Response);
    }
}
