"""Slash-command sync: to the development guild always, globally only when the commands changed."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import discord
from discord import app_commands

log = logging.getLogger(__name__)


def command_fingerprint(tree: app_commands.CommandTree) -> str:
    """A hash of the command set as Discord would receive it."""
    payload = sorted((c.to_dict(tree) for c in tree.get_commands()), key=lambda c: c["name"])
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


async def sync_commands(tree: app_commands.CommandTree, guild_id: int | None, stamp: Path) -> bool:
    """Sync; returns whether a sync request was sent. Global syncs are rate-limited and slow to
    spread, so they happen only when the fingerprint differs from the last one synced."""
    if guild_id:
        guild = discord.Object(id=guild_id)
        tree.copy_global_to(guild=guild)
        synced = await tree.sync(guild=guild)
        log.info("Synced %d commands to guild %s", len(synced), guild_id)
        return True
    fingerprint = command_fingerprint(tree)
    if stamp.exists() and stamp.read_text().strip() == fingerprint:
        log.info("Global commands unchanged since the last sync; not syncing")
        return False
    synced = await tree.sync()
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint)
    log.info("Synced %d global commands (they may take a while to show up)", len(synced))
    return True
