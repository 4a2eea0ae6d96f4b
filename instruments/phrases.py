"""What the site's pages say about the instruments catalogue (``Catalogue.phrases``)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

SHORT = pgettext_lazy("short for instruments", "I")


def count(number: int) -> str:
    return ngettext("%(count)d instrument", "%(count)d instruments", number) % {"count": number}


def coverage(number: int, evaluated: int) -> str:
    """How many instruments a cell of the coverage map has, and how many were evaluated."""
    if number == 0:
        return str(_("no instrument"))
    phrase = count(number)
    if evaluated == 0:
        return str(_("%(instruments)s, none evaluated") % {"instruments": phrase})
    return ngettext(
        "%(instruments)s, %(count)d evaluated",
        "%(instruments)s, %(count)d evaluated",
        evaluated,
    ) % {"instruments": phrase, "count": evaluated}
