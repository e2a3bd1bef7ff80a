"""`bilateral country` narrowed to a period and kinds, exported as a table or a calendar, drawn
as a chart: what a researcher takes away from a brief."""

from __future__ import annotations

import csv
import io
import json

import icalendar
from typer.testing import CliRunner

from bot.cli.commands import app


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_an_ics_export_on_stdout_is_a_calendar_and_nothing_else(env):
    result = run("country", "Oman", "--export", "ics")
    assert result.exit_code == 0, result.output
    cal = icalendar.Calendar.from_ical(result.stdout)
    events = list(cal.walk("VEVENT"))
    assert events and all("Oman" in str(e["summary"]) for e in events)
    assert all(str(e["url"]).startswith("http") for e in events if "url" in e)
    assert all("\n— " in str(e["description"]) for e in events)  # the quote, then its source


def test_a_period_narrows_the_timeline_and_says_so(env):
    whole = json.loads(run("country", "Oman", "--json").stdout)
    dated = [e for e in whole["engagements"] if e["date_start"]]
    assert dated
    year = dated[0]["date_start"][:4]
    narrowed = json.loads(run("country", "Oman", "--json", "--since", year, "--until", year).stdout)
    assert narrowed["engagements"] and all(
        e["date_start"].startswith(year) for e in narrowed["engagements"]
    )
    assert narrowed["scope"] == f"from 1 January {year} to 31 December {year}"
    assert narrowed["outside"] == len(whole["engagements"]) - len(narrowed["engagements"])
    text = run("country", "Oman", "--since", year, "--kind", "summit").stdout
    assert "summits since 1 January" in text.splitlines()[0]


def test_csv_to_a_file_and_a_chart_beside_the_brief(env, tmp_path):
    table, picture = tmp_path / "oman.csv", tmp_path / "oman.png"
    result = run("country", "Oman", "--export", "csv", "--out", str(table), "--chart", str(picture))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("India – Oman")  # the brief, as without the options
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert rows and all(r["country"] == "Oman" for r in rows)
    assert picture.read_bytes().startswith(b"\x89PNG")
    assert "written to" in result.stderr
    assert not list(tmp_path.glob(".*.tmp"))  # written whole, nothing left beside


def test_options_it_cannot_read_are_one_line_each(env):
    for args, says in [
        (["--since", "someday"], "not a date I can read"),
        (["--kind", "party"], "not a kind of engagement"),
        (["--export", "xlsx"], "--export takes one of csv, json, ics"),
        (["--out", "x.csv"], "--out names where --export writes"),
    ]:
        result = run("country", "Oman", *args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.strip().splitlines() == [result.stderr.strip()]
        assert result.stderr.startswith("error:") and says in result.stderr
