"""Which content fields carry an English and a Chinese column (django-modeltranslation).

Each field listed here gains ``<field>_en`` and ``<field>_zh_hans``; reading the plain
field gives the active language and falls back to English where no Chinese has been
entered. The history models are registered with the same fields, so a change to the
Chinese wording is kept in the history like any other edit.
"""

from modeltranslation.translator import TranslationOptions, translator
from simple_history.utils import get_history_model_for_model

from .models import (
    Agency,
    DevelopmentGoal,
    GuideNote,
    KeyArea,
    KeyProject,
    Policy,
    Region,
    Route,
    SourceDocument,
    StackingGroup,
)

TRANSLATED_FIELDS = {
    Region: ("name", "positioning", "layout"),
    DevelopmentGoal: ("text",),
    KeyProject: ("name",),
    KeyArea: ("name",),
    SourceDocument: ("title", "issuing_body", "note"),
    Agency: ("name",),
    GuideNote: ("text",),
    StackingGroup: ("name", "description"),
    Policy: (
        "title",
        "summary",
        "full_text",
        "headline_benefit",
        "reading_note",
        "legal_status_note",
    ),
    Route: ("name",),
}

for model, fields in TRANSLATED_FIELDS.items():
    options = type(
        f"{model.__name__}Options", (TranslationOptions,), {"fields": fields}
    )
    translator.register([model, get_history_model_for_model(model)], options)
