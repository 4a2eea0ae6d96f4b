from django.db import migrations

# The criteria of a good practice, written once (shown on the methodology page).
CRITERIA = [
    (
        "clear-objectives",
        True,
        "Jasné cíle",
        "Clear objectives",
        "Projekt má písemně stanovené cíle a cílovou skupinu, podle nichž lze posoudit, zda uspěl.",
        "The project states its objectives and target group in writing, so that one can judge "
        "whether it succeeded.",
    ),
    (
        "lasting",
        True,
        "Trvá aspoň rok, nebo jde o pravidelnou službu",
        "Running at least a year, or a regular service",
        "Projekt běžel nejméně jeden rok, nebo poskytuje službu pravidelně; nejde o jednorázovou "
        "akci.",
        "The project ran for at least one year or provides a regular service; it is not a one-off "
        "event.",
    ),
    (
        "results-documented",
        True,
        "Doložené výsledky",
        "Results documented",
        "Výsledky a výstupy jsou popsány a podloženy čísly nebo dokumenty, například počty "
        "podpořených osob nebo závěrečnou zprávou.",
        "Results and outputs are described and backed by figures or documents, such as numbers of "
        "people supported or a final report.",
    ),
    (
        "evaluated",
        False,
        "Vyhodnocení",
        "Evaluated",
        "Projekt byl vyhodnocen – aspoň dotazováním účastníků, nejlépe externí evaluací nebo "
        "evaluací dopadů.",
        "The project was evaluated – at least by asking its participants, preferably by an "
        "external or impact evaluation.",
    ),
    (
        "transferable",
        True,
        "Uvedené podmínky přenositelnosti",
        "Conditions for transfer stated",
        "Je popsáno, co mohou převzít jiné obce nebo organizace a za jakých podmínek (náklady, "
        "partneři, personál).",
        "It is stated what other municipalities or organisations can take over, and on what "
        "conditions (costs, partners, staff).",
    ),
]


def write_down(apps, schema_editor):
    Criterion = apps.get_model("projects", "GoodPracticeCriterion")
    for position, (slug, required, name_cs, name_en, text_cs, text_en) in enumerate(CRITERIA):
        Criterion.objects.update_or_create(
            slug=slug,
            defaults={
                "required": required,
                "position": position,
                "name": name_cs,
                "name_cs": name_cs,
                "name_en": name_en,
                "description": text_cs,
                "description_cs": text_cs,
                "description_en": text_en,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("projects", "0005_good_practice_criteria")]

    operations = [migrations.RunPython(write_down, migrations.RunPython.noop)]
