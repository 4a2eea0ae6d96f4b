"""The catalogues the shared machinery knows about, each registered once by its own app.

A catalogue app describes its whole catalogue in one ``Catalogue`` object and registers
it in its ``AppConfig.ready()``: the model, the FilterSet of its list, the columns of
its exports, its API serializer and viewset, what its detail page prefetches, the
panels of related entries, its label in the navigation, its URL names and its feed.
Navigation, URL routing, exports, the Data page, the API router, sitemaps, feeds and
roles all read this registry; ``catalogue/`` never imports a catalogue app.

Endpoints of the API that are no catalogue's (reference lists such as places) are added
by their own app with ``register_api_endpoint``; the router and the API page read
``api_endpoints()``.

A catalogue may add a panel to another one's detail page (strategies that cite a
project) with ``contribute_panel``, so that dependencies keep pointing one way. A page of
the site shell that an entry's page links to (the finder, pre-filled with a strategy's
situation) is registered by the shell with ``register_page_link``: a catalogue app asks
``page_link`` for its address and never imports the shell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string


def resolve(value):
    """A class or function given directly or by its dotted path (imported on first use)."""
    return import_string(value) if isinstance(value, str) else value


@dataclass
class Catalogue:
    key: str  # "projects": the URL namespace, the API prefix and the name of the export files
    model: type
    filterset: Any  # the FilterSet class of the list page (or its dotted path)
    columns: Any  # a callable returning the export columns (or its dotted path)
    label: Any = (
        None  # the name in the navigation and on the Data page; the model's plural by default
    )
    # The API endpoint (/api/v1/<api_prefix>/ and /api/v1/<api_prefix>/<slug>/), given by
    # dotted path so that apps.py imports nothing heavy: ``viewset`` is usually a subclass of
    # ``catalogue.api.CatalogueViewSet`` with ``catalogue = <key>``, whose list reads the
    # validated ListState like the list page, and ``serializer`` its serializer (usually on
    # ``catalogue.api.EntrySerializer``). A catalogue without a viewset has no endpoint.
    serializer: Any = None  # the API serializer (or its dotted path): "<app>.serializers.X"
    viewset: Any = None  # the API viewset (or its dotted path): "<app>.api.XViewSet"
    api_prefix: str = ""  # the path under /api/v1/; the key by default
    api_basename: str = ""  # the name of the API routes ("api:<basename>-list"); the model name
    # What the detail page fetches with the entry.
    detail_select: tuple = ()
    detail_prefetch: Any = ()  # a tuple, or a callable returning one (or its dotted path)
    # callable(entry) -> dict of panels for the detail page (its own related entries).
    related: Any = None
    # How lists of this catalogue's entries on other pages are ordered (a place's page).
    related_ordering: tuple = ("slug",)
    # callable() -> {section: Sitemap} of the app's other pages in sitemap.xml.
    sitemaps: Any = None
    # callable() -> list of vocabularies (allowed values) the Data page documents.
    vocabularies: Any = None
    # True for catalogues of publishable entries (search, sitemaps, feeds, citations,
    # home page); False for lists of reference records such as organisations.
    entries: bool = True
    in_navigation: bool = True
    # URL names; each defaults to "<key>:<name>".
    list_url_name: str = ""
    detail_url_name: str = ""
    export_url_name: str = ""
    feed_url_name: str = ""
    cite_url_name: str = ""
    # The iCal feed of the dates in a filtered list, for a catalogue that has one.
    ical_url_name: str = ""
    # Where the root URLs include the app's ``urls.py`` (``catalogue.urls.registered_urls``):
    # "<key>/" and "<app label>.urls" by default. A catalogue that shares its app's URL
    # module with another page names the prefix of the whole module ("" for taxonomy).
    url_prefix: str | None = None
    urlconf: str = ""
    list_template: str = ""
    detail_template: str = ""
    # callable(request, entry) -> extra context of the detail page (breadcrumbs and the like).
    detail_context: Any = None
    # The permissions of each role in this app: {"Editors": {"project": ("add", ...)}, ...}.
    roles: dict = field(default_factory=dict)
    # Where the catalogue goes in navigation and listings (lower first).
    position: int = 100
    # The parts this catalogue plays on the site's own pages, by name, so that those pages
    # ask the registry instead of naming a catalogue: "funding" (the instruments the
    # finder, the calendar and the manual read), "coverage" (counted in the coverage map),
    # "practice" (what has been tried: the examples under an instrument, the evidence
    # and funding a place's page charts), "situations" (the strategies the finder picks
    # for a crisis scenario and a place's page lists for its kind of place).
    provides: tuple = ()
    # The app's other models those pages read, by the part they play: {"funding_line":
    # "projects.FundingLine"} ("<app label>.<model>" or the class); see ``model()``.
    part_models: dict = field(default_factory=dict)
    # Entries compared side by side (catalogue.comparison): callable() -> [(label, getter)]
    # and callable(queryset) -> queryset with what the rows read (or their dotted paths).
    compare_rows: Any = None
    compare_queryset: Any = None
    # What the site's pages say about this catalogue, by name: "tagline" (its card on
    # the home page), "place" (its count on a place's page), "suggestion_title" and
    # "suggestion_description" (the label of the first field of the suggestion form and
    # the help of its description), "api" (how the API page's description names it) …
    # A value is a text or a callable(count) -> text for
    # a phrase with a number.
    phrases: dict = field(default_factory=dict)
    # The optional fields of the suggestion form a new entry of this catalogue asks for
    # ("place": where it happened); the others are left out.
    suggestion_fields: tuple = ()
    # callable() -> dict added to the home page's context (its scenarios, its good practice).
    home_context: Any = None

    def __post_init__(self):
        defaults = {
            "list_url_name": f"{self.key}:list",
            "detail_url_name": f"{self.key}:detail",
            "export_url_name": f"{self.key}:export",
            "feed_url_name": f"{self.key}:feed",
            "cite_url_name": f"{self.key}:cite",
            "list_template": f"{self.app_label}/list.html",
            "detail_template": f"{self.app_label}/detail.html",
            "api_prefix": self.key.replace("_", "-"),
            "api_basename": self.model._meta.model_name,
            "urlconf": f"{self.model._meta.app_config.name}.urls",
        }
        for name, value in defaults.items():
            if not getattr(self, name):
                setattr(self, name, value)
        if self.url_prefix is None:
            self.url_prefix = f"{self.key}/"

    @property
    def app_label(self) -> str:
        return self.model._meta.app_label

    @property
    def name(self):
        """The catalogue's name as a visitor reads it (lazy, in the active language)."""
        return self.label if self.label is not None else self.model._meta.verbose_name_plural

    def filterset_class(self):
        return resolve(self.filterset)

    def export_columns(self):
        return resolve(self.columns)()

    def serializer_class(self):
        return resolve(self.serializer)

    def viewset_class(self):
        return resolve(self.viewset)

    def api_endpoint(self) -> ApiEndpoint | None:
        """The catalogue's API endpoint, or None when it registers no viewset."""
        if not self.viewset:
            return None
        return ApiEndpoint(
            prefix=self.api_prefix,
            viewset=self.viewset,
            basename=self.api_basename,
            title=self.name,
            position=self.position,
            filterset=self.filterset,
        )

    def prefetches(self) -> tuple:
        spec = (
            resolve(self.detail_prefetch)
            if isinstance(self.detail_prefetch, str)
            else self.detail_prefetch
        )
        return tuple(spec() if callable(spec) else spec)

    def detail_queryset(self, user=None):
        """The entries a detail page may show to ``user``, with what the page needs."""
        manager = self.model.objects
        queryset = manager.visible_to(user) if hasattr(manager, "visible_to") else manager.all()
        if self.detail_select:
            queryset = queryset.select_related(*self.detail_select)
        return queryset.prefetch_related(*self.prefetches())

    def panels(self, entry) -> dict:
        """The related entries the detail page shows: its own panels and those others add."""
        result = dict(resolve(self.related)(entry)) if self.related else {}
        for name, selector in _contributed.get(self.key, {}).items():
            if isinstance(name, tuple):  # a selector giving several panels at once
                result.update(resolve(selector)(entry))
            else:
                result[name] = resolve(selector)(entry)
        return result

    def phrase(self, name: str, *args, default=""):
        """The text page ``name`` shows for this catalogue (see ``phrases``)."""
        value = self.phrases.get(name, default)
        return value(*args) if callable(value) else value

    def vocabulary_list(self) -> list:
        return list(resolve(self.vocabularies)()) if self.vocabularies else []


@dataclass
class ApiEndpoint:
    """One read-only endpoint of the API: /api/v1/<prefix>/ and /api/v1/<prefix>/<slug>/.

    A catalogue's endpoint comes from its registration (``Catalogue.viewset``); an app
    registers the endpoints of its other lists (themes, places, scenarios …) with
    ``register_api_endpoint``. The router in the project shell and the API page read
    ``api_endpoints()``.
    """

    prefix: str  # the path under /api/v1/
    viewset: Any  # the viewset class (or its dotted path)
    basename: str  # the name of the routes: "api:<basename>-list", "api:<basename>-detail"
    title: Any  # the endpoint's name on the API page (lazy, translated)
    position: int = 100  # where it goes in the API root and on the API page (lower first)
    # The FilterSet (or its dotted path) whose filters the API page lists; the viewset's
    # ``filterset_class`` by default, none when it has none.
    filterset: Any = None

    def viewset_class(self):
        return resolve(self.viewset)

    def filter_names(self) -> tuple[str, ...]:
        filterset = resolve(self.filterset) or getattr(
            self.viewset_class(), "filterset_class", None
        )
        return tuple(filterset.base_filters) if filterset is not None else ()


_catalogues: dict[str, Catalogue] = {}
_api_endpoints: dict[str, ApiEndpoint] = {}
_contributed: dict[str, dict[str, Any]] = {}
_roles: dict[str, dict] = {}
_page_links: dict[str, Any] = {}


def register(catalogue: Catalogue) -> Catalogue:
    _catalogues[catalogue.key] = catalogue
    return catalogue


def unregister(key: str) -> None:
    _catalogues.pop(key, None)
    _contributed.pop(key, None)


def contribute_panel(key: str, name: str, selector) -> None:
    """Add the panel ``name`` (``selector(entry)`` -> entries) to the detail page of catalogue ``key``."""
    _contributed.setdefault(key, {})[name] = selector


def register_roles(app_label: str, roles: dict) -> None:
    """The permissions of each role in an app that holds no catalogue (suggestions and the like)."""
    _roles.setdefault(app_label, {}).update(roles)


def roles() -> dict[str, dict[str, dict]]:
    """{role: {app label: {model: actions}}}, as each app declares it."""
    result: dict[str, dict[str, dict]] = {}
    declared = [(c.app_label, c.roles) for c in all_catalogues()] + list(_roles.items())
    for app_label, app_roles in declared:
        for name, models in app_roles.items():
            result.setdefault(name, {}).setdefault(app_label, {}).update(models)
    return result


def contribute_panels(key: str, selector) -> None:
    """Add the panels ``selector(entry)`` returns (a dict) to the detail page of catalogue ``key``."""
    _contributed.setdefault(key, {})[(selector,)] = selector


def register_page_link(name: str, builder) -> None:
    """The page ``name`` whose address ``builder(*values)`` gives (or its dotted path).

    Registered by the app that owns the page ("finder": the finder pre-filled with a
    strategy's situation), so that the entries' pages linking to it need not import it.
    """
    _page_links[name] = builder


def unregister_page_link(name: str) -> None:
    _page_links.pop(name, None)


def page_link(name: str, *values) -> str:
    """The address of page ``name`` for ``values``; "" when no installed app has the page."""
    builder = _page_links.get(name)
    return resolve(builder)(*values) if builder is not None else ""


def register_api_endpoint(endpoint: ApiEndpoint) -> ApiEndpoint:
    """Add an API endpoint that is not a catalogue's (a reference list such as places)."""
    _api_endpoints[endpoint.prefix] = endpoint
    return endpoint


def unregister_api_endpoint(prefix: str) -> None:
    _api_endpoints.pop(prefix, None)


def api_endpoints() -> list[ApiEndpoint]:
    """Every endpoint of the API: the catalogues' and the other lists', in order."""
    found = [c.api_endpoint() for c in all_catalogues()]
    endpoints = [e for e in found if e is not None] + list(_api_endpoints.values())
    return sorted(endpoints, key=lambda e: (e.position, e.prefix))


def all_catalogues() -> list[Catalogue]:
    """Every registered catalogue, entries and reference lists, in navigation order."""
    return sorted(_catalogues.values(), key=lambda c: (c.position, c.key))


def catalogues() -> list[Catalogue]:
    """The catalogues of publishable entries (projects, instruments, strategies …)."""
    return [c for c in all_catalogues() if c.entries]


def providers(part: str) -> list[Catalogue]:
    """The catalogues that play ``part`` on the site's pages (see ``Catalogue.provides``)."""
    return [c for c in all_catalogues() if part in c.provides]


def provider(part: str) -> Catalogue:
    """The one catalogue that plays ``part`` ("funding": the instruments)."""
    found = providers(part)
    if len(found) != 1:
        raise LookupError(f"{len(found)} catalogues provide {part!r}; a page needs exactly one")
    return found[0]


def model(part: str):
    """The one model that plays ``part`` ("scenario", "funding_line"; see ``part_models``)."""
    found = [c.part_models[part] for c in all_catalogues() if part in c.part_models]
    if len(found) != 1:
        raise LookupError(f"{len(found)} catalogues provide the model {part!r}; a page needs one")
    return apps.get_model(found[0]) if isinstance(found[0], str) else found[0]


def catalogue(key: str) -> Catalogue:
    return _catalogues[key]


def is_catalogue(key: str) -> bool:
    return key in _catalogues


def catalogue_for_model(model) -> Catalogue | None:
    for entry in _catalogues.values():
        if entry.model is model or isinstance(model, entry.model):
            return entry
    return None


def url_name_for(model, name: str) -> str:
    """The URL name of page ``name`` ("detail", "feed", "cite") of a model's or entry's catalogue.

    It is the registration's (``detail_url_name`` …); a model no catalogue holds keeps
    "<app label>:<name>".
    """
    spec = catalogue_for_model(model)
    if spec is not None:
        return getattr(spec, f"{name}_url_name")
    return f"{model._meta.app_label}:{name}"
