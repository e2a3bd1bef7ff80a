"""Discord's own checks on a message body, as its API applies them (400 Invalid Form Body)."""

from __future__ import annotations


def _len(text: str | None) -> int:
    return len((text or "").encode("utf-16-le")) // 2


def violations(body: dict) -> list[str]:
    """What Discord would reject in a message body (content, embeds, components, choices)."""
    found = []
    if _len(body.get("content")) > 2000:
        found.append("content: must be 2000 or fewer in length")
    embeds = body.get("embeds") or []
    if len(embeds) > 10:
        found.append("embeds: must be 10 or fewer in length")
    total = 0
    for i, e in enumerate(embeds):
        checks = [
            ("title", e.get("title"), 256),
            ("description", e.get("description"), 4096),
            ("footer.text", (e.get("footer") or {}).get("text"), 2048),
            ("author.name", (e.get("author") or {}).get("name"), 256),
        ]
        fields = e.get("fields") or []
        if len(fields) > 25:
            found.append(f"embeds.{i}.fields: must be 25 or fewer in length")
        for j, f in enumerate(fields):
            checks += [
                (f"fields.{j}.name", f.get("name"), 256),
                (f"fields.{j}.value", f.get("value"), 1024),
            ]
            if not f.get("name") or not f.get("value"):
                found.append(f"embeds.{i}.fields.{j}: name and value are required")
        for name, text, limit in checks:
            total += _len(text)
            if _len(text) > limit:
                found.append(f"embeds.{i}.{name}: must be {limit} or fewer in length")
    if total > 6000:
        found.append(f"embeds: total size {total} exceeds maximum size of 6000")
    choices = body.get("choices")
    if choices is not None:
        if len(choices) > 25:
            found.append("choices: must be 25 or fewer in length")
        for k, c in enumerate(choices):
            if not 1 <= _len(c.get("name")) <= 100 or _len(str(c.get("value"))) > 100:
                found.append(f"choices.{k}: name/value must be 1-100 long")
    return found
