"""What every public detail page needs besides its entry: language fallback, preview banner, citation links."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from catalogue.exports import PUBLISHER
from catalogue.languages import has_text_in
from catalogue.models import Publishable, Status
from catalogue.registry import url_name_for


def crumb(label, url=None, lang=None) -> dict:
    """One step of the breadcrumb trail; the current page has no URL."""
    return {"label": label, "url": url, "lang": lang}


def has_english(obj, fields=("title", "summary")) -> bool:
    if isinstance(obj, Publishable):
        return obj.has_english
    return has_text_in(obj, fields, "en")


def preview_banner(entry) -> str:
    """The banner staff see on an entry the public cannot see; empty for a published entry."""
    if not isinstance(entry, Publishable) or entry.status == Status.PUBLISHED:
        return ""
    if entry.status == Status.ARCHIVED:
        state = _("Archived — no longer public.")
    elif entry.status == Status.REVIEW:
        state = _("In review — not public.")
    else:
        state = _("Draft — not public.")
    reason = _("You see this preview because you are signed in as staff.")
    return f"{state} {reason}"


def page_context(request, obj, english_fields=("title", "summary")) -> dict:
    """Context for a page that shows one object: which languages it exists in and its canonical URL.

    A page whose content has no English version is still served at /en/ (in Czech,
    marked ``lang="cs"``), but it points search engines at the Czech page and does not
    announce an English alternate.
    """
    english = has_english(obj, english_fields)
    context = {
        "entry_has_english": english,
        "show_fallback_notice": not english
        and translation.get_language() != settings.LANGUAGE_CODE,
        "preview_banner": preview_banner(obj),
    }
    if not english:
        with translation.override(settings.LANGUAGE_CODE):
            czech_path = obj.get_absolute_url()
        context["canonical_url"] = request.build_absolute_uri(czech_path)
        context["content_languages"] = [settings.LANGUAGE_CODE]
    if isinstance(obj, Publishable) and obj.english_out_of_date:
        with translation.override(settings.LANGUAGE_CODE):
            context["czech_url"] = obj.get_absolute_url()
    if isinstance(obj, Publishable):
        # The same publisher the RIS and BibTeX downloads name as the author.
        context["cite_publisher"] = PUBLISHER
        context["feed_url"] = reverse(url_name_for(obj, "feed"))
        context["feed_title"] = _("Newly published: %(catalogue)s") % {
            "catalogue": obj._meta.verbose_name_plural
        }
        try:
            context["cite_urls"] = {
                fmt: reverse(url_name_for(obj, "cite"), kwargs={"slug": obj.slug, "fmt": fmt})
                for fmt in ("ris", "bib")
            }
        except NoReverseMatch:
            context["cite_urls"] = {}
    return context
