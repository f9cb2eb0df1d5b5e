"""The forms of the population pages: upload a registry, generate a synthetic one,
start a run."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import Policy
from .codec import Row
from .upload import UploadRefused, read_population

# Problems listed on the page at most; the count of the rest is given.
SHOWN_PROBLEMS = 200
SYNTHETIC_MAX_IN_FORM = 20_000


class UploadForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("How staff will recognise it; the file's name by default."),
    )
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "First row: a column “code” and columns named by fact names or labels "
            "(in English or Chinese); money in yuan, or with 万 or 亿, or with the "
            "unit in the header as in “最近一年营业收入（万元）”."
        ),
    )

    def clean(self) -> dict:
        data = super().clean()
        upload = data.get("file")
        if upload is None:
            return data
        try:
            data["rows"], data["columns"] = read_population(upload)
        except UploadRefused as refused:
            problems = refused.problems
            shown = [ValidationError(p) for p in problems[:SHOWN_PROBLEMS]]
            if len(problems) > SHOWN_PROBLEMS:
                shown.append(
                    ValidationError(
                        _("…and %(count)s more problems.")
                        % {"count": len(problems) - SHOWN_PROBLEMS}
                    )
                )
            self.add_error("file", shown)
        return data

    @property
    def rows(self) -> list[Row]:
        return self.cleaned_data["rows"]


class SyntheticForm(forms.Form):
    size = forms.IntegerField(
        label=_("Enterprises"),
        min_value=1,
        max_value=SYNTHETIC_MAX_IN_FORM,
        initial=1000,
        help_text=_("Larger populations: manage.py synthetic_population --size N."),
    )
    seed = forms.IntegerField(label=_("Seed"), min_value=0, initial=0)


class RunForm(forms.Form):
    draft = forms.ModelChoiceField(
        label=_("Rules"),
        queryset=Policy.objects.filter(state=Policy.State.DRAFT).order_by(
            "order", "code"
        ),
        required=False,
        empty_label=_("The published rules"),
        help_text=_(
            "With a draft, the published rules are run too, and the page shows "
            "the draft's impact."
        ),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["draft"].label_from_instance = lambda policy: (
            f"{policy.code} v{policy.version}: {policy.title}"
        )
