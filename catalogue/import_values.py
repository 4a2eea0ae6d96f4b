"""How an import reads the values editors write: codes or names from a list, ano/ne,
numbers with a decimal comma, Czech dates, slugs of related records, several values
separated by MULTI_VALUE_SEPARATOR. A value that cannot be read raises ImportValueError,
whose message is written for the editor, never a Python exception's text."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import widgets

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# The one separator of several values in a cell: slugs never contain it, and it is
# rare enough in text that an editor does not type it by accident.
MULTI_VALUE_SEPARATOR = "|"


def normalise_header(text) -> str:
    """How headers and names are compared: case, spacing, underscores and a trailing '*'
    do not matter."""
    text = str(text or "").replace("_", " ").replace("\xa0", " ").strip().rstrip("*")
    return re.sub(r"\s+", " ", text).strip().casefold()


# --- values --------------------------------------------------------------------------


class ImportValueError(ValueError):
    """A value the editor must correct; its message is written for them."""


def cell_text(value) -> str:
    return "" if value is None else str(value).strip()


class SlugListWidget(widgets.ManyToManyWidget):
    """Slugs separated by '|'; an unknown slug is an error, not silently dropped."""

    def __init__(self, model):
        super().__init__(model, separator=MULTI_VALUE_SEPARATOR, field="slug")

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row=row, **kwargs)
        if value:
            wanted = {part.strip() for part in str(value).split(self.separator) if part.strip()}
            missing = sorted(wanted - set(found.values_list("slug", flat=True)))
            if missing:
                message = _("Unknown %(model)s: %(slugs)s") % {
                    "model": self.model._meta.verbose_name,
                    "slugs": ", ".join(missing),
                }
                if self.separator not in str(value) and re.search(r"[,;]", str(value)):
                    message += " " + separator_hint()
                raise ImportValueError(message)
        return found


def separator_hint() -> str:
    return _("Separate several values with a vertical bar “%(separator)s”.") % {
        "separator": MULTI_VALUE_SEPARATOR
    }


class SlugWidget(widgets.ForeignKeyWidget):
    """One related record named by its slug; an unknown slug is an error for the editor."""

    def __init__(self, model):
        super().__init__(model, "slug")

    def clean(self, value, row=None, **kwargs):
        if not cell_text(value):
            return None
        try:
            return self.get_queryset(value, row, **kwargs).get(slug=cell_text(value))
        except self.model.DoesNotExist:
            raise ImportValueError(
                _("Unknown %(model)s: %(slugs)s")
                % {"model": self.model._meta.verbose_name, "slugs": cell_text(value)}
            ) from None


def choice_names(choices) -> dict[str, str]:
    """Every way an editor may write a choice (its code, its name in either language)."""
    names = {}
    for value, label in choices:
        names[normalise_header(value)] = value
        for code in LANGUAGE_CODES:
            with translation.override(code):
                names.setdefault(normalise_header(str(label)), value)
    return names


def allowed_codes(choices) -> str:
    return ", ".join(str(value) for value, _label in choices)


class ChoiceWidget(widgets.CharWidget):
    """One value from a fixed list, written as its code or its name in either language."""

    def __init__(self, choices, default=""):
        super().__init__()
        self.choices = list(choices)
        self.default = default

    def clean(self, value, row=None, **kwargs):
        if not cell_text(value):
            return self.default
        found = choice_names(self.choices).get(normalise_header(value))
        if found is None:
            raise ImportValueError(
                _("“%(value)s” is not one of the allowed values: %(allowed)s.")
                % {"value": cell_text(value), "allowed": allowed_codes(self.choices)}
            )
        return found


class ChoiceListWidget(widgets.SimpleArrayWidget):
    """Several values from a fixed list, separated by '|'."""

    def __init__(self, choices):
        super().__init__(separator=MULTI_VALUE_SEPARATOR)
        self.choices = list(choices)

    def clean(self, value, row=None, **kwargs):
        names = choice_names(self.choices)
        found, unknown = [], []
        for part in cell_text(value).split(self.separator):
            if part.strip():
                code = names.get(normalise_header(part))
                (found if code is not None else unknown).append(code or part.strip())
        if unknown:
            message = _("“%(value)s” is not one of the allowed values: %(allowed)s.") % {
                "value": ", ".join(unknown),
                "allowed": allowed_codes(self.choices),
            }
            if self.separator not in cell_text(value) and re.search(r"[,;]", cell_text(value)):
                message += " " + separator_hint()
            raise ImportValueError(message)
        return found


YES = {"1", "true", "yes", "y", "ano", "a", "x", "✓"}
NO = {"0", "false", "no", "n", "ne", "-", ""}


class YesNoWidget(widgets.BooleanWidget):
    """ano/ne or yes/no (also 1/0, true/false); empty is no."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = normalise_header(value)
        if text in YES:
            return True
        if text in NO:
            return False
        raise ImportValueError(
            _("“%(value)s” is neither yes nor no: write ano or ne (yes or no).")
            % {"value": cell_text(value)}
        )

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return _("yes") if value else _("no")


def _number(value) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise InvalidOperation
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    text = re.sub(r"[\s\xa0\u202f]", "", str(value)).replace(",", ".")
    number = Decimal(text)
    if not number.is_finite():
        raise InvalidOperation
    return number


class WholeNumberWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            number = _number(value)
        except InvalidOperation:
            number = Decimal("NaN")
        if number is not None and (number.is_nan() or number != number.to_integral_value()):
            raise ImportValueError(
                _("“%(value)s” is not a whole number (for example 2021).")
                % {"value": cell_text(value)}
            )
        return None if number is None else int(number)


class DecimalNumberWidget(widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return _number(value)
        except InvalidOperation:
            raise ImportValueError(
                _(
                    "“%(value)s” is not a number: write digits with a decimal comma or point, "
                    "without spaces or a currency (for example 1250000 or 54,5)."
                )
                % {"value": cell_text(value)}
            ) from None


DATE_FORMATS = ("%Y-%m-%d", "%d. %m. %Y", "%d.%m.%Y", "%d. %m.%Y")


class DayWidget(widgets.DateWidget):
    """A date as 2026-03-31 or 31. 3. 2026 (or a date cell of a spreadsheet)."""

    def __init__(self):
        super().__init__(format="%Y-%m-%d")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = cell_text(value)
        if not text:
            return None
        for pattern in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ImportValueError(
            _("“%(value)s” is not a date: write it as 2026-03-31 or 31. 3. 2026.") % {"value": text}
        )


def platform_widget(django_field):
    """The widget that reads an editor's value for this model field, or None for text."""
    if isinstance(django_field, models.BooleanField):
        return YesNoWidget()
    if getattr(django_field, "base_field", None) is not None and django_field.base_field.choices:
        return ChoiceListWidget(django_field.base_field.choices)
    if django_field.choices:
        default = django_field.default if django_field.has_default() else ""
        return ChoiceWidget(django_field.choices, default=default)
    if isinstance(django_field, models.DecimalField):
        return DecimalNumberWidget()
    if isinstance(django_field, (models.IntegerField, models.FloatField)):
        return WholeNumberWidget()
    if isinstance(django_field, models.DateField) and not isinstance(
        django_field, models.DateTimeField
    ):
        return DayWidget()
    return None
