"""Template tags and filters shared by the public pages: Markdown, translated fields, amounts.

Load with ``{% load platform %}``.
"""

import html
import re
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from catalogue.languages import fallback_language, page_language
from catalogue.markdown import render_markdown
from catalogue.models import EVIDENCE_LEVEL_EXPLANATIONS, EvidenceLevel

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Markdown rendered to HTML through the nh3 allow-list."""
    return render_markdown(text)


@register.filter
def markdown_text(text) -> str:
    """Markdown as plain text (for meta descriptions): rendered, sanitised, tags stripped, unescaped.

    The result is an ordinary string, so the template escapes it again where it is used.
    """
    return html.unescape(strip_tags(render_markdown(text))).strip()


@register.filter
def lang_attr(obj, field):
    """` lang="cs"` when the field is shown in another language than the page; else nothing."""
    code = fallback_language(obj, field)
    return format_html(' lang="{}"', code) if code else ""


@register.filter
def is_fallback(obj, field) -> bool:
    return fallback_language(obj, field) is not None


@register.simple_tag
def translated(obj, field, markdown=False, note=True):
    """A translated field in the page language, or in Czech marked ``lang="cs"`` when missing.

    ``markdown=True`` renders a block (``<div>``) of sanitised Markdown; otherwise the
    escaped text, wrapped in a ``<span lang>`` only when it falls back. ``note`` adds a
    short visible remark before a block shown in the other language.
    """
    value = getattr(obj, field, "") or ""
    code = fallback_language(obj, field)
    if markdown:
        html = render_markdown(value)
        if not code:
            return format_html('<div class="prose">{}</div>', html)
        remark = (
            format_html(
                '<p class="fallback-note">{}</p>',
                _("This section is not yet translated; shown in Czech."),
            )
            if note and code == "cs"
            else ""
        )
        return format_html('{}<div class="prose" lang="{}">{}</div>', remark, code, html)
    if not code:
        return conditional_escape(value)
    return format_html('<span lang="{}">{}</span>', code, value)


def _as_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def number(value):
    """A number in the page language's format, with as many decimals as it needs (none or two)."""
    amount = _as_decimal(value)
    if amount is None:
        return ""
    decimals = 0 if amount == amount.to_integral_value() else 2
    return number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.filter
def money(value, currency="CZK"):
    """An amount with its currency as the page language writes it: "1 500 000 Kč", "CZK 1,500,000"."""
    formatted = number(value)
    if not formatted:
        return ""
    if page_language() == "cs":
        symbol = "Kč" if currency == "CZK" else currency
        return mark_safe(f"{conditional_escape(formatted)}\u00a0{conditional_escape(symbol)}")
    return mark_safe(f"{conditional_escape(currency)}\u00a0{conditional_escape(formatted)}")


@register.filter
def evidence_explanation(level):
    """What an evidence level means for a reader, in the page language."""
    try:
        return EVIDENCE_LEVEL_EXPLANATIONS[EvidenceLevel(level)]
    except ValueError:
        return ""


@register.filter
def evidence_rank(level) -> int:
    """The position of an evidence level on the scale, 1 (not evaluated) to 5 (impact evaluation)."""
    try:
        return EvidenceLevel.values.index(level) + 1
    except ValueError:
        return 0


@register.simple_tag
def evidence_scale_length() -> int:
    return len(EvidenceLevel.values)


# A one-letter preposition or conjunction (v, k, s, z, o, u, a, i) followed by a space,
# at the start of a text or after a space or an opening bracket or quote.
ONE_LETTER_WORD = re.compile(r"(?<![^\s(\[„“\"'‚‘])([vkszouaiVKSZOUAI])[ \t\r\n]+")
HTML_TAG = re.compile(r"(<[^>]*>)")
RAW_TEXT_TAGS = re.compile(r"<(/?)(script|style|pre|code|textarea)\b", re.IGNORECASE)


def nbsp_after_one_letter_words(text: str) -> str:
    """Czech typography: a non-breaking space after a one-letter word, so no line ends with it."""
    return ONE_LETTER_WORD.sub("\\1\u00a0", text)


@register.filter(is_safe=True)
def typography(value):
    """Apply ``nbsp_after_one_letter_words`` to the text of an HTML fragment, never inside a tag.

    Use as ``{% filter typography %}…{% endfilter %}`` around rendered content.
    """
    parts = HTML_TAG.split(str(value))
    raw = 0  # depth inside <pre>, <code>, <script> …, whose text stays as it is
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            match = RAW_TEXT_TAGS.match(part)
            if match:
                raw = max(0, raw + (-1 if match.group(1) else 1))
            continue
        if not raw:
            parts[index] = nbsp_after_one_letter_words(part)
    return mark_safe("".join(parts))
