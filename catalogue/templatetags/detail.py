"""The sections of a detail page, one tag each, so that a detail template lists its sections.

``{% detail_section "objectives" _("Objectives") %}`` renders a Markdown field of the page's
``entry`` (another object with ``obj=``) under its heading, and nothing when it is empty;
``{% related_entries similar_entries _("Similar projects") "similar-entries" %}`` renders a
list of linked entries, and nothing when there is none.
"""

from django import template

register = template.Library()


def _render(context, template_name: str, **values) -> str:
    """``template_name`` rendered in ``context`` with ``values`` added, as ``{% include %}`` does."""
    included = context.template.engine.get_template(template_name)
    with context.push(**values):
        return included.render(context)


@register.simple_tag(takes_context=True)
def detail_section(context, field, heading, obj=None, id=None, empty=None):
    """The text of ``field`` under ``heading``; its heading's id is the field name with hyphens.

    ``empty``, when given, is shown under the heading instead of the text when the field is empty
    (for a section whose absence the reader should notice, such as a project's results).
    """
    obj = context["entry"] if obj is None else obj
    return _render(
        context,
        "includes/detail/section.html",
        obj=obj,
        field=field,
        value=getattr(obj, field, ""),
        heading=heading,
        heading_id=id or field.replace("_", "-"),
        note=context.get("entry_has_english"),
        empty=empty,
    )


@register.simple_tag(takes_context=True)
def related_entries(context, entries, heading, id, show_summary=False):
    """Linked ``entries`` under ``heading`` (whose id is ``id``), each with its summary if asked."""
    return _render(
        context,
        "includes/detail/entry_links.html",
        entries=entries,
        heading=heading,
        heading_id=id,
        show_summary=show_summary,
    )
