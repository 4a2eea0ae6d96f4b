"""Czech-aware full-text search on PostgreSQL without extensions.

The analysis of text (``search_analysis``) runs in Python for the documents and
for the query alike; the document is a stored ``tsvector`` with a GIN index,
weighted title (A) > summary (B) > body (C) > related names (D). This module
holds what touches the database: building and storing documents, the
vocabulary that typos are corrected against, the editors' thesaurus, and the
one search every page, list, export and the API go through:

- every word of the query must match (in any form, a synonym or a correction);
- when no entry has them all, entries are ranked by how many they have;
- a word unknown to the index is corrected to the nearest indexed word.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, F, FloatField, IntegerField, QuerySet, Value, When
from django.db.models.functions import Cast
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from catalogue.languages import LANGUAGES, fallback_order, localized, value_in
from catalogue.registry import catalogues
from catalogue.search_analysis import (
    MAX_QUERY_TERMS,
    MAX_WORD_LENGTH,
    WORD_RE,
    Document,
    QueryAnalysis,
    Thesaurus,
    ThesaurusSet,
    Vocabulary,
    analyse,
    build_document,
    fold,
    match_keys,
    thesaurus_term,
    words,
)

__all__ = [
    "clean_query",
    "MAX_QUERY_TERMS",
    "MAX_WORD_LENGTH",
    "analyse_query",
    "build_search_document",
    "fold",
    "highlight",
    "rebuild_all",
    "search",
    "search_entries",
    "search_query",
    "search_result",
    "update_search_document",
    "words",
]

MAX_QUERY_LENGTH = 200
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# Changes whenever an entry or the thesaurus is saved: each process then reloads both.
INDEX_KEY = "search:index-version"
# ts_rank normalisation 32 maps the rank into [0, 1), so that in a partial match
# "how many words matched" (an integer) always decides first.
RANK_NORMALISATION = 32


def clean_query(raw: str) -> str:
    """The search query as typed, without control characters and cut to a sane length."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", raw or "").split())[:MAX_QUERY_LENGTH]


# ---------------------------------------------------------------------------
# Documents


def _related_objects(entry, path: str) -> list:
    objects = [entry]
    for name in path.split("__"):
        found = []
        for obj in objects:
            try:
                value = getattr(obj, name, None)
            except ValueError:
                continue  # links of an entry not saved yet (a bulk insert)
            if value is None:
                continue
            if hasattr(value, "all"):
                if obj.pk is None:
                    continue  # not saved yet (a bulk insert): no links to read
                found.extend(value.all())
            else:
                found.append(value)
        objects = found
    return objects


def _names(obj, language: str) -> str:
    parts = []
    for attribute in ("title", "name"):
        value = value_in(obj, attribute, language)
        if value:
            parts.append(str(value))
            break
    acronym = getattr(obj, "acronym", "")
    if acronym:
        parts.append(acronym)
    return " ".join(parts)


@dataclass
class Section:
    """One searchable field of an entry: its weight, its label and its text in each language."""

    weight: str
    name: str
    label: str
    texts: dict[str, str] = field(default_factory=dict)
    markdown: bool = False


def search_sections(entry) -> list[Section]:
    """Every text of an entry the search reads, by field, in both languages."""
    sections = []
    for weight, field_names in entry.search_fields.items():
        for name in field_names:
            model_field = entry._meta.get_field(name)
            texts = {lang: value_in(entry, name, lang) or "" for lang in LANGUAGES}
            if not any(texts.values()):
                value = getattr(entry, name, None) or ""
                texts = dict.fromkeys(LANGUAGES, str(value)) if value else {}
            if texts:
                sections.append(
                    Section(
                        weight,
                        name,
                        str(model_field.verbose_name),
                        texts,
                        markdown=name not in ("title", "summary", "acronym"),
                    )
                )
    for weight, path, label in entry.search_relations:
        related = _related_objects(entry, path)
        if related:
            texts = {
                lang: "; ".join(_names(obj, lang) or _names(obj, "cs") for obj in related)
                for lang in LANGUAGES
            }
            sections.append(Section(weight, path, str(label), texts))
    return sections


def document_parts(entry) -> list[tuple[str, str]]:
    parts = []
    for section in search_sections(entry):
        seen = set()
        for lang in LANGUAGES:
            text = section.texts.get(lang) or ""
            if text and text not in seen:
                seen.add(text)
                parts.append((section.weight, text))
    return parts


def search_document(entry) -> Document:
    return build_document(document_parts(entry))


def _vector(document: Document):
    return Cast(Value(document.tsvector), SearchVectorField())


def build_search_document(entry):
    """The stored search document of an entry, as an expression to save in ``search_vector``."""
    return _vector(search_document(entry))


def update_search_document(entry) -> None:
    document = search_document(entry)
    type(entry).objects.filter(pk=entry.pk).update(search_vector=_vector(document))
    add_to_vocabulary([document])


def search_prefetch(model) -> list[str]:
    """The relations to fetch with the entries whose search results a page shows."""
    return [path for _, path, _ in model.search_relations]


VOCABULARY_BATCH = 2000


@transaction.atomic
def rebuild_all(progress=None) -> int:
    """Rebuild every search document and the vocabulary from scratch.

    The vocabulary is written every ``VOCABULARY_BATCH`` documents, so that memory stays
    the same however large the catalogue; ``progress(count)`` is called after each batch.
    """
    from taxonomy.models import SearchTerm

    SearchTerm.objects.all().delete()
    count = 0
    documents = []
    for catalogue in catalogues():
        model = catalogue.model
        for entry in model.objects.prefetch_related(*search_prefetch(model)).iterator(
            chunk_size=500
        ):
            document = search_document(entry)
            model.objects.filter(pk=entry.pk).update(search_vector=_vector(document))
            documents.append(document)
            count += 1
            if len(documents) == VOCABULARY_BATCH:
                add_to_vocabulary(documents)
                documents = []
                if progress:
                    progress(count)
    add_to_vocabulary(documents)
    return count


# ---------------------------------------------------------------------------
# Vocabulary and thesaurus, held in each process and reloaded when they change

_loaded: dict[str, tuple[str, object]] = {}


def _version(key: str) -> str:
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key) or ""
    return version


def _bump(key: str) -> None:
    cache.set(key, uuid.uuid4().hex, None)


def _changed(key: str) -> None:
    # Now for this process, and again once the change is visible to the others.
    _bump(key)
    transaction.on_commit(lambda: _bump(key))


def _held(key: str, load):
    version = _version(key)
    held = _loaded.get(key)
    if held is None or held[0] != version or not version:
        held = (version, load())
        _loaded[key] = held
    return held[1]


def index_changed() -> None:
    """Make every process reload the vocabulary and the thesaurus."""
    _changed(INDEX_KEY)


thesaurus_changed = index_changed


def forget_index() -> None:
    """Drop what this process holds (when the database was emptied or replaced under it)."""
    _bump(INDEX_KEY)


def add_to_vocabulary(documents: list[Document]) -> None:
    from taxonomy.models import SearchTerm

    rows = {}
    for document in documents:
        for folded, (written, name) in document.words.items():
            kind = SearchTerm.Kind.NAME if name else SearchTerm.Kind.WORD
            rows.setdefault((folded[:100], kind), written[:100])
        for lexeme in document.lexemes:
            rows.setdefault((lexeme[:100], SearchTerm.Kind.LEXEME), "")
    if not rows:
        return
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=term, kind=kind, word=word) for (term, kind), word in rows.items()],
        ignore_conflicts=True,
        batch_size=5000,
    )
    index_changed()


def _load_vocabulary() -> Vocabulary:
    from taxonomy.models import SearchTerm

    lexemes, written, names = set(), {}, set()
    for term, kind, word in SearchTerm.objects.values_list("term", "kind", "word").iterator(
        chunk_size=10_000
    ):
        lexemes.add(term)
        if kind != SearchTerm.Kind.LEXEME:
            written.setdefault(term, word or term)
            if kind == SearchTerm.Kind.NAME:
                names.add(term)
    return Vocabulary(lexemes=frozenset(lexemes), words=written, names=frozenset(names))


def _load_thesaurus() -> Thesaurus:
    from taxonomy.models import ThesaurusEntry

    sets = []
    for entry in ThesaurusEntry.objects.all():
        terms = tuple(t for t in map(thesaurus_term, entry.terms()) if t)
        narrower = tuple(t for t in map(thesaurus_term, entry.narrower_terms()) if t)
        if terms:
            sets.append(ThesaurusSet(terms=terms, narrower=narrower))
    return Thesaurus(sets=sets)


def _load_index() -> tuple[Vocabulary, Thesaurus]:
    return _load_vocabulary(), _load_thesaurus()


def vocabulary() -> Vocabulary:
    return _held(INDEX_KEY, _load_index)[0]


def thesaurus() -> Thesaurus:
    return _held(INDEX_KEY, _load_index)[1]


# ---------------------------------------------------------------------------
# Queries


class TSQuery(SearchQuery):
    """A tsquery given as its text form (lexemes already analysed: no dictionary applied)."""

    def __init__(self, text: str):
        super().__init__(text, search_type="raw", config="simple")
        self.text = text

    def as_sql(self, compiler, connection, **extra):
        return "%s::tsquery", [self.text]


_analyses: dict[tuple, QueryAnalysis] = {}
MAX_HELD_ANALYSES = 512


def analyse_query(query: str, correct: bool = True) -> QueryAnalysis:
    """The query as the search understands it (words, synonyms, corrections).

    Held per process while the index and the thesaurus stay the same, so that the
    list, its facets and its exports share one analysis of the same query."""
    key = (query, correct, _version(INDEX_KEY))
    analysis = _analyses.get(key)
    if analysis is None:
        if len(_analyses) >= MAX_HELD_ANALYSES:
            _analyses.clear()
        analysis = _analyses[key] = analyse(query, vocabulary(), thesaurus(), correct=correct)
    return analysis


def search_query(query: str | QueryAnalysis) -> SearchQuery | None:
    """A tsquery where each word (or synonym) must match."""
    analysis = query if isinstance(query, QueryAnalysis) else analyse_query(query)
    if not analysis.searchable:
        return None
    return TSQuery(analysis.all_sql())


@dataclass
class SearchOutcome:
    """What a search did with the query, for the notes the page shows."""

    query: str
    analysis: QueryAnalysis
    partial: bool = False

    @property
    def corrected(self) -> str:
        return self.analysis.corrected

    @property
    def searched(self) -> str:
        """The query that was searched: the corrected one when there was a correction."""
        return self.analysis.corrected or self.query

    @property
    def also_searched(self) -> list[str]:
        return self.analysis.also_searched


def _rank(tsquery):
    return SearchRank(F("search_vector"), tsquery, normalization=Value(RANK_NORMALISATION))


def required_units(analysis: QueryAnalysis) -> int:
    """How many units of the query an entry must match: every one of a short query,
    most of a sentence (one word in three may be missing: "co dělat, když do obce
    přijdou žadatelé o azyl" finds the entry that does not say "přijdou")."""
    count = len(analysis.units)
    return count if count <= 2 else count - count // 3


def _matched(analysis: QueryAnalysis):
    """How many units of the query an entry matches (an SQL expression)."""
    return sum(
        (
            Case(
                When(search_vector=TSQuery(unit.sql()), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for unit in analysis.units
        ),
        Value(0),
    )


def _filtered(queryset, analysis: QueryAnalysis, minimum: int):
    if minimum >= len(analysis.units):
        return queryset.filter(search_vector=TSQuery(analysis.all_sql()))
    found = queryset.filter(search_vector=TSQuery(analysis.any_sql()))
    if minimum <= 1:
        return found
    return found.alias(search_matched=_matched(analysis)).filter(search_matched__gte=minimum)


def _is_partial(queryset, analysis: QueryAnalysis) -> bool:
    """No entry of the catalogue has enough of the words (decided once per catalogue and
    analysis, so that a list, its facet counts and its export agree)."""
    if len(analysis.units) < 2:
        return False
    key = queryset.model._meta.label
    if key not in analysis.partial:
        base = queryset.model._default_manager.all()
        if hasattr(base, "published"):
            base = base.published()
        analysis.partial[key] = not _filtered(base, analysis, required_units(analysis)).exists()
    return analysis.partial[key]


def search(queryset, query: str | QueryAnalysis, rank: bool = True, outcome: list | None = None):
    """Filter a queryset of entries by the query and (with ``rank``) annotate ``rank``.

    Entries with every word of a short query or most words of a sentence, those with
    more words first; when no entry of the catalogue has that many, entries with any
    word, ranked by how many they have. ``outcome``, when given, receives the
    SearchOutcome (for the page's notes).
    """
    analysis = query if isinstance(query, QueryAnalysis) else analyse_query(query)
    if not analysis.searchable:
        return queryset.none()
    partial = _is_partial(queryset, analysis)
    if outcome is not None:
        outcome.append(SearchOutcome(query=analysis.text, analysis=analysis, partial=partial))
    minimum = 1 if partial else required_units(analysis)
    found = _filtered(queryset, analysis, minimum)
    if not rank:
        return found
    if minimum >= len(analysis.units):
        return found.annotate(rank=_rank(TSQuery(analysis.all_sql())))
    anyof = TSQuery(analysis.any_sql())
    return found.annotate(rank=Cast(_matched(analysis), FloatField()) + _rank(anyof))


@dataclass
class SearchResults:
    outcome: SearchOutcome | None
    querysets: dict[str, QuerySet]
    partial_keys: set[str] = field(default_factory=set)


def run_search(query: str, correct: bool = True) -> SearchResults:
    """Published entries of every catalogue that match the query, best first, and what
    the search did (corrections, synonyms, partial matches)."""
    analysis = analyse_query(query, correct=correct) if query else None
    results, partial, outcome = {}, set(), None
    for entry in catalogues():
        published = entry.model.objects.published()
        if analysis is None or not analysis.searchable:
            results[entry.key] = published.none()
            continue
        notes = []
        results[entry.key] = search(published, analysis, outcome=notes).order_by(
            "-rank", F("published_at").desc(nulls_last=True), "pk"
        )
        outcome = notes[0]
        if outcome.partial:
            partial.add(entry.key)
    if outcome is None and analysis is not None:
        outcome = SearchOutcome(query=query, analysis=analysis)
    return SearchResults(outcome=outcome, querysets=results, partial_keys=partial)


def search_entries(query: str, correct: bool = True) -> dict[str, QuerySet]:
    """Published entries of every catalogue that match the query, best first.

    Returns {catalogue key: queryset}; each queryset is annotated with ``rank``
    and empty when the query has no searchable word. This is the one read behind
    the global search page and its export.
    """
    return run_search(query, correct=correct).querysets


def _as_analysis(query: str | QueryAnalysis) -> QueryAnalysis:
    return query if isinstance(query, QueryAnalysis) else analyse_query(query or "")


def matching_words(text: str, query: str | QueryAnalysis) -> set[str]:
    """The words of a text that match the query in any form, for highlighting snippets."""
    analysis = _as_analysis(query)
    wanted = analysis.highlight_keys()
    prefixes = analysis.highlight_prefixes()
    found = set()
    for word in words(text):
        if match_keys(word) & wanted or (prefixes and fold(word).startswith(tuple(prefixes))):
            found.add(word)
    return found


def highlight(text: str, query: str | QueryAnalysis, max_words: int = 40) -> str:
    """An HTML snippet of the text around its first match, matches wrapped in <mark>.

    Everything but the <mark> tags is escaped. Returns "" when nothing matches.
    """
    text = " ".join(strip_tags(text or "").split())
    if not text:
        return ""
    found = matching_words(text, query)
    if not found:
        return ""
    tokens = list(WORD_RE.finditer(text))
    first = next(i for i, token in enumerate(tokens) if token.group() in found)
    start_index = max(0, first - max_words // 3)
    end_index = min(len(tokens), start_index + max_words)
    start = tokens[start_index].start() if start_index else 0
    end = tokens[end_index - 1].end() if end_index < len(tokens) else len(text)
    parts = ["… " if start else ""]
    position = start
    for token in tokens[start_index:end_index]:
        if token.group() in found:
            parts.append(escape(text[position : token.start()]))
            parts.append(f"<mark>{escape(token.group())}</mark>")
            position = token.end()
    parts.append(escape(text[position:end]))
    parts.append(" …" if end < len(text) else "")
    return "".join(parts)


def _plain(section: Section, language: str) -> str:
    value = section.texts.get(language) or ""
    if section.markdown and value:
        # Long fields are Markdown: show the words, not the markup.
        from catalogue.markdown import render_markdown

        value = strip_tags(render_markdown(value))
    return value


def search_result(entry, query: str | QueryAnalysis, language: str) -> dict:
    """What the search page shows for one entry: title, a snippet that shows why it
    matched, which field matched, and the language of the text shown (Czech when
    the page language has none)."""
    analysis = _as_analysis(query)
    languages = fallback_order(language)
    title, title_lang = localized(entry, "title", language)
    title_html = highlight(title, analysis, max_words=200) or escape(title)

    sections = [s for s in search_sections(entry) if s.name != "title"]
    snippet_html, snippet_lang, matched_field = "", title_lang, ""
    for code in languages:
        for section in sections:
            snippet_html = highlight(_plain(section, code), analysis)
            if snippet_html:
                snippet_lang, matched_field = code, section.label
                break
        if snippet_html:
            break
    if not snippet_html:
        # Only the title matched: show the start of the summary.
        summary = value_in(entry, "summary", title_lang) or ""
        snippet_html = escape(Truncator(summary).words(40))
        if title_html != escape(title):
            matched_field = str(entry._meta.get_field("title").verbose_name)
    return {
        "entry": entry,
        "url": entry.get_absolute_url(),
        "kind": entry._meta.verbose_name,
        "title_html": mark_safe(title_html),  # noqa: S308 - escaped by highlight()/escape()
        "title_lang": title_lang if title_lang != language else "",
        "snippet_html": mark_safe(snippet_html),  # noqa: S308 - escaped by highlight()/escape()
        "snippet_lang": snippet_lang if snippet_lang != language else "",
        "matched_field": matched_field,
    }
