"""What the site's pages say about the projects catalogue (``Catalogue.phrases``)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

SHORT = pgettext_lazy("short for projects", "P")


def count(number: int) -> str:
    return ngettext("%(count)d project", "%(count)d projects", number) % {"count": number}


def coverage(number: int, evaluated: int) -> str:
    """How many projects a cell of the coverage map has, and how many were evaluated."""
    if number == 0:
        return str(_("no project"))
    phrase = count(number)
    if evaluated == 0:
        return str(_("%(projects)s, none evaluated") % {"projects": phrase})
    return ngettext(
        "%(projects)s, %(count)d evaluated", "%(projects)s, %(count)d evaluated", evaluated
    ) % {"projects": phrase, "count": evaluated}
