"""Czech-aware full-text search on PostgreSQL without extensions.

Documents and queries go through the same processing in Python: words are
lower-cased, stemmed with the Czech and the English Snowball stemmers and
folded to ASCII. The resulting lexemes are stored as a ``simple`` tsvector,
weighted title (A) > summary (B) > body (C). So "cizinci", "cizinců" and
"cizincu" all become the lexeme "cizinc".
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F, QuerySet, Value
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from catalogue.registry import catalogues

LANGUAGES = ("cs", "en")
MAX_QUERY_LENGTH = 200
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
WORD_RE = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_TERMS = 12
# Longer "words" are noise (and PostgreSQL rejects over-long tsquery words).
MAX_WORD_LENGTH = 60


def clean_query(raw: str) -> str:
    """The search query as typed, without control characters and cut to a sane length."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", raw or "").split())[:MAX_QUERY_LENGTH]


_czech = snowballstemmer.stemmer("czech")
_english = snowballstemmer.stemmer("english")


def fold(text: str) -> str:
    """Lower-case and strip diacritics: "Cizinců" -> "cizincu"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return WORD_RE.findall(strip_tags(text or "").replace("_", " "))


@lru_cache(maxsize=50_000)
def lexemes(word: str) -> frozenset[str]:
    """Every lexeme a word can stand for: Czech and English stems, with and without diacritics."""
    lower = word.lower()
    folded = fold(word)
    forms = {
        folded,
        fold(_czech.stemWord(lower)),
        _czech.stemWord(folded),
        fold(_english.stemWord(lower)),
    }
    return frozenset(form for form in forms if form)


def process(text: str) -> str:
    """The text as space-separated lexemes, ready for to_tsvector('simple', …)."""
    return " ".join(" ".join(sorted(lexemes(word))) for word in words(text))


def document_parts(entry) -> dict[str, str]:
    """The processed text of an entry by weight, from both languages."""
    parts = {}
    for weight, field_names in entry.search_fields.items():
        texts = []
        for name in field_names:
            values = [getattr(entry, f"{name}_{lang}", None) for lang in LANGUAGES]
            if not any(values):
                values = [getattr(entry, name, None)]
            texts.extend(str(value) for value in values if value)
        parts[weight] = process(" ".join(texts))
    return parts


def build_search_document(entry):
    """The SearchVector expression for an entry (weighted, 'simple' configuration)."""
    vector = None
    for weight, text in document_parts(entry).items():
        part = SearchVector(Value(text), weight=weight, config="simple")
        vector = part if vector is None else vector + part
    return vector


def update_search_document(entry) -> None:
    type(entry).objects.filter(pk=entry.pk).update(search_vector=build_search_document(entry))


def rebuild_all() -> int:
    count = 0
    for catalogue in catalogues():
        for entry in catalogue.model.objects.all().iterator():
            update_search_document(entry)
            count += 1
    return count


def query_terms(query: str) -> list[frozenset[str]]:
    terms = [word for word in words(query) if len(word) <= MAX_WORD_LENGTH]
    return [lexemes(word) for word in terms[:MAX_QUERY_TERMS]]


def search_query(query: str) -> SearchQuery | None:
    """A tsquery where each word matches any of its lexemes and all words must match."""
    terms = query_terms(query)
    if not terms:
        return None
    clauses = []
    for forms in terms:
        # Lexemes are [a-z0-9] after folding, but quote them anyway.
        alternatives = " | ".join(f"'{form}'" for form in sorted(forms) if "'" not in form)
        clauses.append(f"({alternatives})")
    return SearchQuery(" & ".join(clauses), search_type="raw", config="simple")


def search(queryset, query: str):
    """Filter a queryset of entries by the query and annotate its relevance as ``rank``."""
    tsquery = search_query(query)
    if tsquery is None:
        return queryset.none()
    return queryset.filter(search_vector=tsquery).annotate(
        rank=SearchRank(F("search_vector"), tsquery)
    )


def matching_words(text: str, query: str) -> set[str]:
    """The words of a text that match the query, for highlighting snippets."""
    wanted = set().union(*query_terms(query)) if query else set()
    return {word for word in words(text) if lexemes(word) & wanted}


def search_entries(query: str) -> dict[str, QuerySet]:
    """Published entries of every catalogue that match the query, best first.

    Returns {catalogue key: queryset}; each queryset is annotated with ``rank``
    and empty when the query has no searchable word. This is the one read behind
    the global search page and its export.
    """
    searchable = search_query(query) is not None
    results = {}
    for entry in catalogues():
        published = entry.model.objects.published()
        if searchable:
            results[entry.key] = search(published, query).order_by(
                "-rank", F("published_at").desc(nulls_last=True), "pk"
            )
        else:
            results[entry.key] = published.none()
    return results


def highlight(text: str, query: str, max_words: int = 40) -> str:
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


def _field_text(entry, name: str, language: str) -> str:
    value = getattr(entry, f"{name}_{language}", None) or ""
    if name not in ("title", "summary") and value:
        # Long fields are Markdown: show the words, not the markup.
        from catalogue.markdown import render_markdown

        value = strip_tags(render_markdown(value))
    return value


def search_result(entry, query: str, language: str) -> dict:
    """What the search page shows for one entry: title, a snippet that shows why it
    matched, and the language of the text shown (Czech when the page language has none)."""
    languages = [language] + [code for code in LANGUAGES if code != language]
    title_lang = next(
        (code for code in languages if getattr(entry, f"title_{code}", None)), language
    )
    title = getattr(entry, f"title_{title_lang}", None) or ""
    title_html = highlight(title, query, max_words=200) or escape(title)

    fields = [name for weight in ("B", "C") for name in entry.search_fields.get(weight, ())]
    snippet_html, snippet_lang = "", title_lang
    for code in languages:
        for name in fields:
            snippet_html = highlight(_field_text(entry, name, code), query)
            if snippet_html:
                snippet_lang = code
                break
        if snippet_html:
            break
    if not snippet_html:
        # Only the title matched: show the start of the summary.
        summary = _field_text(entry, "summary", title_lang)
        snippet_html = escape(Truncator(summary).words(40))
    return {
        "entry": entry,
        "url": entry.get_absolute_url(),
        "kind": entry._meta.verbose_name,
        "title_html": mark_safe(title_html),  # noqa: S308 - escaped by highlight()/escape()
        "title_lang": title_lang if title_lang != language else "",
        "snippet_html": mark_safe(snippet_html),  # noqa: S308 - escaped by highlight()/escape()
        "snippet_lang": snippet_lang if snippet_lang != language else "",
    }
