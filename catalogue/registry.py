"""The catalogues the shared machinery (search, exports, sitemaps, feeds) knows about.

Each catalogue app registers its entry model in its AppConfig.ready(); the
platform never imports a catalogue app directly.
"""

from dataclasses import dataclass, field


@dataclass
class Catalogue:
    key: str  # "projects", "instruments", "strategies"
    model: type
    options: dict = field(default_factory=dict)


_catalogues: dict[str, Catalogue] = {}


def register_catalogue(key: str, model: type, **options) -> None:
    _catalogues[key] = Catalogue(key=key, model=model, options=options)


def catalogues() -> list[Catalogue]:
    order = ["projects", "instruments", "strategies"]
    return sorted(_catalogues.values(), key=lambda c: order.index(c.key) if c.key in order else 99)


def catalogue(key: str) -> Catalogue:
    return _catalogues[key]


def catalogue_for_model(model) -> Catalogue | None:
    for entry in _catalogues.values():
        if entry.model is model or isinstance(model, entry.model):
            return entry
    return None
