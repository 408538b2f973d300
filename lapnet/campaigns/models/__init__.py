"""Campaigns: the operations behind many reports.

- ``campaign.py``: what analysts see and act on (campaigns, the reports in them and why, notes,
  pairs an analyst split apart).
- ``index.py``: the clustering engine's persistent state (signatures, LSH band buckets, beneficiary
  link keys and their frequencies), kept in indexed rows so several workers cluster at once on SQLite
  or PostgreSQL.
"""

from lapnet.campaigns.models.campaign import (
    Campaign,
    CampaignMember,
    CampaignNote,
    CampaignStatus,
    KeepApart,
    LinkKind,
)
from lapnet.campaigns.models.index import *  # noqa: F403  (the engine's tables)

__all__ = ["Campaign", "CampaignMember", "CampaignNote", "CampaignStatus", "KeepApart", "LinkKind"]
