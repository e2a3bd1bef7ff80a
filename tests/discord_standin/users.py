"""What the stand-in's users do: slash commands, autocomplete, button clicks, messages."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

from . import payloads as p
from .payloads import Person
from .records import InteractionHandle, MessageHandle

if TYPE_CHECKING:
    from .server import StandIn


class Users:
    """Mixed into StandIn. Every event is written to the gateway by the stand-in's own loop, and
    an interaction's 3 s deadline (handle.sent_at) starts when its frame is sent, as on Discord."""

    def _build(
        self: StandIn,
        kind: int,
        data: dict,
        person: Person | None,
        *,
        channel_id: str | None = None,
        message: dict | None = None,
        dm: bool = False,
    ) -> InteractionHandle:
        world = self.world
        person = person or world.member
        iid = p.snowflake()
        payload: dict[str, Any] = {
            "id": iid,
            "application_id": world.app_id,
            "type": kind,
            "token": f"tok-{iid}",
            "version": 1,
            "data": data,
            "locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 10485760,
            "app_permissions": str(p.EVERYONE),
        }
        if dm:
            channel = world.dm_channel(person)
            payload.update(
                channel=channel,
                channel_id=channel["id"],
                user=person.user,
                context=1,
                authorizing_integration_owners={"1": person.id},
            )
        else:
            channel = world.channel(channel_id or world.channel_id)
            payload.update(
                channel=channel,
                channel_id=channel["id"],
                guild_id=world.guild_id,
                guild_locale="en-US",
                member=person.member(permissions=True),
                context=0,
                authorizing_integration_owners={"0": world.guild_id},
            )
        if message is not None:
            payload["message"] = message
        self.rest.interactions[iid] = {
            "id": iid,
            "token": payload["token"],
            "type": kind,
            "created": time.monotonic(),
            "acked": False,
            "channel_id": channel["id"],
            # a component's interaction: @original is the message the component is on
            "original": message,
            "user": person.user,
        }
        return InteractionHandle(self.recorder, iid, payload["token"], payload)

    async def _send_all(self: StandIn, handles: list[InteractionHandle]) -> None:
        for handle in handles:
            handle.sent_at = self.rest.interactions[handle.id]["created"] = time.monotonic()
            await self.gateway.dispatch("INTERACTION_CREATE", handle.payload)

    async def _send(self: StandIn, *handles: InteractionHandle) -> list[InteractionHandle]:
        await self._on_loop(self._send_all(list(handles)))
        return list(handles)

    def _command_data(self: StandIn, name: str, options: dict, focused: str | None = None) -> dict:
        command = self.command(name)
        declared = {o["name"]: o for o in command.get("options", [])}
        data = {"id": command["id"], "name": name, "type": 1, "options": []}
        if "guild_id" in command:
            data["guild_id"] = command["guild_id"]
        for key, value in options.items():
            if key not in declared:
                raise AssertionError(f"/{name} has no option {key!r}: {sorted(declared)}")
            option = {"name": key, "type": declared[key]["type"], "value": value}
            if key == focused:
                option["focused"] = True
            data["options"].append(option)
        return data

    async def send_slash(
        self: StandIn,
        name: str,
        options: dict | None = None,
        *,
        user: Person | None = None,
        **where: Any,
    ) -> InteractionHandle:
        """A user runs /name with options; await handle.deferred() / handle.final()."""
        data = self._command_data(name, options or {})
        return (await self._send(self._build(2, data, user, **where)))[0]

    async def send_slash_burst(
        self: StandIn, commands: list[tuple[str, dict, Person]]
    ) -> list[InteractionHandle]:
        """Many users run commands at the same moment: all frames go out back to back."""
        handles = [self._build(2, self._command_data(n, o), u) for n, o, u in commands]
        return await self._send(*handles)

    async def send_autocomplete(
        self: StandIn, name: str, option: str, value: str, *, user: Person | None = None
    ) -> InteractionHandle:
        data = self._command_data(name, {option: value}, focused=option)
        return (await self._send(self._build(4, data, user)))[0]

    async def click(
        self: StandIn, message: dict, button: str, *, user: Person | None = None
    ) -> InteractionHandle:
        """A user clicks a button under message (a message the bot sent), named by its custom_id
        or its emoji."""
        buttons = [c for row in message.get("components") or [] for c in row["components"]]
        found = [
            b for b in buttons if button in (b.get("custom_id"), (b.get("emoji") or {}).get("name"))
        ]
        if not found:
            raise AssertionError(f"no button {button!r} under the message: {buttons}")
        data = {"custom_id": found[0]["custom_id"], "component_type": 2}
        handle = self._build(3, data, user, channel_id=message["channel_id"], message=message)
        return (await self._send(handle))[0]

    async def send_message(
        self: StandIn,
        content: str,
        *,
        user: Person | None = None,
        mention_bot: bool = True,
        reply_to: dict | None = None,
        channel_id: str | None = None,
        dm: bool = False,
    ) -> MessageHandle:
        """A user posts content (after a mention of the bot unless mention_bot=False)."""
        world = self.world
        person = user or world.member
        bot = world.bot.user
        mentioned = [{**bot, "member": world.bot.member(with_user=False)}] if mention_bot else []
        extra: dict[str, Any] = {
            "mentions": mentioned,
            "mention_everyone": "@everyone" in content or "@here" in content,
        }
        if reply_to is not None:
            extra["message_reference"] = {
                "message_id": reply_to["id"],
                "channel_id": reply_to["channel_id"],
                "type": 0,
            }
            extra["referenced_message"] = reply_to
        text = f"<@{bot['id']}> {content}" if mention_bot else content
        if dm:
            data = p.message(world.dm_channel(person)["id"], person.user, text, **extra)
        else:
            data = p.message(
                channel_id or world.channel_id,
                person.user,
                text,
                guild_id=world.guild_id,
                member=person.member(with_user=False),
                **extra,
            )
        self.rest.messages[data["id"]] = data
        handle = MessageHandle(self.recorder, data)
        await self._on_loop(self.gateway.dispatch("MESSAGE_CREATE", data))
        return handle

    async def wait_ready(self: StandIn, timeout: float = 10.0) -> None:
        await self._on_loop(asyncio.wait_for(self.gateway.ready.wait(), timeout))
