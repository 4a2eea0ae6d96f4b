"""What the project pages need besides the generic list and detail views of ``catalogue``."""

from django.db.models import F, Prefetch
from django.urls import reverse

from catalogue.languages import fallback_language
from projects.models import FundingLine, Partnership, Project


def detail_prefetch() -> tuple:
    """What a project's page shows with it: its vocabularies, figures, partners and funding."""
    return (
        "themes",
        "target_groups",
        "places",
        "sources",
        "key_figures",
        "good_practice_criteria",
        Prefetch("partnerships", queryset=Partnership.objects.select_related("organisation")),
        Prefetch("funding_lines", queryset=FundingLine.objects.select_related("instrument")),
    )


HOME_GOOD_PRACTICES = 3


def home_context() -> dict:
    """The home page's good practice: the newest published projects marked as such."""
    good_practices = list(
        Project.objects.published()
        .filter(is_good_practice=True)
        .select_related("lead_organisation")
        .order_by(F("published_at").desc(nulls_last=True), "pk")[:HOME_GOOD_PRACTICES]
    )
    for project in good_practices:
        project.fallback_lang = fallback_language(project, "title") or ""
    return {"good_practices": good_practices, "good_practices_url": reverse("projects:list")}
