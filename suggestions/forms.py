"""The public suggestion form: plain text, small, and hard for bots."""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from catalogue import registry
from suggestions.models import Suggestion

TOKEN_SALT = "suggestions.form-started"
TOKEN_MAX_AGE = 24 * 3600
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

CORRECTION_HELP = _("What is wrong or missing, and what the right information is.")


def start_token() -> str:
    return signing.dumps(time.time(), salt=TOKEN_SALT)


def plain_text(value: str) -> str:
    """Keep the words, drop HTML tags and control characters: suggestions are plain text."""
    return CONTROL_CHARACTERS.sub("", strip_tags(value or "")).strip()


class SuggestionForm(forms.ModelForm):
    # Bots fill every field; people never see this one (it is hidden by the style sheet).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Suggestion
        fields = [
            "title",
            "description",
            "place",
            "organisation",
            "source_url",
            "submitter_name",
            "submitter_email",
            "submitter_organisation",
        ]
        labels = {
            "description": _("Description"),
            "place": _("Place (municipality, region)"),
            "organisation": _("Who runs or administers it"),
            "source_url": _("Web page or document where we can read more"),
            "submitter_name": _("Your name"),
            "submitter_email": _("Your e-mail"),
            "submitter_organisation": _("Your organisation"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, catalogue: str, correction: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_fast = False
        if not self.is_bound:
            self.initial["started"] = start_token()
        title = self.fields["title"]
        description = self.fields["description"]
        description.widget.attrs["maxlength"] = Suggestion._meta.get_field("description").max_length
        if correction:
            title.label = _("What should be corrected (in a few words)")
            description.label = _("The correction")
            description.help_text = CORRECTION_HELP
            for name in ("place", "organisation"):
                del self.fields[name]
        else:
            # What the first field is called and what the description should say are the
            # catalogue's own phrases, as are the optional fields it asks for.
            spec = registry.catalogue(catalogue) if registry.is_catalogue(catalogue) else None
            if spec is not None:
                title.label = spec.phrase("suggestion_title", default=title.label)
                description.help_text = spec.phrase("suggestion_description")
            if spec is None or "place" not in spec.suggestion_fields:
                del self.fields["place"]
        self.fields["submitter_email"].help_text = _(
            "Optional. Only the editors see it, to ask you a question; it is never published."
        )

    def clean_title(self):
        return plain_text(self.cleaned_data["title"])

    def clean_description(self):
        return plain_text(self.cleaned_data["description"])

    def clean_place(self):
        return plain_text(self.cleaned_data.get("place", ""))

    def clean_organisation(self):
        return plain_text(self.cleaned_data.get("organisation", ""))

    def clean_submitter_name(self):
        return plain_text(self.cleaned_data["submitter_name"])

    def clean_submitter_organisation(self):
        return plain_text(self.cleaned_data["submitter_organisation"])

    def clean(self):
        cleaned = super().clean()
        for name in ("title", "description"):
            if name in cleaned and not cleaned[name]:
                self.add_error(name, _("Please write a few words here."))
        try:
            started = signing.loads(
                self.data.get("started", ""), salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE
            )
        except (signing.BadSignature, TypeError):
            started = None
        if started is None or time.time() - float(started) < settings.SUGGESTION_MIN_SECONDS:
            # A person needs more than a few seconds; keep what was typed and ask again.
            self.too_fast = True
            self.data = self.data.copy()
            self.data["started"] = start_token()
            raise forms.ValidationError(
                _(
                    "The form was sent too quickly or has expired. Please check it and "
                    "send it again."
                ),
                code="too_fast",
            )
        return cleaned

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
