"""Reads of the network: the directory and the choices its filters offer.

The directory filters by country and type in the database and by remit, sector and language in
Python: those are JSON lists, and membership of a JSON list is not portable (PostgreSQL has
``@>``, SQLite has no ``contains`` for JSON). A network has hundreds of members, not millions, and
the page already loads every visible organisation with its contacts in three queries, whatever their
number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q

from lapnet.members.access import organisations_visible_to
from lapnet.members.countries import country_name, language_name
from lapnet.members.models import COORDINATING_TYPES, NationalCoordinator, Organisation, PointOfContact

if TYPE_CHECKING:
    from lapnet.members.models import User


@dataclass(frozen=True)
class DirectoryFilter:
    q: str = ""
    country: str = ""
    type: str = ""
    remit: str = ""
    sector: str = ""
    language: str = ""

    @property
    def active(self) -> bool:
        return any((self.q, self.country, self.type, self.remit, self.sector, self.language))


@dataclass(frozen=True)
class DirectoryEntry:
    """One organisation as the directory shows it: who to call, and whether it coordinates its country."""

    organisation: Organisation
    primary: PointOfContact | None
    deputies: list[PointOfContact] = field(default_factory=list)
    is_national_coordinator: bool = False


def _speaks(entry: DirectoryEntry, language: str) -> bool:
    if language in entry.organisation.languages:
        return True
    contacts = [entry.primary, *entry.deputies]
    return any(contact is not None and language in contact.languages for contact in contacts)


def directory(user: User, wanted: DirectoryFilter | None = None) -> list[DirectoryEntry]:
    """The organisations ``user`` may see that match ``wanted``, by country then name."""
    wanted = wanted or DirectoryFilter()
    organisations = organisations_visible_to(user).prefetch_related(
        Prefetch("contacts", queryset=PointOfContact.objects.order_by("-is_primary", "name")),
        Prefetch("coordinates", queryset=NationalCoordinator.objects.all()),
    )
    if wanted.q:
        organisations = organisations.filter(Q(name__icontains=wanted.q) | Q(short_name__icontains=wanted.q))
    if wanted.country:
        organisations = organisations.filter(country=wanted.country)
    if wanted.type:
        organisations = organisations.filter(type=wanted.type)
    entries = []
    for organisation in organisations.order_by("country", "name"):
        if wanted.remit and wanted.remit not in organisation.remits:
            continue
        if wanted.sector and wanted.sector not in organisation.sectors:
            continue
        contacts = list(organisation.contacts.all())
        primary = next((contact for contact in contacts if contact.is_primary), None)
        entry = DirectoryEntry(
            organisation=organisation,
            primary=primary,
            deputies=[contact for contact in contacts if not contact.is_primary],
            is_national_coordinator=any(
                designation.country == organisation.country for designation in organisation.coordinates.all()
            ),
        )
        if wanted.language and not _speaks(entry, wanted.language):
            continue
        entries.append(entry)
    return entries


def country_filter_choices(user: User) -> list[tuple[str, str]]:
    """The countries that have a member ``user`` may see, with their names."""
    codes = organisations_visible_to(user).order_by().values_list("country", flat=True).distinct()
    return sorted(((code, f"{country_name(code)} ({code})") for code in codes), key=lambda c: c[1])


def language_filter_choices(user: User) -> list[tuple[str, str]]:
    """The languages spoken by a member or one of its points of contact."""
    visible = organisations_visible_to(user)
    codes: set[str] = set()
    for languages in visible.values_list("languages", flat=True):
        codes.update(languages or [])
    for languages in PointOfContact.objects.filter(organisation__in=visible).values_list(
        "languages", flat=True
    ):
        codes.update(languages or [])
    return sorted(((code, f"{language_name(code)} ({code})") for code in codes), key=lambda c: c[1])


def national_coordinators(user: User) -> list[NationalCoordinator]:
    visible = organisations_visible_to(user)
    return list(
        NationalCoordinator.objects.filter(organisation__in=visible)
        .select_related("organisation")
        .order_by("country")
    )


def coordinator_candidates(user: User) -> list[Organisation]:
    """Organisations the secretariat may designate: active enforcement agencies and government bodies."""
    return list(
        organisations_visible_to(user)
        .filter(is_active=True, type__in=sorted(COORDINATING_TYPES))
        .order_by("country", "name")
    )
