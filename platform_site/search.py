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
from django.db.models import F, Value
from django.utils.html import strip_tags

from platform_site.registry import catalogues

LANGUAGES = ("cs", "en")
WORD_RE = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_TERMS = 12

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
    return [lexemes(word) for word in words(query)[:MAX_QUERY_TERMS]]


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
    return queryset.filter(search_vector=tsquery).annotate(rank=SearchRank(F("search_vector"), tsquery))


def matching_words(text: str, query: str) -> set[str]:
    """The words of a text that match the query, for highlighting snippets."""
    wanted = set().union(*query_terms(query)) if query else set()
    return {word for word in words(text) if lexemes(word) & wanted}
