"""How the search reads text: the same analysis for the documents and for the query.

Every word becomes a set of lexemes that share its position in the document:

- ``=word``: the word as written, lower-cased (the exact field: quoted phrases and
  names match it, and an entry that has the very word ranks above one that has
  only a related form);
- the word folded to ASCII (``cizincu``), its Czech and English Snowball stems
  and its Czech and English lemmas from simplemma (``cizinec``);
- ``~roots``: the first letters of a long word, so that a derived word
  ("asistentka", "vietnamský") meets its relatives ("asistenti", "Vietnam").

Proper names (a capitalised word whose Czech lemma is a capitalised dictionary
word: Kolín, Brně → Brno) are not stemmed, so that "Kolín" never meets "kolem".

The document is stored as a ``tsvector`` literal built here, so the positions
are real (quoted phrases work) and no PostgreSQL dictionary or extension is
needed. Nothing in this module touches the database.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

import simplemma
import snowballstemmer
from django.utils.html import strip_tags
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

WORD_RE = re.compile(r"\w+", re.UNICODE)
PHRASE_RE = re.compile(r'"([^"]*)"|„([^“”"]*)[“”"]?')
MAX_QUERY_TERMS = 12
# Longer "words" are noise (and PostgreSQL rejects lexemes over 2 kB).
MAX_WORD_LENGTH = 60
ROOT_LENGTH = 6
# A word shorter than this gets no root: "obec" and "oběd" are not relatives.
ROOT_MIN_WORD = ROOT_LENGTH + 1
PREFIX_MIN_LENGTH = 3
# PostgreSQL keeps at most 256 positions per lexeme and positions up to 16383.
MAX_POSITIONS = 256
MAX_POSITION = 16383
# Gap between fields, so that a phrase never runs from one field into the next.
FIELD_GAP = 8

EXACT = "="
ROOT = "~"

_czech = snowballstemmer.stemmer("czech")
_english = snowballstemmer.stemmer("english")


def fold(text: str) -> str:
    """Lower-case and strip diacritics: "Cizinců" -> "cizincu"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Words that carry no meaning for the search, compared folded. Czech and
# English function words, and the verbs of a question an official types
# ("jak můžeme získat …", "what can we do …").
STOP_WORDS = frozenset(
    fold(word)
    for word in """
    a aby abych ale ani anebo ano asi až bez bude budou by byl byla byli bylo být
    co což či další do ho i jak jaká jaké jakou jaký jakých je jeho její jejich jen
    jenž ji jsem jsme jsou jste k kam kde kdo kdy když ke kterou která které který
    kteří kterých ku má mají máme mezi mi mít mně mnou můj může můžeme můžete na nad
    nám nás náš naše naši ne nebo než nějak nějaká nějaké nějaký něco o od on ona oni
    ono po pod podle pokud potom pro proč protože před při s se si své svůj ta tak také
    takže tam tato té tedy ten tento této tím tímto to tohle tom tomto tomu toto tu tuto
    ty tyto u už v ve však všechno z za zda ze že jaký jakým chci chceme chtěli
    potřebuji potřebujeme potřebujete hledám hledáme najít získat udělat dělat lze
    mohu mohou může musí musíme mnoho hodně moc spousta několik
    about after all also am an and any are as at be been being but by can could did do
    does doing for from had has have how i if in into is it its me more most my need
    needs no not of on or our should so some such than that the their them then there
    these they this those to too us want was we were what when where which who why will
    with would you your get find help many much lots several
    """.split()
)


def words(text: str) -> list[str]:
    return [
        word
        for word in WORD_RE.findall(strip_tags(text or "").replace("_", " "))
        if len(word) <= MAX_WORD_LENGTH
    ]


def is_stop_word(word: str) -> bool:
    return fold(word) in STOP_WORDS


@lru_cache(maxsize=100_000)
def name_lemma(word: str) -> str:
    """The lemma when the word is (a form of) a proper name in the Czech dictionary, else ""."""
    if not word[:1].isupper() or word.isupper():
        return ""
    lemma = simplemma.lemmatize(word, lang="cs")
    if lemma[:1].isupper() and simplemma.is_known(word, lang="cs"):
        return lemma
    return ""


def is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


@lru_cache(maxsize=200_000)
def _common_lexemes(lower: str) -> frozenset[str]:
    """Stems and lemmas of a common (lower-case) word, folded, without the word itself."""
    folded = fold(lower)
    forms = {
        fold(_czech.stemWord(lower)),
        _czech.stemWord(folded),
        fold(_english.stemWord(lower)),
        fold(simplemma.lemmatize(lower, lang="cs")),
        fold(simplemma.lemmatize(lower, lang="en")),
    }
    forms.discard("")
    return frozenset(forms)


def root(folded: str) -> str:
    return ROOT + folded[:ROOT_LENGTH] if len(folded) >= ROOT_MIN_WORD else ""


@lru_cache(maxsize=200_000)
def document_lexemes(word: str) -> tuple[frozenset[str], bool]:
    """The lexemes of a word of a document, and whether it is a proper name.

    The case of the word decides: a capitalised dictionary name or an acronym is
    a name (not stemmed), anything else a common word.
    """
    lower = word.lower()
    folded = fold(word)
    forms = {EXACT + lower, folded}
    if is_stop_word(word):
        return frozenset({EXACT + lower}), False
    lemma = name_lemma(word)
    name = bool(lemma) or is_acronym(word)
    if lemma:
        forms.add(fold(lemma))
    elif not name:
        forms |= _common_lexemes(lower)
    if folded.isalpha():
        forms.add(root(folded))
    forms.discard("")
    return frozenset(forms), name


# ---------------------------------------------------------------------------
# Documents


@dataclass
class Document:
    """A search document: the tsvector literal and the terms it adds to the vocabulary."""

    tsvector: str
    # folded surface form -> (the form as written, lower-cased; is it a name?)
    words: dict[str, tuple[str, bool]]
    lexemes: set[str]


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


@lru_cache(maxsize=200_000)
def _document_word(word: str) -> tuple[tuple[str, ...], tuple[tuple[str, str, bool], ...]]:
    """The lexemes of a document word, and the words it adds to the vocabulary
    (folded, as written, is a name): itself and its Czech lemma."""
    forms, name = document_lexemes(word)
    folded = fold(word)
    if is_stop_word(word) or not folded.isalpha():
        return tuple(forms), ()
    entries = [(folded, word.lower(), name)]
    lemma = name_lemma(word) or simplemma.lemmatize(word.lower(), lang="cs")
    if lemma and simplemma.is_known(lemma, lang="cs") and fold(lemma) != folded:
        entries.append((fold(lemma), lemma if name else lemma.lower(), name))
    return tuple(forms), tuple(entries)


def build_document(parts: list[tuple[str, str]]) -> Document:
    """The document of (weight, text) parts, weight being A (most important) to D."""
    positions: dict[str, list[str]] = {}
    surface: dict[str, tuple[str, bool]] = {}
    position = 0
    for weight, text in parts:
        for word in words(text):
            position = min(position + 1, MAX_POSITION)
            forms, entries = _document_word(word)
            for folded, written, name in entries:
                known = surface.get(folded)
                if known is None or (name and not known[1]):
                    surface[folded] = (written, name)
            slot = f"{position}{weight}"
            for form in forms:
                slots = positions.get(form)
                if slots is None:
                    positions[form] = [slot]
                elif len(slots) < MAX_POSITIONS:
                    slots.append(slot)
        position += FIELD_GAP
    tsvector = " ".join(
        f"{_quote(form)}:{','.join(slots)}" for form, slots in sorted(positions.items())
    )
    lexemes = {form for form in positions if form[0] not in (EXACT, ROOT)}
    return Document(tsvector=tsvector, words=surface, lexemes=lexemes)


# ---------------------------------------------------------------------------
# Vocabulary and thesaurus (loaded by search.py, held in memory)


@dataclass
class Vocabulary:
    """What the index holds: every lexeme, and the words a typo can be corrected to."""

    lexemes: frozenset[str] = frozenset()
    # folded -> written form, for every indexed word
    words: dict[str, str] = field(default_factory=dict)
    names: frozenset[str] = frozenset()
    _sorted: list[str] = field(default_factory=list)
    _by_length: dict[int, list[str]] = field(default_factory=dict)

    def __post_init__(self):
        self._sorted = sorted(self.lexemes | set(self.words))
        by_length: dict[int, list[str]] = {}
        for word in self.words:
            by_length.setdefault(len(word), []).append(word)
        self._by_length = by_length

    def __bool__(self):
        return bool(self._sorted)

    def has_prefix(self, prefix: str) -> bool:
        index = bisect_left(self._sorted, prefix)
        return index < len(self._sorted) and self._sorted[index].startswith(prefix)

    def candidates(self, length: int, spread: int) -> list[str]:
        found = []
        for size in range(length - spread, length + spread + 1):
            found.extend(self._by_length.get(size, ()))
        return found


@dataclass(frozen=True)
class ThesaurusTerm:
    text: str
    # The lexeme sets of its words (common analysis, stop words dropped).
    keys: tuple[frozenset[str], ...]


@dataclass(frozen=True)
class ThesaurusSet:
    """Equivalent terms (each finds the others) and narrower terms (found, not finding)."""

    terms: tuple[ThesaurusTerm, ...]
    narrower: tuple[ThesaurusTerm, ...] = ()


@dataclass
class Thesaurus:
    sets: list[ThesaurusSet] = field(default_factory=list)
    # first-word lexeme -> [(set, term, is_narrower)]
    _index: dict[str, list[tuple[ThesaurusSet, ThesaurusTerm, bool]]] = field(default_factory=dict)

    def __post_init__(self):
        for entry in self.sets:
            for term in entry.terms:
                self._add(entry, term, False)
            for term in entry.narrower:
                self._add(entry, term, True)

    def _add(self, entry, term, narrower):
        if not term.keys:
            return
        for lexeme in term.keys[0]:
            self._index.setdefault(lexeme, []).append((entry, term, narrower))

    def candidates(self, lexemes: frozenset[str]):
        seen = set()
        for lexeme in lexemes:
            for item in self._index.get(lexeme, ()):
                if id(item) not in seen:
                    seen.add(id(item))
                    yield item


def thesaurus_term(text: str) -> ThesaurusTerm | None:
    keys = tuple(match_keys(word) for word in words(text) if not is_stop_word(word))
    return ThesaurusTerm(text=" ".join(text.split()), keys=keys) if keys else None


# ---------------------------------------------------------------------------
# Queries


@lru_cache(maxsize=50_000)
def query_lexemes(word: str, names: frozenset[str] = frozenset()) -> frozenset[str]:
    """The lexemes a query word stands for (it may be typed in any case, without diacritics)."""
    lower = word.lower()
    folded = fold(word)
    forms = {EXACT + lower, folded}
    lemma = name_lemma(word[:1].upper() + word[1:]) if not is_acronym(word) else ""
    if lemma:
        forms.add(fold(lemma))
    if not lemma and not is_acronym(word) and folded not in names:
        forms |= _common_lexemes(lower)
    if folded.isalpha():
        forms.add(root(folded))
    forms.discard("")
    return frozenset(forms)


def match_keys(word: str) -> frozenset[str]:
    """The lexemes by which two words are the same word (for the thesaurus and highlighting)."""
    return frozenset(
        form for form in query_lexemes(word) if form[0] not in (EXACT, ROOT)
    ) or frozenset({fold(word)})


@dataclass
class Term:
    """One word of the query (or a quoted phrase), as typed and as searched."""

    text: str
    lexemes: frozenset[str]
    prefix: str = ""
    # a quoted phrase: the exact and the folded forms of its words, in order
    phrase: tuple[tuple[str, str], ...] = ()
    corrected_from: str = ""

    def sql(self) -> str:
        if self.phrase:
            exact = " <-> ".join(_quote(e) for e, _ in self.phrase)
            folded = " <-> ".join(_quote(f) for _, f in self.phrase)
            return f"(({exact}) | ({folded}))"
        options = [_quote(form) for form in sorted(self.lexemes)]
        if self.prefix:
            options.append(_quote(self.prefix) + ":*")
        return "(" + " | ".join(options) + ")"


@dataclass
class Unit:
    """A part of the query that must match: a word, a phrase, or a thesaurus term with its
    alternatives (each alternative a list of terms that must all match)."""

    terms: list[Term]
    alternatives: list[list[Term]] = field(default_factory=list)
    also: list[str] = field(default_factory=list)

    def sql(self) -> str:
        own = " & ".join(term.sql() for term in self.terms)
        if not self.alternatives:
            return own if len(self.terms) == 1 else f"({own})"
        options = [f"({own})"] + [
            "(" + " & ".join(term.sql() for term in alternative) + ")"
            for alternative in self.alternatives
        ]
        return "(" + " | ".join(options) + ")"

    def keys(self) -> set[str]:
        found = set()
        for term in [*self.terms, *(t for alt in self.alternatives for t in alt)]:
            found |= term.lexemes
            found |= {f for _, f in term.phrase}
        return found

    def prefixes(self) -> list[str]:
        return [t.prefix for t in self.terms if t.prefix]


@dataclass
class QueryAnalysis:
    text: str
    units: list[Unit]
    # the query with typos corrected, or "" when nothing was corrected
    corrected: str = ""
    # per catalogue: True when no entry has every unit (set by the search)
    partial: dict[str, bool] = field(default_factory=dict)

    @property
    def searchable(self) -> bool:
        return bool(self.units)

    @property
    def also_searched(self) -> list[str]:
        seen = []
        for unit in self.units:
            for text in unit.also:
                if text not in seen:
                    seen.append(text)
        return seen

    def all_sql(self) -> str:
        return " & ".join(unit.sql() for unit in self.units)

    def any_sql(self) -> str:
        return " | ".join(unit.sql() for unit in self.units)

    def highlight_keys(self) -> set[str]:
        keys = set()
        for unit in self.units:
            keys |= unit.keys()
        return {key for key in keys if key and key[0] != EXACT and key[0] != ROOT}

    def highlight_prefixes(self) -> list[str]:
        return [prefix for unit in self.units for prefix in unit.prefixes()]


def _tokens(query: str) -> list[tuple[str, bool]]:
    """(text, is_phrase) pieces of the query, quoted phrases kept whole."""
    pieces = []
    position = 0
    for match in PHRASE_RE.finditer(query):
        pieces.extend((word, False) for word in words(query[position : match.start()]))
        phrase = match.group(1) if match.group(1) is not None else match.group(2)
        phrase_words = words(phrase)
        if len(phrase_words) > 1:
            pieces.append((" ".join(phrase_words), True))
        else:
            pieces.extend((word, False) for word in phrase_words)
        position = match.end()
    pieces.extend((word, False) for word in words(query[position:]))
    return pieces


def correct_word(word: str, vocabulary: Vocabulary) -> str:
    """The indexed word nearest to an unknown word (as written), or ""."""
    folded = fold(word)
    if len(folded) < 4 or not folded.isalpha():
        return ""
    spread = 1 if len(folded) <= 5 else 2
    choices = vocabulary.candidates(len(folded), spread)
    if not choices:
        return ""
    found = process.extract(
        folded, choices, scorer=Levenshtein.distance, score_cutoff=spread, limit=8
    )
    if not found:
        return ""
    # Nearest first; among equals the one that keeps the first letter and the length.
    best = min(
        found,
        key=lambda item: (
            item[1],
            item[0][:1] != folded[:1],
            abs(len(item[0]) - len(folded)),
            item[0],
        ),
    )
    return vocabulary.words.get(best[0], best[0])


def is_known(word: str, vocabulary: Vocabulary, prefix: bool) -> bool:
    if not vocabulary:
        return True
    lexemes = query_lexemes(word, vocabulary.names)
    if any(form in vocabulary.lexemes for form in lexemes if form[0] not in (EXACT, ROOT)):
        return True
    folded = fold(word)
    if prefix and vocabulary.has_prefix(folded):
        return True
    # A long word whose beginning the index knows finds its relatives by its root
    # ("segregace" finds "segregované"): correcting it would only change its meaning.
    if len(folded) >= ROOT_MIN_WORD + 1 and vocabulary.has_prefix(folded[:ROOT_LENGTH]):
        return True
    # A real Czech or English word simply absent from the catalogue is not a typo.
    return simplemma.is_known(word.lower(), lang="cs") or simplemma.is_known(
        word.lower(), lang="en"
    )


def analyse(
    query: str,
    vocabulary: Vocabulary | None = None,
    thesaurus: Thesaurus | None = None,
    correct: bool = True,
) -> QueryAnalysis:
    """The query as the search understands it: its units, synonyms and corrections."""
    vocabulary = vocabulary or Vocabulary()
    thesaurus = thesaurus or Thesaurus()
    names = vocabulary.names
    pieces = _tokens(query)
    meaningful = [(text, phrase) for text, phrase in pieces if phrase or not is_stop_word(text)]
    if not meaningful:
        # A query of stop words only ("to be or not to be") searches them as words.
        meaningful = pieces
    meaningful = meaningful[:MAX_QUERY_TERMS]

    terms: list[Term] = []
    corrected_any = False
    for index, (text, phrase) in enumerate(meaningful):
        last = index == len(meaningful) - 1
        if phrase:
            parts = text.split()
            terms.append(
                Term(
                    text=f"“{text}”",
                    lexemes=frozenset(),
                    phrase=tuple((EXACT + w.lower(), fold(w)) for w in parts),
                )
            )
            continue
        word = text
        corrected_from = ""
        allow_prefix = last and len(fold(word)) >= PREFIX_MIN_LENGTH and fold(word).isalpha()
        if correct and not is_known(word, vocabulary, allow_prefix):
            replacement = correct_word(word, vocabulary)
            if replacement:
                corrected_from, word = word, replacement
                corrected_any = True
                allow_prefix = False
        terms.append(
            Term(
                text=word,
                lexemes=query_lexemes(word, names),
                prefix=fold(word) if allow_prefix else "",
                corrected_from=corrected_from,
            )
        )

    units = _group_by_thesaurus(terms, thesaurus)
    corrected = ""
    if corrected_any:
        corrected = query
        for term in terms:
            if term.corrected_from:
                corrected = re.sub(
                    rf"(?<!\w){re.escape(term.corrected_from)}(?!\w)", term.text, corrected, count=1
                )
    return QueryAnalysis(text=query, units=units, corrected=corrected)


def _term_matches(term: ThesaurusTerm, query_terms: list[Term], start: int) -> bool:
    if start + len(term.keys) > len(query_terms):
        return False
    for offset, keys in enumerate(term.keys):
        candidate = query_terms[start + offset]
        if candidate.phrase:
            return False
        own = match_keys(candidate.text)
        if not (keys & own):
            return False
    return True


def _thesaurus_alternative(term: ThesaurusTerm) -> list[Term]:
    return [
        Term(text=word, lexemes=query_lexemes(word))
        for word in words(term.text)
        if not is_stop_word(word)
    ]


def _group_by_thesaurus(terms: list[Term], thesaurus: Thesaurus) -> list[Unit]:
    units: list[Unit] = []
    index = 0
    while index < len(terms):
        term = terms[index]
        best = None
        if not term.phrase and thesaurus.sets:
            for entry, matched, narrower in thesaurus.candidates(match_keys(term.text)):
                if _term_matches(matched, terms, index):
                    length = len(matched.keys)
                    if best is None or length > best[0]:
                        best = (length, [(entry, matched, narrower)])
                    elif length == best[0]:
                        best[1].append((entry, matched, narrower))
        if best is None:
            units.append(Unit(terms=[term]))
            index += 1
            continue
        length, matches = best
        own = terms[index : index + length]
        alternatives, also, seen = [], [], {" ".join(t.text.lower() for t in own)}
        for entry, matched, narrower in matches:
            related = [] if narrower else [*entry.terms, *entry.narrower]
            for other in related:
                key = other.text.lower()
                if other is matched or key in seen:
                    continue
                seen.add(key)
                alternative = _thesaurus_alternative(other)
                if alternative:
                    alternatives.append(alternative)
                    also.append(other.text)
        if own[-1].prefix:
            # A whole thesaurus term was typed: no need to guess the last word.
            own[-1] = Term(text=own[-1].text, lexemes=own[-1].lexemes)
        units.append(Unit(terms=list(own), alternatives=alternatives, also=also))
        index += length
    return units


def warm_up() -> None:
    """Load the Czech and English dictionaries (a few seconds, once per process)."""
    for lang in ("cs", "en"):
        simplemma.lemmatize("slovo", lang=lang)
        simplemma.is_known("slovo", lang=lang)
