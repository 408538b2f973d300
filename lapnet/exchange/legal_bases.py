"""The maintained list of legal bases for cross-border cooperation and disclosure.

Each basis says whether it lets the sending agency disclose **personal data of recipients and
victims** to the requested agency. That flag drives the default of the evidence package: personal
data is redacted unless the chosen basis allows its disclosure (see :mod:`lapnet.exchange.redact`).

The flags are conservative working assumptions, written next to each basis in ``assumption``; they
are not legal advice. A basis whose gateway depends on the text of an instrument lapnet cannot read
(a free-text "other" basis) never allows disclosure by default: the sender can still choose to send
unredacted, explicitly, and that choice is recorded in the package manifest.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LEGAL_BASES", "LegalBasis", "allows_personal_data", "legal_basis"]


@dataclass(frozen=True, slots=True)
class LegalBasis:
    id: str  # stable, stored in pro formas and manifests
    title: str  # English; the PDF shows it as written here
    allows_personal_data: bool
    assumption: str  # why the flag is what it is


LEGAL_BASES: tuple[LegalBasis, ...] = (
    LegalBasis(
        "network_mou",
        "Network memorandum of understanding (London Action Plan)",
        False,
        "A memorandum of understanding is a statement of intent that creates no legal obligation and "
        "no gateway of its own: personal data needs another basis.",
    ),
    LegalBasis(
        "us_safe_web_act",
        "US SAFE WEB Act (15 U.S.C. 46(j), 57b-2)",
        True,
        "The Act authorises the FTC to share information, including confidential and personal "
        "information, with foreign law-enforcement agencies that give confidentiality assurances.",
    ),
    LegalBasis(
        "eu_regulation_2017_2394",
        "Regulation (EU) 2017/2394 on consumer protection cooperation (CPC)",
        True,
        "The CPC mutual-assistance mechanism (Articles 11-13, 33) provides for the exchange of "
        "information, including personal data processed under the GDPR, between competent authorities.",
    ),
    LegalBasis(
        "bilateral_agreement",
        "Bilateral cooperation agreement",
        True,
        "Assumed to be a binding agreement with a data-protection clause; choose 'other' or the network "
        "memorandum for a non-binding arrangement.",
    ),
    LegalBasis(
        "mutual_legal_assistance",
        "Mutual legal assistance treaty (MLAT) or the Budapest Convention on Cybercrime",
        True,
        "Treaty-based assistance between competent authorities provides for the transfer of evidence, "
        "personal data included, under the treaty's conditions.",
    ),
    LegalBasis(
        "national_law",
        "National law of the sending country authorising disclosure",
        True,
        "Chosen only where the sending agency's own statute authorises disclosure to foreign "
        "counterparts; the provision is named in the free text.",
    ),
    LegalBasis(
        "other",
        "Other (described in free text)",
        False,
        "lapnet cannot judge a basis it does not know: redacted by default.",
    ),
)

_BY_ID = {basis.id: basis for basis in LEGAL_BASES}


def legal_basis(basis_id: str) -> LegalBasis:
    """The basis with this id; ``KeyError`` naming the known ids otherwise."""
    try:
        return _BY_ID[basis_id]
    except KeyError:
        raise KeyError(f"unknown legal basis {basis_id!r}: one of {', '.join(_BY_ID)}") from None


def allows_personal_data(basis_id: str) -> bool:
    """Whether the basis lets personal data of recipients and victims be disclosed (unknown: no)."""
    basis = _BY_ID.get(basis_id)
    return basis is not None and basis.allows_personal_data
