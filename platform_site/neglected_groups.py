"""The synthesis of neglected groups: what the sources say about groups of foreigners that
services and strategies miss, each point linked to the catalogue entries it rests on.

The text is editorial (it lives in the message catalogue, so it exists in both languages); the
entries it cites are looked up by their permanent slugs, and only published ones are linked.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Value
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from catalogue import registry
from catalogue.models import Status
from taxonomy.models import TargetGroup


@dataclass(frozen=True)
class Group:
    slug: str
    heading: str
    text: str
    target_group: str = ""
    # The entries cited, by catalogue (the field is named after the catalogue's key).
    projects: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()


GROUPS = (
    Group(
        "undocumented-migrants",
        _("Undocumented migrants"),
        _(
            "An estimated 47,000 people live in Prague without a residence permit; official "
            "statistics do not count them. The law does not allow them to be regularised, so "
            "neither the national policy nor Prague's strategy offers them anything, although "
            "they are the people most exposed to exploitation. The Association for Integration "
            "and Migration takes part in international projects and networks on regularisation."
        ),
        target_group="undocumented-migrants",
        instruments=(
            "act-residence-foreign-nationals",
            "prague-metropolis-for-all",
            "conception-integration-foreigners",
        ),
        organisations=("simi",),
    ),
    Group(
        "temporary-residents",
        _("Foreigners with temporary residence"),
        _(
            "Foreigners with permanent residence are entitled to social services like citizens, "
            "though in practice they do not always reach them. For those with temporary "
            "residence, social services are available only minimally and are hard to reach, and "
            "according to the KING study (2014) Prague offered no additional services of its own."
        ),
        instruments=("act-residence-foreign-nationals", "prague-metropolis-for-all"),
    ),
    Group(
        "beneficiaries-of-international-protection",
        _("Beneficiaries of international protection in the general integration policy"),
        _(
            "The national policy and Prague's 2014 strategy target legally resident "
            "third-country nationals who have not applied for or do not hold international "
            "protection. Recognised refugees and holders of subsidiary protection therefore fall "
            "outside their target group; they are served by the State Integration Programme, "
            "within which the Open Doors for Refugees project, for example, helps with housing."
        ),
        target_group="beneficiaries-of-international-protection",
        projects=("open-doors-for-refugees",),
        instruments=(
            "conception-integration-foreigners",
            "prague-metropolis-for-all",
            "state-integration-programme",
            "integration-asylum-centres",
        ),
    ),
    Group(
        "eu-citizens",
        _("Citizens of the newer EU member states"),
        _(
            "The national policy covers EU citizens only in exceptional and crisis cases. "
            "Prague's strategy points out that some groups of EU citizens – those from the "
            "countries that joined the Union after 2007 – should also be included in the "
            "integration strategies. No entry of the catalogue is aimed at them."
        ),
        target_group="eu-citizens",
        instruments=("prague-metropolis-for-all", "conception-integration-foreigners"),
    ),
    Group(
        "older-migrants",
        _("Older migrants"),
        _(
            "Older migrants have no right to a Czech pension and are disadvantaged on the labour "
            "market by their age. The Employment Heading to Integration project paid them "
            "special attention; at the InBáze community centre, the Indian Summer circle meets "
            "for seniors."
        ),
        target_group="seniors",
        projects=("employment-heading-to-integration", "inbaze-community-centre"),
    ),
    Group(
        "parents-of-small-children",
        _("Parents of small children"),
        _(
            "Migrant parents of small children find it hard to combine work and family "
            "(Employment Heading to Integration). The SAS DOMINO service at the Rozhledna club "
            "works with parents of children under six whose development is put at risk by the "
            "family's social exclusion, and InBáze runs circles for migrant mothers."
        ),
        target_group="families-with-children",
        projects=("employment-heading-to-integration", "sas-domino", "inbaze-community-centre"),
    ),
    Group(
        "victims-of-trafficking",
        _("Victims of trafficking and labour exploitation"),
        _(
            "In Prague, La Strada looks after victims of trafficking and labour exploitation. "
            "Help Them out of Crisis counselled agency workers against abuse and forced labour, "
            "and Foreign Workers on the Labour Market set out to open the taboo subject of "
            "foreigners' injuries at work and occupational diseases. The sources report no "
            "results for any of them."
        ),
        target_group="victims-of-trafficking",
        projects=(
            "la-strada-victims-of-trafficking",
            "help-them-out-of-crisis",
            "foreign-workers-on-the-labour-market",
        ),
        organisations=("la-strada",),
    ),
    Group(
        "pupils-beyond-primary-school",
        _("Migrant pupils and students"),
        _(
            "Secondary schools and universities expect fluent Czech and are no longer obliged "
            "by law to provide language support; nurseries and primary schools lack money, "
            "teaching methods and trained staff. The Consultancy and Information Centre for "
            "Young Migrants helps with the move to secondary school and university and with the "
            "recognition of education gained abroad; META's projects trained teachers and placed "
            "teaching assistants in schools."
        ),
        target_group="children-and-pupils",
        projects=(
            "counselling-centre-young-migrants",
            "support-for-teachers-of-foreign-pupils",
            "you-are-not-alone-in-this",
        ),
    ),
)


def cited(group: Group, key: str) -> tuple[str, ...]:
    """The slugs a group cites in catalogue ``key``."""
    return getattr(group, key, ())


def _public(spec):
    manager = spec.model.objects
    return manager.public() if hasattr(manager, "public") else manager.published()


def cited_entries():
    """Every published entry and organisation the synthesis cites, by (catalogue, slug)."""
    found = {}
    for spec in registry.all_catalogues():
        wanted = {slug for group in GROUPS for slug in cited(group, spec.key)}
        if wanted:
            for obj in _public(spec).filter(slug__in=wanted):
                found[(spec.key, obj.slug)] = obj
    return found


def _group_counts_query(spec):
    """(catalogue, target group, number of published entries) rows of one catalogue, counted
    over its target-group links of published entries (each link occurs once)."""
    relation = spec.model._meta.get_field("target_groups")
    links = relation.remote_field.through.objects
    entry = relation.m2m_field_name()
    group = relation.m2m_reverse_field_name()
    published = spec.model._default_manager.filter(status=Status.PUBLISHED).values("pk")
    return (
        links.filter(**{f"{entry}__in": published})
        .values(_group=F(group))
        .annotate(_catalogue=Value(spec.key), _count=Count("pk"))
        .values("_catalogue", "_group", "_count")
        .order_by()
    )


def group_counts():
    """Per target group, the published entries of each catalogue in the coverage map, with
    the link to its filtered list, as the lists count them: {slug: [(phrase, url)]}.
    Every count comes from one query over the link tables."""
    specs = registry.providers("coverage")
    counts = {}
    if specs:
        first, *rest = [_group_counts_query(spec) for spec in specs]
        rows = first.union(*rest, all=True) if rest else first
        counts = {(row["_catalogue"], row["_group"]): row["_count"] for row in rows}
    return {
        group.slug: [
            (
                spec.phrase("count", counts.get((spec.key, group.pk), 0)),
                f"{reverse(spec.list_url_name)}?target_group={group.slug}",
            )
            for spec in specs
        ]
        for group in TargetGroup.objects.all()
    }


@require_safe
def neglected_groups(request):
    entries = cited_entries()
    counts = group_counts()
    sections = []
    for group in GROUPS:
        links = [
            entries[(spec.key, slug)]
            for spec in registry.all_catalogues()
            for slug in cited(group, spec.key)
            if (spec.key, slug) in entries
        ]
        sections.append({"group": group, "links": links, "counts": counts.get(group.target_group)})
    return render(request, "platform_site/neglected_groups.html", {"sections": sections})
