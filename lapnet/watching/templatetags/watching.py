"""``{% load watching %}``: what the watch button needs to know, one query per page."""

from __future__ import annotations

from typing import Any

from django import template

from lapnet.evidence.queries import normalise_query
from lapnet.watching import queries
from lapnet.watching.models import WatchKind

register = template.Library()

_CACHE = "_lapnet_watch_keys"


@register.simple_tag(takes_context=True)
def watch_of(context: template.Context, kind: str, target: Any, indicator_type: str = "") -> int | None:
    """The id of the user's watch of ``target`` (an indicator value, a campaign or its id, a search
    query), or None. The user's watches are read once per request, whatever the number of buttons."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return None
    keys = getattr(request, _CACHE, None)
    if keys is None:
        keys = queries.watch_keys(user)
        setattr(request, _CACHE, keys)
    if kind == WatchKind.CAMPAIGN:
        return keys.get((kind, "", str(getattr(target, "pk", target))))
    return keys.get((kind, indicator_type or "", normalise_query(str(target or ""))[:700]))
