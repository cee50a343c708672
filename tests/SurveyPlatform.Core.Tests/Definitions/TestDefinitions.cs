namespace SurveyPlatform.Core.Tests.Definitions;

/// <summary>
/// A small valid definition in two languages with every feature of the format; tests change one thing
/// in it to break it. Skip logic cascades: <c>status</c> (page 2) needs <c>born_here = no</c> and not
/// <c>why contains b</c>; <c>status_detail</c> (page 3, alone on its page) needs <c>status = x</c>.
/// </summary>
internal static class TestDefinitions
{
    public const string FileName = "mini.survey.json";

    public const string Valid = """
    {
      "$schema": "./survey.schema.json",
      "id": "mini", "version": "1", "default_language": "en", "languages": ["en", "es"],
      "title": { "en": "Mini", "es": "Mini" },
      "consent": { "title": { "en": "Welcome", "es": "Bienvenida" }, "paragraphs": [ { "en": "Voluntary.", "es": "Voluntaria." } ], "agree": { "en": "Start", "es": "Empezar" } },
      "pages": [
        { "id": "p1", "title": { "en": "One", "es": "Uno" }, "intro": { "en": "About you", "es": "Sobre usted" }, "items": [
          { "key": "area", "type": "single", "options_from_run": true, "text": { "en": "Area?", "es": "¿Zona?" },
            "options": [ { "code": "area_1", "label": { "en": "Area 1", "es": "Zona 1" } }, { "code": "area_2", "label": { "en": "Area 2", "es": "Zona 2" } } ] },
          { "key": "born_here", "type": "single", "text": { "en": "Born here?", "es": "¿Nació aquí?" }, "help": { "en": "In this country.", "es": "En este país." },
            "options": [ { "code": "yes", "label": { "en": "Yes", "es": "Sí" } }, { "code": "no", "label": { "en": "No", "es": "No" } }, { "code": "refuse", "label": { "en": "Prefer not to say", "es": "Prefiero no decir" } } ] },
          { "key": "why", "type": "multiple", "text": { "en": "Why?", "es": "¿Por qué?" },
            "options": [ { "code": "a", "label": { "en": "A", "es": "A" } }, { "code": "b", "label": { "en": "B", "es": "B" } } ] }
        ] },
        { "id": "p2", "title": { "en": "Two", "es": "Dos" }, "items": [
          { "key": "status", "type": "single", "shown_when": "born_here = no and not why contains b", "required": true, "text": { "en": "Status?", "es": "¿Estatus?" },
            "options": [ { "code": "x", "label": { "en": "X", "es": "X" } }, { "code": "y", "label": { "en": "Y", "es": "Y" } } ] },
          { "key": "trust", "type": "scale", "min": 0, "max": 10, "min_label": { "en": "None", "es": "Nada" }, "max_label": { "en": "Full", "es": "Total" }, "text": { "en": "Trust", "es": "Confianza" } },
          { "key": "count", "type": "number", "min": 0, "max": 20, "text": { "en": "How many?", "es": "¿Cuántos?" } },
          { "key": "note", "type": "text", "max_length": 5, "text": { "en": "Note", "es": "Nota" } }
        ] },
        { "id": "p3", "title": { "en": "Three", "es": "Tres" }, "items": [
          { "key": "status_detail", "type": "single", "shown_when": "status = x", "text": { "en": "Detail?", "es": "¿Detalle?" },
            "options": [ { "code": "d1", "label": { "en": "D1", "es": "D1" } }, { "code": "d2", "label": { "en": "D2", "es": "D2" } } ] }
        ] }
      ],
      "thank_you": { "title": { "en": "Thanks", "es": "Gracias" }, "paragraphs": [], "resources": [ { "name": { "en": "Help", "es": "Ayuda" }, "phone": "211", "url": "https://example.org/help" } ] },
      "indicators": [
        { "id": "born_abroad", "kind": "proportion", "label": { "en": "Born abroad", "es": "Nacido fuera" }, "item": "born_here", "positive": ["no"], "headline": true },
        { "id": "why_a", "kind": "proportion", "label": { "en": "A", "es": "A" }, "item": "why", "positive": ["a"], "excluded": [], "among": "born_here = no" },
        { "id": "trust_score", "kind": "mean", "label": { "en": "Trust", "es": "Confianza" }, "items": ["trust"], "scale": 10 },
        { "id": "gap", "kind": "difference", "label": { "en": "Gap", "es": "Brecha" }, "of": "trust_score", "a": "born_here = no", "b": "born_here = yes" }
      ],
      "breakdowns": ["born_here", "area", "site"]
    }
    """;

    /// <summary><see cref="Valid"/> with <paramref name="find"/> (which must occur exactly once) replaced.</summary>
    public static string Break(string find, string replace)
    {
        var first = Valid.IndexOf(find, StringComparison.Ordinal);
        Assert.True(first >= 0, $"'{find}' is not in the test definition");
        Assert.True(Valid.IndexOf(find, first + 1, StringComparison.Ordinal) < 0, $"'{find}' occurs more than once in the test definition");
        return Valid[..first] + replace + Valid[(first + find.Length)..];
    }
}
