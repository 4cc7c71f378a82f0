"""Template tags for the shared pages the apps plug into (socialrx.core.plugins)."""

from django import template

from socialrx.core import plugins

register = template.Library()


@register.simple_tag(takes_context=True)
def org_tabs(context, organization) -> list[plugins.Link]:
    """{% org_tabs organization as tabs %}: the organization's tabs the person may open."""
    request = context["request"]
    return plugins.org_tabs_for(
        plugins.registry().org_tabs, request.user, organization, request.path
    )
