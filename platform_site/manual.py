"""The manual of instruments: a publication built from the live catalogue.

Any query string of the instrument list selects an edition ("for city districts",
"Liberecký kraj" …): the manual reads the same validated list state as the list
page, so it holds exactly the instruments the list shows. The same edition is
served as a web page (with a print stylesheet) and as a tagged PDF, which is
rendered once for each version of its content, off the request when it takes
long (see ``pdf.pdf_or_start_render``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from catalogue import pdf, registry
from catalogue.collation import sort_key
from catalogue.exports import LICENCE, PUBLISHER
from catalogue.listing import ListState, list_state
from catalogue.models import EVIDENCE_LEVEL_EXPLANATIONS, EvidenceLevel, Status

MANUAL_STYLESHEETS = ("css/manual-pdf.css",)
EXAMPLE_PROJECTS_PER_INSTRUMENT = 3


@dataclass
class Chapter:
    anchor: str
    title: str
    sections: list = field(default_factory=list)  # [(anchor, title, [instrument, …])]


@dataclass
class Edition:
    state: ListState
    language: str
    instruments: list
    filters: list  # [(facet label, value label)]
    updated_at: object
    permalink: str
    pdf_url: str
    html_url: str
    list_url: str

    @property
    def querystring(self) -> str:
        return self.state.querystring


def _instrument_model():
    return registry.provider("funding").model


def _edition_filters(state: ListState) -> list[tuple[str, str]]:
    """The active filters as (label, value) pairs, for the edition's title page."""
    filterset = state.filterset
    cleaned = filterset.form.cleaned_data
    pairs = []
    if state.query:
        pairs.append((_("Search"), state.query))
    for name in filterset.facet_names():
        selected = cleaned.get(name) or []
        flt = filterset.filters[name]
        for _value, label in flt.labels(selected):
            pairs.append((str(flt.label), label))
    return pairs


def _with_manual_relations(queryset):
    """Everything the instrument layout shows, fetched with the rows (a fixed number of queries)."""
    Project = registry.provider("practice").model
    TargetGroup = apps.get_model("taxonomy", "TargetGroup")
    return queryset.select_related("administrator", "parent", "successor").prefetch_related(
        Prefetch("target_groups", queryset=TargetGroup.objects.order_by("position", "slug")),
        Prefetch(
            "funding_lines__project",
            queryset=Project.objects.published(),
        ),
    )


def example_projects(instrument) -> list:
    """Published projects the instrument funded (from the prefetched funding lines)."""
    seen, projects = set(), []
    for line in instrument.funding_lines.all():
        try:
            project = line.project
        except ObjectDoesNotExist:
            continue  # a draft's line: the prefetch fetched published projects only
        if project is not None and project.status == Status.PUBLISHED and project.pk not in seen:
            seen.add(project.pk)
            projects.append(project)
    return projects[:EXAMPLE_PROJECTS_PER_INSTRUMENT]


def build_edition(request) -> Edition:
    """The edition the query string asks for: the instrument list's rows, with what the manual shows."""
    funding = registry.provider("funding")
    state = list_state(request, funding.key, with_facets=False)
    instruments = list(_with_manual_relations(state.queryset))
    for instrument in instruments:
        instrument.example_projects = example_projects(instrument)
    suffix = f"?{state.querystring}" if state.querystring else ""
    html_url = reverse("manual") + suffix
    return Edition(
        state=state,
        language=get_language(),
        instruments=instruments,
        filters=_edition_filters(state),
        updated_at=max((entry.updated_at for entry in instruments), default=None),
        permalink=request.build_absolute_uri(html_url),
        pdf_url=reverse("manual-pdf") + suffix,
        html_url=html_url,
        list_url=reverse(funding.list_url_name) + suffix,
    )


def chapters_by_kind(edition: Edition) -> list[Chapter]:
    """One chapter per kind of instrument, one section per level, in the vocabularies' order."""
    Instrument = _instrument_model()
    kinds = Instrument._meta.get_field("kind").choices
    levels = Instrument._meta.get_field("level").choices
    chapters = []
    for kind, kind_label in kinds:
        of_kind = [entry for entry in edition.instruments if entry.kind == kind]
        if not of_kind:
            continue
        chapter = Chapter(anchor=f"kind-{kind}", title=str(kind_label))
        for level, level_label in levels:
            entries = [entry for entry in of_kind if entry.level == level]
            if entries:
                chapter.sections.append((f"kind-{kind}-{level}", str(level_label), entries))
        chapters.append(chapter)
    return chapters


def by_target_group(edition: Edition) -> tuple[list, list]:
    """Which instruments of the edition serve each target group, and the groups none serves."""
    TargetGroup = apps.get_model("taxonomy", "TargetGroup")
    served, unserved = [], []
    for group in TargetGroup.objects.order_by("position", "slug"):
        entries = [
            entry
            for entry in edition.instruments
            if any(item.pk == group.pk for item in entry.target_groups.all())
        ]
        (served if entries else unserved).append((group, entries))
    return served, [group for group, _entries in unserved]


def index_entries(edition: Edition) -> list[tuple[str, object]]:
    """Every instrument under its title and under its acronym, in the language's alphabetical order."""
    language = edition.language
    rows = []
    for entry in edition.instruments:
        rows.append((entry.title, entry))
        if entry.acronym:
            rows.append((entry.acronym, entry))
    rows.sort(key=lambda row: sort_key(row[0], language))
    return rows


def manual_context(request, edition: Edition) -> dict:
    served, unserved = by_target_group(edition)
    return {
        "edition": edition,
        "chapters": chapters_by_kind(edition),
        "served_groups": served,
        "unserved_groups": unserved,
        "index_rows": index_entries(edition),
        "evidence_levels": [
            (label, EVIDENCE_LEVEL_EXPLANATIONS[value]) for value, label in EvidenceLevel.choices
        ],
        "call_statuses": call_status_explanations(),
        "licence": LICENCE,
        "publisher": PUBLISHER,
        "canonical_url": edition.permalink,
        "site_url": request.build_absolute_uri("/").rstrip("/"),
    }


def call_status_explanations() -> list[tuple[str, str]]:
    CallStatus = _instrument_model()._meta.get_field("call_status")
    explanations = {
        "open": _("Applications are being accepted now, until the deadline shown."),
        "planned": _("The administrator has announced a call that is not open yet."),
        "closed": _("The last call has closed; another may follow."),
        "permanent": _("Available at any time, without a call."),
        "ended": _("The instrument has ended; no further calls are expected."),
        "unknown": _(
            "Whether a call is open is not known, or its last known deadline has passed: check with the administrator."
        ),
    }
    return [
        (str(label), explanations.get(value, ""))
        for value, label in CallStatus.choices
        if value in explanations
    ]


@require_GET
def manual_page(request):
    edition = build_edition(request)
    return render(request, "platform_site/manual.html", manual_context(request, edition))


@require_GET
def manual_pdf(request):
    if pdf.unavailable_reason():
        return pdf.pdf_unavailable_response(request, html_url=build_edition(request).html_url)
    edition = build_edition(request)
    html = manual_pdf_html(request, edition)
    content = pdf.pdf_or_start_render(
        html, stylesheets=MANUAL_STYLESHEETS, base_url=request.build_absolute_uri("/")
    )
    if content is None:  # a long edition, still being rendered
        return pdf.pdf_pending_response(request, html_url=edition.html_url)
    return pdf.pdf_response(content, filename=manual_filename(edition))


def manual_pdf_html(request, edition: Edition) -> str:
    """The document the PDF of an edition is rendered from."""
    return render_to_string(
        "platform_site/manual_pdf.html", manual_context(request, edition), request=request
    )


def manual_filename(edition: Edition) -> str:
    stem = "prirucka-nastroju" if edition.language == "cs" else "manual-of-instruments"
    date = edition.updated_at.date().isoformat() if edition.updated_at else "empty"
    return f"{stem}-{date}.pdf"
