using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.ObjectPool;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Localization;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>
/// The respondent pages (consent, question pages, thank-you and error notices) written as HTML straight into one
/// pooled buffer. These pages are the platform's hot path (a link shared in a community group can bring thousands
/// of respondents an hour to a small server), so they skip the component renderer and its per-request scope,
/// component instances and render tree. Markup rules: every text and attribute value goes through the HTML encoder;
/// text outside ASCII is written as UTF-8, not as character references, so Arabic or Chinese pages stay small on a
/// slow phone connection.
/// </summary>
public static class RespondentHtml
{
    private static readonly HtmlEncoder TextEncoder = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly ObjectPool<StringBuilder> Buffers =
        new DefaultObjectPoolProvider().CreateStringBuilderPool(initialCapacity: 16 * 1024, maximumRetainedCapacity: 256 * 1024);

    /// <summary>A page as an endpoint result: written now, sent as UTF-8 with its length when the result runs.</summary>
    public static IResult Page(int statusCode, Action<HtmlText> write)
    {
        var buffer = Buffers.Get();
        write(new HtmlText(buffer));
        return new HtmlPageResult(buffer, statusCode);
    }

    /// <summary>Consent page (page 0) and question pages. One form holds everything, so the language switcher and Back keep the answers given on this page too.</summary>
    public static void Form(HtmlText h, SurveyFormModel model)
    {
        var definition = model.Run.Definition;
        var lang = model.Lang;
        var isConsent = model.Page == 0;
        var page = isConsent ? null : definition.Pages[model.Page - 1];
        var heading = isConsent ? definition.Consent.Title.Get(lang) : page!.Title.Get(lang);
        var title = model.Errors.Count > 0 ? $"{UiStrings.Get("error_summary_title", lang)}: {heading}" : heading;

        ShellStart(h, lang, $"{title} – {definition.Title.Get(lang)}", model.QuickExitUrl);
        // The language in the address lets pages that never read the form (too many requests) speak it too.
        h.Raw("<form id=\"survey\" method=\"post\"")
            .Attr("action", $"{model.FormAction ?? $"/s/{model.Run.Slug}"}?lang={Uri.EscapeDataString(lang)}")
            .Raw(" novalidate autocomplete=\"off\">\n");
        h.Raw("<input type=\"hidden\" name=\"state\"").Attr("value", model.StateToken).Raw(" />\n");
        // Pressing Enter in a text field moves forward, never switches language or goes back.
        h.Raw("<button type=\"submit\" name=\"nav\" value=\"next\" hidden tabindex=\"-1\"></button>\n");
        h.Raw("<header class=\"top\">\n<p class=\"survey-title\">").Text(definition.Title.Get(lang)).Raw("</p>\n");
        Languages(h, definition.Languages, lang, linkBase: null);
        h.Raw("</header>\n<main id=\"main\">\n");
        if (model.Errors.Count > 0)
            ErrorSummary(h, model.Errors, definition, lang);
        if (isConsent)
            Consent(h, model, heading);
        else
            QuestionPage(h, model, page!, heading);
        h.Raw("</main>\n</form>\n");
        ShellEnd(h);
    }

    /// <summary>The thank-you page and the error pages (not found, closed, bad request, server error, too many requests).</summary>
    public static void Notice(HtmlText h, NoticeModel model)
    {
        var lang = model.Lang;
        var definition = model.Run?.Definition;
        var (titleKey, bodyKey) = model.Kind switch
        {
            NoticeKind.NotFound => ("error_not_found_title", "error_not_found_body"),
            NoticeKind.Closed => ("error_closed_title", "error_closed_body"),
            NoticeKind.BadRequest => ("error_bad_request_title", "error_bad_request_body"),
            NoticeKind.TooManyRequests => ("error_too_many_title", "error_too_many_body"),
            NoticeKind.CodeUsed => ("error_code_used", "error_code_invalid"),
            NoticeKind.TooManySignIns => ("error_too_many_title", "error_too_many_signin_body"),
            _ => ("error_server_title", "error_server_body"),
        };
        var isThanks = model.Kind == NoticeKind.Thanks && definition is not null;
        var heading = isThanks ? definition!.ThankYou.Title.Get(lang) : UiStrings.Get(titleKey, lang);

        ShellStart(h, lang, definition is null ? heading : $"{heading} – {definition.Title.Get(lang)}", model.QuickExitUrl);
        h.Raw("<header class=\"top\">\n");
        if (definition is not null)
        {
            h.Raw("<p class=\"survey-title\">").Text(definition.Title.Get(lang)).Raw("</p>\n");
            Languages(h, definition.Languages, lang, linkBase: model.Path);
        }
        h.Raw("</header>\n<main id=\"main\">\n<h1>").Text(heading).Raw("</h1>\n");
        if (isThanks)
        {
            foreach (var paragraph in definition!.ThankYou.Paragraphs)
                h.Raw("<p>").Text(paragraph.Get(lang)).Raw("</p>\n");
            if (model.Run!.HelpLines.Count > 0)
            {
                h.Raw("<ul class=\"resources\">\n");
                foreach (var resource in model.Run.HelpLines)
                {
                    h.Raw("<li>\n<strong>").Text(resource.Name.Get(lang)).Raw("</strong>\n");
                    if (resource.Description is { } description)
                        h.Raw("<span class=\"resource-description\">").Text(description.Get(lang)).Raw("</span>\n");
                    if (resource.Phone is { } phone)
                        h.Raw("<a").Attr("href", "tel:" + phone.Replace(" ", "", StringComparison.Ordinal)).Raw(" dir=\"ltr\">").Text(phone).Raw("</a>\n");
                    if (resource.Url is { } url)
                        h.Raw("<a").Attr("href", url).Raw(" rel=\"noreferrer noopener\" dir=\"ltr\">").Text(url).Raw("</a>\n");
                    h.Raw("</li>\n");
                }
                h.Raw("</ul>\n");
            }
        }
        else
        {
            h.Raw("<p>").Text(UiStrings.Get(bodyKey, lang)).Raw("</p>\n");
            if (model.Run is not null && model.Kind is NoticeKind.BadRequest or NoticeKind.ServerError or NoticeKind.TooManyRequests)
                h.Raw("<p><a").Attr("href", $"/s/{model.Run.Slug}?lang={lang}").Raw(">").Text(UiStrings.Get("start_again", lang)).Raw("</a></p>\n");
        }
        h.Raw("</main>\n");
        ShellEnd(h);
    }

    /// <summary>The whole HTML document around a page: one stylesheet, one tiny script, nothing from another origin.</summary>
    private static void ShellStart(HtmlText h, string lang, string title, string quickExitUrl)
    {
        h.Raw("<!DOCTYPE html>\n<html").Attr("lang", lang).Attr("dir", LanguageChoice.IsRightToLeft(lang) ? "rtl" : "ltr").Raw(">\n<head>\n")
            .Raw("<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Raw("<meta name=\"referrer\" content=\"no-referrer\" />\n<meta name=\"robots\" content=\"noindex, nofollow\" />\n")
            .Raw("<title>").Text(title).Raw("</title>\n")
            .Raw("<link rel=\"icon\" href=\"data:,\" />\n<link rel=\"stylesheet\" href=\"/css/respond.css\" />\n")
            .Raw("<script src=\"/js/exit.js\" defer></script>\n</head>\n<body>\n")
            .Raw("<a class=\"skip\" href=\"#main\">").Text(UiStrings.Get("skip_to_content", lang)).Raw("</a>\n")
            .Raw("<div class=\"exit-bar\">\n<a id=\"quick-exit\" class=\"exit\"").Attr("href", quickExitUrl).Raw(" rel=\"noreferrer noopener\">")
            .Text(UiStrings.Get("leave_page", lang)).Raw("</a>\n</div>\n");
    }

    private static void ShellEnd(HtmlText h) => h.Raw("</body>\n</html>\n");

    /// <summary>Submit buttons of the survey form when there are answers to keep; plain links otherwise.</summary>
    private static void Languages(HtmlText h, IReadOnlyList<string> languages, string current, string? linkBase)
    {
        h.Raw("<nav class=\"languages\"").Attr("aria-label", UiStrings.Get("language", current)).Raw(">\n<ul>\n");
        foreach (var language in languages)
        {
            h.Raw("<li>");
            if (language == current)
                h.Raw("<span class=\"current\"").Attr("lang", language).Raw(" aria-current=\"true\">");
            else if (linkBase is not null)
                h.Raw("<a").Attr("href", $"{linkBase}?lang={Uri.EscapeDataString(language)}").Attr("lang", language).Attr("hreflang", language).Raw(">");
            else
                h.Raw("<button type=\"submit\" name=\"nav\"").Attr("value", "lang:" + language).Attr("lang", language).Raw(" class=\"link\">");
            h.Text(LanguageChoice.NativeName(language));
            h.Raw(language == current ? "</span>" : linkBase is not null ? "</a>" : "</button>").Raw("</li>\n");
        }
        h.Raw("</ul>\n</nav>\n");
    }

    private static void ErrorSummary(HtmlText h, IReadOnlyList<AnswerError> errors, SurveyDefinition definition, string lang)
    {
        h.Raw("<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\" autofocus>\n")
            .Raw("<h2 id=\"error-summary-title\">").Text(UiStrings.Get("error_summary_title", lang)).Raw("</h2>\n<ul>\n");
        foreach (var error in errors)
        {
            var item = definition.FindItem(error.ItemKey);
            h.Raw("<li><a").Attr("href", "#" + SurveyNavigation.InputId(error.ItemKey)).Raw(">")
                .Text(item is null ? "" : item.Text.Get(lang) + ": ").Text(ErrorText.For(error, lang)).Raw("</a></li>\n");
        }
        h.Raw("</ul>\n</div>\n");
    }

    private static void Consent(HtmlText h, SurveyFormModel model, string heading)
    {
        var definition = model.Run.Definition;
        var lang = model.Lang;
        h.Raw("<h1>").Text(heading).Raw("</h1>\n");
        foreach (var paragraph in definition.Consent.Paragraphs)
            h.Raw("<p>").Text(paragraph.Get(lang)).Raw("</p>\n");
        h.Raw("<p class=\"note\">").Text(UiStrings.Get("anonymous_note", lang)).Raw("</p>\n");
        if (model.Run.Run.Mode == RunMode.OneTimeCodes)
        {
            var codeError = model.CodeErrorKey;
            h.Raw(codeError is null ? "<div class=\"item\">\n" : "<div class=\"item has-error\">\n")
                .Raw("<label class=\"question\" for=\"code\">").Text(UiStrings.Get("code_label", lang)).Raw("</label>\n")
                .Raw("<p class=\"hint\" id=\"code-hint\">").Text(UiStrings.Get("code_hint", lang)).Raw("</p>\n");
            if (codeError is not null)
                h.Raw("<p class=\"error\" id=\"code-error\">").Text(UiStrings.Get(codeError, lang)).Raw("</p>\n");
            h.Raw("<input type=\"text\" id=\"code\" name=\"code\"").Attr("value", model.Code)
                .Raw(" autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\"")
                .Raw(codeError is null ? " aria-describedby=\"code-hint\" aria-invalid=\"false\"" : " aria-describedby=\"code-hint code-error\" aria-invalid=\"true\"")
                .Raw(" />\n</div>\n");
        }
        h.Raw("<div class=\"nav\">\n<button type=\"submit\" name=\"nav\" value=\"next\" class=\"primary\">").Text(definition.Consent.Agree.Get(lang)).Raw("</button>\n")
            .Raw("<a class=\"secondary\"").Attr("href", model.QuickExitUrl).Raw(" rel=\"noreferrer noopener\">").Text(UiStrings.Get("decline", lang)).Raw("</a>\n</div>\n");
    }

    private static void QuestionPage(HtmlText h, SurveyFormModel model, SurveyPage page, string heading)
    {
        var definition = model.Run.Definition;
        var lang = model.Lang;
        h.Raw("<p class=\"progress\">").Text(UiStrings.Format("page_x_of_y", lang, model.Page, definition.Pages.Count)).Raw("</p>\n")
            .Raw("<h1>").Text(heading).Raw("</h1>\n");
        if (page.Intro is { } intro)
            h.Raw("<p class=\"intro\">").Text(intro.Get(lang)).Raw("</p>\n");
        foreach (var item in SurveyNavigation.VisibleItems(page, model.Answers))
            Item(h, item, lang, model.Answers.GetValueOrDefault(item.Key), model.Errors.FirstOrDefault(e => e.ItemKey == item.Key));
        var isLast = SurveyNavigation.Next(definition, model.Page, model.Answers) is null;
        h.Raw("<div class=\"nav\">\n<button type=\"submit\" name=\"nav\" value=\"back\" class=\"secondary\">").Text(UiStrings.Get("back", lang)).Raw("</button>\n")
            .Raw("<button type=\"submit\" name=\"nav\" value=\"next\" class=\"primary\">").Text(UiStrings.Get(isLast ? "submit" : "next", lang)).Raw("</button>\n</div>\n");
    }

    /// <summary>
    /// One question. Choice and scale items are a fieldset with a legend; number and text items a labelled field.
    /// Help and error texts are tied to the inputs with aria-describedby.
    /// </summary>
    private static void Item(HtmlText h, SurveyItem item, string lang, string? value, AnswerError? error)
    {
        var id = SurveyNavigation.InputId(item.Key);
        var name = SurveyNavigation.FieldName(item.Key);
        var hint = Hint(item, lang);
        var describedBy = $"{(item.Help is null ? "" : $" {id}-help")}{(hint is null ? "" : $" {id}-hint")}{(error is null ? "" : $" {id}-error")}";
        var describedByOrNull = describedBy.Length == 0 ? null : describedBy[1..];
        h.Raw(error is null ? "<div class=\"item\">\n" : "<div class=\"item has-error\">\n");
        if (item.Type is ItemType.Single or ItemType.Multiple or ItemType.Scale)
        {
            h.Raw("<fieldset").Attr("aria-describedby", describedByOrNull).Raw(">\n<legend>").Text(item.Text.Get(lang));
            OptionalMark(h, item, lang);
            h.Raw("</legend>\n");
            Hints(h, item, lang, id, hint, error);
            if (item.Type == ItemType.Scale)
            {
                h.Raw("<div class=\"scale\">\n");
                for (var v = item.Min; v <= item.Max; v++)
                {
                    var code = v.ToString(CultureInfo.InvariantCulture);
                    Choice(h, "radio", v == item.Min ? id : $"{id}-{code}", name, code, value == code, code);
                }
                h.Raw("</div>\n<div class=\"choice no-answer\">\n")
                    .Raw("<input type=\"radio\"").Attr("id", id + "-none").Attr("name", name).Raw(" value=\"\"").Raw(string.IsNullOrEmpty(value) ? " checked" : "").Raw(" />\n")
                    .Raw("<label").Attr("for", id + "-none").Raw(">").Text(UiStrings.Get("no_answer", lang)).Raw("</label>\n</div>\n");
            }
            else
            {
                var type = item.Type == ItemType.Single ? "radio" : "checkbox";
                var selected = (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i < item.Options.Count; i++)
                {
                    var option = item.Options[i];
                    Choice(h, type, i == 0 ? id : $"{id}-{option.Code}", name, option.Code, selected.Contains(option.Code), option.Label.Get(lang));
                }
            }
            h.Raw("</fieldset>\n");
        }
        else
        {
            h.Raw("<label class=\"question\"").Attr("for", id).Raw(">").Text(item.Text.Get(lang));
            OptionalMark(h, item, lang);
            h.Raw("</label>\n");
            Hints(h, item, lang, id, hint, error);
            if (item.Type == ItemType.Number)
                h.Raw("<input type=\"text\" inputmode=\"numeric\"").Attr("id", id).Attr("name", name).Attr("value", value).Raw(" class=\"number\"")
                    .Attr("aria-describedby", describedByOrNull).Attr("aria-invalid", error is null ? null : "true").Raw(" />\n");
            else
                h.Raw("<textarea").Attr("id", id).Attr("name", name).Raw(" rows=\"5\"").Attr("maxlength", item.MaxLength.ToString(CultureInfo.InvariantCulture))
                    .Raw(" spellcheck=\"false\"").Attr("aria-describedby", describedByOrNull).Attr("aria-invalid", error is null ? null : "true").Raw(">")
                    .Text(value).Raw("</textarea>\n");
        }
        h.Raw("</div>\n");
    }

    private static void Choice(HtmlText h, string type, string optionId, string name, string code, bool isChecked, string label) =>
        h.Raw("<div class=\"choice\">\n<input").Attr("type", type).Attr("id", optionId).Attr("name", name).Attr("value", code).Raw(isChecked ? " checked" : "").Raw(" />\n")
            .Raw("<label").Attr("for", optionId).Raw(">").Text(label).Raw("</label>\n</div>\n");

    private static void Hints(HtmlText h, SurveyItem item, string lang, string id, string? hint, AnswerError? error)
    {
        if (item.Help is { } help)
            h.Raw("<p class=\"help\"").Attr("id", id + "-help").Raw(">").Text(help.Get(lang)).Raw("</p>\n");
        if (hint is not null)
            h.Raw("<p class=\"hint\"").Attr("id", id + "-hint").Raw(">").Text(hint).Raw("</p>\n");
        if (error is not null)
            h.Raw("<p class=\"error\"").Attr("id", id + "-error").Raw("><span class=\"visually-hidden\">").Text(UiStrings.Get("error_summary_title", lang))
                .Raw(": </span>").Text(ErrorText.For(error, lang)).Raw("</p>\n");
    }

    private static string? Hint(SurveyItem item, string lang) => item.Type switch
    {
        ItemType.Single => UiStrings.Get("choose_one", lang),
        ItemType.Multiple => UiStrings.Get("choose_any", lang),
        ItemType.Scale => UiStrings.Format("scale_hint", lang, item.MinLabel?.Get(lang) ?? item.Min.ToString(CultureInfo.InvariantCulture),
            item.MaxLabel?.Get(lang) ?? item.Max.ToString(CultureInfo.InvariantCulture)),
        ItemType.Number => UiStrings.Format("number_hint", lang, item.Min, item.Max),
        ItemType.Text => UiStrings.Format("text_hint", lang, item.MaxLength),
        _ => null,
    };

    private static void OptionalMark(HtmlText h, SurveyItem item, string lang)
    {
        if (item.Required)
            h.Raw(" <span class=\"req\">(").Text(UiStrings.Get("required", lang)).Raw(")</span>");
    }

    /// <summary>Appends markup: <see cref="Raw"/> for the page's own tags, <see cref="Text"/> and <see cref="Attr"/> encode.</summary>
    public readonly struct HtmlText(StringBuilder buffer)
    {
        public HtmlText Raw(string markup)
        {
            buffer.Append(markup);
            return this;
        }

        public HtmlText Text(string? text)
        {
            if (!string.IsNullOrEmpty(text))
                Encode(text);
            return this;
        }

        /// <summary>An attribute with its value encoded; none at all when the value is null.</summary>
        public HtmlText Attr(string name, string? value)
        {
            if (value is null)
                return this;
            buffer.Append(' ').Append(name).Append("=\"");
            Encode(value);
            buffer.Append('"');
            return this;
        }

        private void Encode(string text)
        {
            // A text that needs no encoding comes back as it is, without a copy.
            buffer.Append(TextEncoder.Encode(text));
        }
    }

    private sealed class HtmlPageResult(StringBuilder buffer, int statusCode) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "text/html; charset=utf-8";
            try
            {
                response.ContentLength = Utf8Length(buffer);
                var encoder = Encoding.UTF8.GetEncoder();
                foreach (var chunk in buffer.GetChunks())
                    encoder.Convert(chunk.Span, response.BodyWriter, flush: false, out _, out _);
                encoder.Convert([], response.BodyWriter, flush: true, out _, out _);
            }
            finally
            {
                Buffers.Return(buffer);
            }
            await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
        }

        /// <summary>
        /// The page's length in UTF-8, chunk by chunk. A character of two UTF-16 units may straddle two chunks; each
        /// half alone counts as a 3-byte replacement, the pair as 4 bytes, so 2 are taken off for each such seam.
        /// </summary>
        private static long Utf8Length(StringBuilder buffer)
        {
            var length = 0L;
            var endsInHighSurrogate = false;
            foreach (var chunk in buffer.GetChunks())
            {
                var span = chunk.Span;
                if (span.IsEmpty)
                    continue;
                length += Encoding.UTF8.GetByteCount(span);
                if (endsInHighSurrogate && char.IsLowSurrogate(span[0]))
                    length -= 2;
                endsInHighSurrogate = char.IsHighSurrogate(span[^1]);
            }
            return length;
        }
    }
}
