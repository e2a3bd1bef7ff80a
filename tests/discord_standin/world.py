"""The stand-in's Discord world: the bot, one guild with a channel and a thread, and its people."""

from __future__ import annotations

from itertools import count

from . import payloads as p
from .payloads import Person

_names = count(1)


class World:
    def __init__(self) -> None:
        self.app_id = p.snowflake()  # the bot user's id is the application's, as on Discord
        self.guild_id = p.snowflake()
        self.channel_id = p.snowflake()
        self.thread_id = p.snowflake()
        self.no_embeds_id = p.snowflake()  # a channel where @everyone may not embed links
        self.admin_role_id = p.snowflake()
        self.bot = Person(p.user(self.app_id, "Bilateral", bot=True))
        self.admin = Person(
            p.user(p.snowflake(), "asha"),
            roles=[self.admin_role_id],
            permissions=p.EVERYONE | p.MANAGE_GUILD,
        )
        self.member = Person(p.user(p.snowflake(), "ravi"))
        self.dm_channels: dict[str, str] = {}  # user id -> DM channel id

    def new_person(self, *, admin: bool = False, name: str | None = None) -> Person:
        """A fresh guild member (a full question bucket of its own), with Manage Server if admin."""
        name = name or f"user{next(_names)}"
        if admin:
            return Person(
                p.user(p.snowflake(), name), [self.admin_role_id], p.EVERYONE | p.MANAGE_GUILD
            )
        return Person(p.user(p.snowflake(), name))

    def dm_channel(self, person: Person) -> dict:
        channel_id = self.dm_channels.setdefault(person.id, p.snowflake())
        return {"id": channel_id, "type": 1, "recipients": [person.user], "last_message_id": None}

    def channel(self, channel_id: str) -> dict | None:
        if channel_id == self.channel_id:
            return p.text_channel(self.channel_id, self.guild_id, "general")
        if channel_id == self.no_embeds_id:
            channel = p.text_channel(self.no_embeds_id, self.guild_id, "no-embeds")
            deny = {"id": self.guild_id, "type": 0, "allow": "0", "deny": str(p.EMBED_LINKS)}
            return {**channel, "permission_overwrites": [deny]}
        if channel_id == self.thread_id:
            return p.thread_channel(
                self.thread_id, self.guild_id, self.channel_id, "ask-bilateral", self.member.id
            )
        for user_id, dm_id in self.dm_channels.items():
            if dm_id == channel_id:
                return {"id": dm_id, "type": 1, "recipients": [{"id": user_id}]}
        return None

    def ready(self, resume_url: str) -> dict:
        return {
            "v": 10,
            "user": self.bot.user,
            "guilds": [{"id": self.guild_id, "unavailable": True}],
            "session_id": f"session-{p.snowflake()}",
            "resume_gateway_url": resume_url,
            "shard": [0, 1],
            "application": {"id": self.app_id, "flags": 0},
            "private_channels": [],
            "relationships": [],
        }

    def guild_create(self) -> dict:
        return {
            "id": self.guild_id,
            "name": "India Desk",
            "owner_id": self.admin.id,
            "unavailable": False,
            "member_count": 3,
            "large": False,
            "joined_at": p.now_iso(),
            "features": [],
            "preferred_locale": "en-US",
            "roles": [
                p.role(self.guild_id, "@everyone", p.EVERYONE),
                p.role(self.admin_role_id, "Admin", p.EVERYONE | p.MANAGE_GUILD, position=1),
            ],
            "channels": [self.channel(self.channel_id), self.channel(self.no_embeds_id)],
            "threads": [self.channel(self.thread_id)],
            "members": [person.member() for person in (self.bot, self.admin, self.member)],
            "presences": [],
            "voice_states": [],
            "emojis": [],
            "stickers": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def app_info(self) -> dict:
        return {
            "id": self.app_id,
            "name": "Bilateral",
            "description": "India's bilateral engagements, from the news",
            "icon": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": self.admin.user,
            "verify_key": "0" * 64,
            "flags": 0,
            "team": None,
            "rpc_origins": [],
            "interactions_endpoint_url": None,
        }
