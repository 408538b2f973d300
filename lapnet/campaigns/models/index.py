"""The clustering engine's persistent state (owned by lapnet/campaigns/engine.py)."""

from __future__ import annotations

__all__: list[str] = []
