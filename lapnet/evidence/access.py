"""The only way to fetch evidence rows: scoped by the viewer's organisation and the TLP marking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from lapnet.evidence.models import Evidence, IndicatorSighting
from lapnet.sharing.access import count_q, visibility_q

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from lapnet.members.models import User


def visible_to(user: User) -> QuerySet[Evidence]:
    return Evidence.objects.filter(visibility_q(user))


def sightings_visible_to(user: User) -> QuerySet[IndicatorSighting]:
    return IndicatorSighting.objects.filter(visibility_q(user))


def sightings_countable_by(user: User) -> QuerySet[IndicatorSighting]:
    """Rows that may be counted in correlation totals (never shown): see ``count_q``."""
    return IndicatorSighting.objects.filter(count_q(user))


def access_evidence(user: User, pk: int) -> Evidence:
    """The evidence, if the user may see it; 404 otherwise (existence is not disclosed)."""
    try:
        return visible_to(user).select_related("blob", "organisation", "submitted_by").get(pk=pk)
    except Evidence.DoesNotExist:
        raise Http404("no such evidence") from None
