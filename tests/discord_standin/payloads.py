"""Discord API objects as the stand-in sends them: snowflakes, users, a guild, messages."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

DISCORD_EPOCH_MS = 1420070400000
_counter = itertools.count(1)

# permission bits (https://discord.com/developers/docs/topics/permissions)
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
READ_HISTORY = 1 << 16
USE_COMMANDS = 1 << 31
SEND_IN_THREADS = 1 << 38
EVERYONE = VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_HISTORY | ADD_REACTIONS
EVERYONE |= USE_COMMANDS | SEND_IN_THREADS


def snowflake() -> str:
    ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return str((ms << 22) | (next(_counter) & 0x3FFFFF))


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def user(user_id: str, name: str, *, bot: bool = False) -> dict:
    return {
        "id": user_id,
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
        "flags": 0,
        "verified": True,
        "mfa_enabled": False,
    }


@dataclass
class Person:
    """A guild member the tests act as."""

    user: dict
    roles: list[str] = field(default_factory=list)
    permissions: int = EVERYONE

    @property
    def id(self) -> str:
        return self.user["id"]

    def member(self, *, with_user: bool = True, permissions: bool = False) -> dict:
        data = {
            "roles": self.roles,
            "joined_at": "2024-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": None,
        }
        if with_user:
            data["user"] = self.user
        if permissions:
            data["permissions"] = str(self.permissions)
        return data


def role(role_id: str, name: str, permissions: int, position: int = 0) -> dict:
    return {
        "id": role_id,
        "name": name,
        "color": 0,
        "hoist": False,
        "position": position,
        "permissions": str(permissions),
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def text_channel(channel_id: str, guild_id: str, name: str) -> dict:
    return {
        "id": channel_id,
        "type": 0,
        "guild_id": guild_id,
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "rate_limit_per_user": 0,
        "last_message_id": None,
    }


def thread_channel(thread_id: str, guild_id: str, parent_id: str, name: str, owner: str) -> dict:
    return {
        "id": thread_id,
        "type": 11,
        "guild_id": guild_id,
        "parent_id": parent_id,
        "name": name,
        "owner_id": owner,
        "member_count": 2,
        "message_count": 0,
        "rate_limit_per_user": 0,
        "flags": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": now_iso(),
            "locked": False,
        },
    }


def message(
    channel_id: str, author: dict, content: str = "", *, guild_id: str | None = None, **extra
) -> dict:
    """A message object; extra keys (embeds, components, message_reference, ...) are copied in."""
    data = {
        "id": snowflake(),
        "channel_id": channel_id,
        "author": author,
        "content": content,
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "components": [],
        "pinned": False,
        "type": 19 if extra.get("message_reference") else 0,
        "flags": 0,
    }
    if guild_id:
        data["guild_id"] = guild_id
    data.update({k: v for k, v in extra.items() if v is not None})
    return data
