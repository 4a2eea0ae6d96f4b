"""Entries side by side: the values of a comparison row, and the helpers that build them.

A catalogue that can be compared registers ``compare_rows`` (a callable returning
``(label, getter)`` pairs, each getter returning a ``Value`` for one entry) and, when
its rows read related records, ``compare_queryset``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString

from catalogue.languages import fallback_language
from catalogue.markdown import render_markdown
from catalogue.templatetags.platform import markdown_text, money


@dataclass
class Value:
    text: str  # plain text, for the CSV and for screen readers
    html: SafeString | str = ""  # what the page shows, when it is richer than the text
    lang: str | None = None  # the language the content is in when it is not the page's

    def __str__(self):
        return self.text


def text(obj, name: str) -> Value:
    value = getattr(obj, name, "") or ""
    return Value(str(value), lang=fallback_language(obj, name) if value else None)


def markdown(obj, name: str) -> Value:
    value = getattr(obj, name, "") or ""
    if not value:
        return Value("–")
    return Value(markdown_text(value), render_markdown(value), fallback_language(obj, name))


def names(items) -> Value:
    labels = [str(item) for item in items]
    return Value("; ".join(labels) if labels else "–")


def amount(value, currency) -> Value:
    if value is None:
        return Value("–")
    shown = money(value, currency)
    return Value(str(shown), shown)


def choice(obj, name: str) -> Value:
    return Value(str(getattr(obj, f"get_{name}_display")() or "–"))


def evidence(entry) -> Value:
    return Value(str(entry.get_evidence_level_display()))
