"""Small builders for test data. Every catalogue entry is published unless told otherwise."""

import csv
import io
import itertools
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import openpyxl
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from catalogue.columns import columns_for, expand
from catalogue.models import Status
from instruments.models import Instrument
from platform_site.management.commands.setup_site import fixture_files
from projects.models import Project
from strategies.models import Scenario, Step, Strategy
from taxonomy.models import Organisation, Place, Source, TargetGroup, Theme

_counter = itertools.count(1)


def _n():
    return next(_counter)


def make_theme(slug=None, name_cs=None, name_en=None):
    n = _n()
    return Theme.objects.create(
        slug=slug or f"theme-{n}", name_cs=name_cs or f"Téma {n}", name_en=name_en or f"Theme {n}"
    )


def make_target_group(slug=None, name_cs=None, name_en=None):
    n = _n()
    return TargetGroup.objects.create(
        slug=slug or f"group-{n}",
        name_cs=name_cs or f"Skupina {n}",
        name_en=name_en or f"Group {n}",
    )


def make_place(
    slug=None, kind=Place.Kind.MUNICIPALITY, parent=None, code="", name_cs=None, name_en=None
):
    n = _n()
    return Place.objects.create(
        slug=slug or f"place-{n}",
        kind=kind,
        parent=parent,
        code=code,
        name_cs=name_cs or f"Místo {n}",
        name_en=name_en or name_cs or f"Place {n}",
    )


def make_organisation(slug=None, kind=Organisation.Kind.NGO, name_cs=None, name_en=None, **extra):
    n = _n()
    return Organisation.objects.create(
        slug=slug or f"org-{n}",
        kind=kind,
        name_cs=name_cs or f"Organizace {n}",
        name_en=name_en or f"Organisation {n}",
        **extra,
    )


def make_source(slug=None, title=None, **extra):
    n = _n()
    return Source.objects.create(slug=slug or f"source-{n}", title=title or f"Source {n}", **extra)


def _entry_fields(n, kind, title_cs, title_en, summary_cs, summary_en, status):
    return {
        "slug": f"{kind}-{n}",
        "title_cs": title_cs or f"Český název {kind} {n}",
        "title_en": title_en if title_en is not None else f"English title {kind} {n}",
        "summary_cs": summary_cs or f"Krátké shrnutí {n}.",
        "summary_en": summary_en if summary_en is not None else f"Short summary {n}.",
        "status": status,
    }


def make_project(
    title_cs=None, title_en=None, summary_cs=None, summary_en=None, status=Status.PUBLISHED, **extra
):
    fields = _entry_fields(_n(), "project", title_cs, title_en, summary_cs, summary_en, status)
    fields.update(extra)
    return Project.objects.create(**fields)


def make_instrument(
    title_cs=None, title_en=None, summary_cs=None, summary_en=None, status=Status.PUBLISHED, **extra
):
    fields = _entry_fields(_n(), "instrument", title_cs, title_en, summary_cs, summary_en, status)
    fields.setdefault("kind", "financial")
    fields.setdefault("level", "national")
    fields.update(extra)
    return Instrument.objects.create(**fields)


def make_scenario(slug=None, title_cs=None, title_en=None):
    n = _n()
    return Scenario.objects.create(
        slug=slug or f"scenario-{n}",
        title_cs=title_cs or f"Scénář {n}",
        title_en=title_en or f"Scenario {n}",
        situation_cs="Popis situace.",
        situation_en="What the situation is.",
    )


def make_strategy(
    scenario=None,
    title_cs=None,
    title_en=None,
    summary_cs=None,
    summary_en=None,
    status=Status.PUBLISHED,
    **extra,
):
    fields = _entry_fields(_n(), "strategy", title_cs, title_en, summary_cs, summary_en, status)
    fields["scenario"] = scenario or make_scenario()
    fields.setdefault("place_kind", "city")
    fields.update(extra)
    return Strategy.objects.create(**fields)


def make_step(strategy, phase=Step.Phase.PREPARE, position=0, instruments=(), projects=(), **extra):
    n = _n()
    step = Step.objects.create(
        strategy=strategy,
        phase=phase,
        position=position,
        title_cs=extra.pop("title_cs", f"Krok {n}"),
        title_en=extra.pop("title_en", f"Step {n}"),
        responsible_cs=extra.pop("responsible_cs", "Starosta"),
        responsible_en=extra.pop("responsible_en", "The mayor"),
        **extra,
    )
    step.instruments.set(instruments)
    step.projects.set(projects)
    return step


def form_data(form) -> dict:
    """What a browser posts for a Django form as it was rendered (no change made)."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if value is True:
            data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = str(value)
    return data


def admin_form_data(response, **overrides) -> dict:
    """What the admin change form of ``response`` posts, inline rows included, plus overrides."""
    context = response.context
    data = form_data(context["adminform"].form)
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(form_data(formset.management_form))
        for form in formset.forms:
            data.update(form_data(form))
    data.update(overrides)
    return data


# --- helpers several test modules share ------------------------------------------------

BASE_DIR = Path(__file__).resolve().parent.parent  # the checkout


def production_env(**overrides) -> dict[str, str]:
    """The environment of a production process (DEBUG off), without the test settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "platform_site.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "integrace.example.cz",
            "DJANGO_CSRF_TRUSTED_ORIGINS": "https://integrace.example.cz",
            # Never contacted by these commands; a real server is given where one is needed.
            "DATABASE_URL": "postgres://nobody@127.0.0.1:9/nothing",
            "PYTHONPATH": str(BASE_DIR),
        }
    )
    env.update(overrides)
    return env


def manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def project_form_data(**overrides):
    """What the project change form posts, with no inline rows."""
    data = {
        "title_cs": "Adaptační kurzy pro cizince",
        "title_en": "Adaptation courses for foreigners",
        "slug": "adaptacni-kurzy",
        "summary_cs": "Kurzy pro nově příchozí.",
        "summary_en": "Courses for newcomers.",
        "evidence_level": "not_evaluated",
        "contact_name": "",
        "website": "",
    }
    for prefix in ("partnerships", "funding_lines", "key_figures"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


def load_fixtures():
    call_command("loaddata", *[str(path) for path in fixture_files()], verbosity=0)


LIST_URLS = {
    "projects": "projects:list",
    "instruments": "instruments:list",
    "strategies": "strategies:list",
    "organisations": "taxonomy:organisations",
}
EXPORT_URLS = {
    "projects": "projects:export",
    "instruments": "instruments:export",
    "strategies": "strategies:export",
    "organisations": "taxonomy:organisations-export",
}


def body(response) -> bytes:
    """The whole body of a response, streamed or not (exports stream)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


class Export:
    """A downloaded file, parsed: its headers and its rows as {key: cell}."""

    def __init__(self, response, catalogue, fmt, lang):
        self.response = response
        self.fmt = fmt
        self.content = body(response)  # a streamed body can be read only once
        keys = [key for _c, _l, key in expand(columns_for(catalogue), lang)]
        if fmt == "json":
            self.document = json.loads(self.content)
            self.headers = [column["label"] for column in self.document["columns"]]
            self.rows = self.document["entries"]
            assert [column["key"] for column in self.document["columns"]] == keys
            return
        if fmt == "csv":
            text = self.content
            assert text.startswith("\ufeff".encode())
            table = list(csv.reader(io.StringIO(text.decode("utf-8-sig"), newline="")))
        else:
            sheet = openpyxl.load_workbook(io.BytesIO(self.content)).active
            table = [list(row) for row in sheet.iter_rows(values_only=True)]
        self.headers = table[0]
        self.rows = [dict(zip(keys, row, strict=True)) for row in table[1:]]

    @property
    def slugs(self):
        return [row["slug"] for row in self.rows]


def download(client, catalogue, fmt, params=None, language="cs"):
    with translation.override(language):
        url = reverse(EXPORT_URLS[catalogue], kwargs={"fmt": fmt})
    response = client.get(url, params or {})
    assert response.status_code == 200, response.content[:500]
    lang = (params or {}).get("lang", language)
    return Export(response, catalogue, fmt, lang)


def page_slugs(client, catalogue, params=None, language="cs"):
    """The rows the list page counts, in its order (all pages)."""
    with translation.override(language):
        url = reverse(LIST_URLS[catalogue])
    response = client.get(url, params or {})
    assert response.status_code == 200
    paginator = response.context["page_obj"].paginator
    slugs = [entry.slug for entry in paginator.object_list]
    assert len(slugs) == paginator.count
    return slugs
