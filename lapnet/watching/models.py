"""Watches (indicators, campaigns, saved searches a member follows) and the alerts they raise."""

from __future__ import annotations
