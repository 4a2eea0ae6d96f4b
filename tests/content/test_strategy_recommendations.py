"""What the strategies recommend: every published entry cites a source, and no step sends an
official to an instrument that has ended, or that the step's actor may not use, without saying so.

These checks read the seed fixtures directly (no database), so they run in a moment.
"""

import datetime
import re
from pathlib import Path

import yaml
from django.conf import settings

FIXTURES = sorted((Path(settings.BASE_DIR) / "fixtures").glob("*.yaml"))
PUBLISHABLE = {"projects.project", "instruments.instrument", "strategies.strategy"}

# Words that tell a reader an instrument is no longer open.
ENDED_CS = re.compile(r"skončil|skončen|ukončen|nevydávají|zaniklo|už neběží", re.IGNORECASE)
ENDED_EN = re.compile(r"\bended\b|no longer|has closed|have not been issued", re.IGNORECASE)
# How a step names each kind of applicant, so that it can say who may apply when its own actor
# may not (for example "an NGO partner can apply").
APPLICANT_WORDS = {
    "ngo": (r"nevládní", r"\bNGOs?\b"),
    "municipality": (r"\bobc[eíi]|\bobec\b|\bměst[ao]\b", r"municipalit|\btowns?\b|\bcity\b"),
    "city_district": (r"městsk\w* část", r"district"),
    "region": (r"\bkraj", r"\bregion"),
    "school": (r"\bškol", r"\bschool"),
    "employer": (r"zaměstnavatel", r"employer"),
    "university": (r"univerzit|vysok\w* škol", r"universit"),
    "state": (r"\bstát", r"\bstate\b"),
    "individual": (r"cizinc|migrant", r"foreigner|migrant"),
}
USABLE_KINDS = {"financial", "legislative", "institutional"}
# The kind of place a strategy is written for, as an applicant type of an instrument.
ACTOR = {
    "small_municipality": "municipality",
    "city": "municipality",
    "city_district": "city_district",
    "region": "region",
}


def rows():
    for path in FIXTURES:
        yield from yaml.safe_load(path.read_text(encoding="utf-8")) or []


def by_model(label):
    return [row for row in rows() if row["model"] == label]


def instruments():
    return {row["fields"]["slug"]: row["fields"] for row in by_model("instruments.instrument")}


def has_ended(instrument, year):
    return instrument.get("call_status") == "ended" or (
        instrument.get("valid_to") is not None and instrument["valid_to"] < year
    )


def steps_with_strategy():
    strategies = {row["fields"]["slug"]: row["fields"] for row in by_model("strategies.strategy")}
    for row in by_model("strategies.step"):
        step = row["fields"]
        strategy = strategies[step["strategy"][0]]
        if strategy["status"] == "published":
            yield row["pk"], step, strategy


def test_every_published_entry_cites_a_source():
    unsourced = [
        (row["model"], row["fields"]["slug"])
        for row in rows()
        if row["model"] in PUBLISHABLE
        and row["fields"].get("status") == "published"
        and not row["fields"].get("sources")
    ]
    assert unsourced == []


def test_every_cited_source_exists():
    known = {row["fields"]["slug"] for row in by_model("taxonomy.source")}
    cited = {
        source[0]
        for row in rows()
        if row["model"] in PUBLISHABLE
        for source in row["fields"].get("sources") or []
    }
    assert cited - known == set()


def test_no_step_recommends_an_ended_instrument_without_saying_so():
    year = datetime.date.today().year
    catalogue = instruments()
    silent = []
    for pk, step, _strategy in steps_with_strategy():
        for (slug,) in step.get("instruments") or []:
            instrument = catalogue[slug]
            # Strategies and plans whose period is over are cited as models, not as something
            # to apply for; money, permits and institutions must be said to have ended.
            if instrument["kind"] not in USABLE_KINDS or not has_ended(instrument, year):
                continue
            if not (
                ENDED_CS.search(step["description_cs"]) and ENDED_EN.search(step["description_en"])
            ):
                silent.append((pk, slug))
    assert silent == []


def test_the_check_knows_which_instruments_have_ended():
    catalogue = instruments()
    assert has_ended(catalogue["green-card"], 2026)
    assert has_ended(catalogue["european-integration-fund"], 2026)
    assert not has_ended(catalogue["prague-14-grants"], 2026)


def names_an_applicant(step, applicants):
    return any(
        re.search(cs, step["description_cs"], re.IGNORECASE)
        and re.search(en, step["description_en"], re.IGNORECASE)
        for cs, en in (APPLICANT_WORDS[kind] for kind in applicants)
    )


def test_the_applicant_check_needs_the_partner_named_in_both_languages():
    step = {"description_cs": "Nevládní partner může žádat.", "description_en": "Apply."}
    assert not names_an_applicant(step, ["ngo"])
    step["description_en"] = "An NGO partner can apply."
    assert names_an_applicant(step, ["ngo"])


def test_every_recommended_funding_instrument_is_open_to_the_steps_actor_or_the_step_says_who():
    """A city is not sent to apply for money only NGOs may ask for, unless the step names the
    partner who can."""
    catalogue = instruments()
    mismatched = []
    for pk, step, strategy in steps_with_strategy():
        actor = ACTOR[strategy["place_kind"]]
        for (slug,) in step.get("instruments") or []:
            instrument = catalogue[slug]
            applicants = instrument.get("eligible_applicants") or []
            if instrument["kind"] != "financial" or not applicants or actor in applicants:
                continue
            if not names_an_applicant(step, applicants):
                mismatched.append((pk, strategy["slug"], slug))
    assert mismatched == []
