namespace SurveyPlatform.Core.Tests.Definitions;

/// <summary>A small valid definition in two languages; tests change one thing in it to break it.</summary>
internal static class TestDefinitions
{
    public const string Valid = """
    {
      "id": "mini", "version": "1", "default_language": "en", "languages": ["en", "es"],
      "title": { "en": "Mini", "es": "Mini" },
      "consent": { "title": { "en": "Welcome", "es": "Bienvenida" }, "paragraphs": [ { "en": "Voluntary.", "es": "Voluntaria." } ], "agree": { "en": "Start", "es": "Empezar" } },
      "pages": [
        { "id": "p1", "title": { "en": "One", "es": "Uno" }, "items": [
          { "key": "born_here", "type": "single", "text": { "en": "Born here?", "es": "¿Nació aquí?" },
            "options": [ { "code": "yes", "label": { "en": "Yes", "es": "Sí" } }, { "code": "no", "label": { "en": "No", "es": "No" } }, { "code": "refuse", "label": { "en": "Prefer not to say", "es": "Prefiero no decir" } } ] },
          { "key": "why", "type": "multiple", "text": { "en": "Why?", "es": "¿Por qué?" },
            "options": [ { "code": "a", "label": { "en": "A", "es": "A" } }, { "code": "b", "label": { "en": "B", "es": "B" } } ] }
        ] },
        { "id": "p2", "title": { "en": "Two", "es": "Dos" }, "items": [
          { "key": "status", "type": "single", "shown_when": "born_here = no and not why contains b", "required": true, "text": { "en": "Status?", "es": "¿Estatus?" },
            "options": [ { "code": "x", "label": { "en": "X", "es": "X" } } ] },
          { "key": "trust", "type": "scale", "min": 0, "max": 10, "text": { "en": "Trust", "es": "Confianza" } },
          { "key": "count", "type": "number", "min": 0, "max": 20, "text": { "en": "How many?", "es": "¿Cuántos?" } },
          { "key": "note", "type": "text", "max_length": 5, "text": { "en": "Note", "es": "Nota" } }
        ] }
      ],
      "thank_you": { "title": { "en": "Thanks", "es": "Gracias" }, "paragraphs": [], "resources": [ { "name": { "en": "Help", "es": "Ayuda" }, "phone": "211" } ] },
      "indicators": [
        { "id": "born_abroad", "kind": "proportion", "label": { "en": "Born abroad", "es": "Nacido fuera" }, "item": "born_here", "positive": ["no"] },
        { "id": "trust_score", "kind": "mean", "label": { "en": "Trust", "es": "Confianza" }, "items": ["trust"], "scale": 10 },
        { "id": "gap", "kind": "difference", "label": { "en": "Gap", "es": "Brecha" }, "of": "trust_score", "a": "born_here = no", "b": "born_here = yes" }
      ],
      "breakdowns": ["born_here", "site"]
    }
    """;
}
