"""Every setting is in .env.example and in the README's table; the example loads as written;
the data dir defaults to the user's data dir."""

from __future__ import annotations

import re

from paths import ROOT
from pydantic import AliasChoices

from retrieval.settings import DISCORD_ENV, Settings, load_settings

EXAMPLE = ROOT / ".env.example"
ASSIGNMENT = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=(.*)$")


def setting_names() -> set[str]:
    """The environment name of every field of Settings (the Discord part under its own)."""
    names = set(DISCORD_ENV.values())
    for name, field in Settings.model_fields.items():
        if name == "discord":
            continue
        alias = field.validation_alias
        env = alias.choices[0] if isinstance(alias, AliasChoices) else f"BILATERAL_{name.upper()}"
        names.add(str(env))
    return names


def example_lines() -> dict[str, str]:
    found = {}
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        if match := ASSIGNMENT.match(line):
            found[match[1]] = match[2]
    return found


def test_env_example_lists_every_setting_and_nothing_else():
    listed = set(example_lines())
    assert setting_names() - listed == set(), "settings missing from .env.example"
    assert listed - setting_names() == set(), ".env.example names settings that do not exist"


def test_the_readme_table_lists_every_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = "\n".join(line for line in readme.splitlines() if line.startswith("| `"))
    missing = {name for name in setting_names() if f"`{name}`" not in table}
    assert missing == set()


def test_the_example_uncommented_is_a_valid_env_file(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text(
        "\n".join(f"{name}={value}" for name, value in example_lines().items()), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.top_k == 6 and settings.answer_log_mb == 5
    assert settings.discord.guild_id == 123456789012345678
    assert str(settings.data_dir) == "/srv/bilateral"


def test_the_data_dir_defaults_to_the_users_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    settings = Settings(_env_file=None)
    assert settings.data_dir == tmp_path / "share" / "bilateral"
    assert settings.discord.feedback_db == tmp_path / "share" / "bilateral" / "feedback.sqlite3"
    monkeypatch.setenv("BILATERAL_DATA_DIR", str(tmp_path / "mine"))
    assert Settings(_env_file=None).data_dir == tmp_path / "mine"
