"""`bilateral ingest URL`, `feed add|list|refresh|remove`, `remove`, `sources` with counts, as
a user runs them (fake embedder; the stand-in web on 127.0.0.1)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from bot.cli.commands import app


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_ingest_takes_urls_and_paths_and_names_each_failure(env, web, knowledge):
    good, nav, gone = web.url("/article.html"), web.url("/nav.html"), web.url("/gone.html")
    result = run("ingest", good, str(knowledge / "000_c8cbf1aefad89011.txt"), nav, gone)
    assert result.exit_code == 1  # something was skipped
    assert [line for line in result.stderr.splitlines() if line] == [
        "fetching 3 pages…",
        f"skipped {nav}: navigation only: 12 short lines and no sentence of prose",
        f"skipped {gone}: the server answered 404 Not Found",
    ]
    assert f"fetched 1 page: {good}" in result.stdout
    assert "2 added" in result.stdout and "Traceback" not in result.output
    listed = [json.loads(line) for line in run("sources", "--json").stdout.splitlines()]
    assert good in {a["url"] for a in listed}


def test_feeds_from_follow_to_refresh_to_unfollow(env, web):
    feed = web.url("/feed.xml")
    web.resources["/feed.xml"].etag = '"v1"'
    added = run("feed", "add", feed)
    assert added.exit_code == 0
    assert added.stdout.strip() == (
        f"Following Fixture Wire: World ({feed}): 2 items listed; "
        "`bilateral feed refresh` fetches them."
    )
    assert "not refreshed yet" in run("feed", "list").stdout
    refreshed = run("feed", "refresh")
    assert refreshed.exit_code == 0, refreshed.output
    assert refreshed.stdout.splitlines()[0] == f"{feed}: 2 new"
    assert "2 added" in refreshed.stdout
    again = run("feed", "refresh")
    assert again.stdout.strip() == f"{feed}: not modified"
    [listed] = [json.loads(line) for line in run("feed", "list", "--json").stdout.splitlines()]
    assert (listed["url"], listed["items"], listed["status"]) == (feed, 2, "not modified")
    removed = run("feed", "remove", feed)
    assert removed.exit_code == 0 and "its articles stay" in removed.stdout
    assert len(run("sources", "--json").stdout.splitlines()) == 2
    unknown = run("feed", "remove", feed)
    assert unknown.exit_code == 1
    assert (
        unknown.stderr.strip()
        == f"error: not following a feed at {feed}; `bilateral feed list` shows them"
    )


def test_a_feed_that_cannot_be_followed_is_one_line_and_exit_1(env, web):
    result = run("feed", "add", web.url("/slow-or-missing.xml"))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip() == (
        f"error: cannot fetch {web.url('/slow-or-missing.xml')}: the server answered 404 Not Found"
    )


def test_remove_by_url_and_path_and_an_unknown_one(env, web, knowledge):
    url = web.url("/article.html")
    run("ingest")
    run("ingest", url)
    result = run("remove", url, str(knowledge / "000_c8cbf1aefad89011.txt"), "nowhere.txt")
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert out[0].startswith(
        "removed India, Ghana agree to link payment systems and widen pharma ties (The Fixture Herald, 18 Nov 2025): "
    )
    assert out[1].startswith("removed EAM Jaishankar, Omani counterpart discuss")
    assert out[2].startswith("note: ") and "is still there" in out[2]
    assert result.stderr.strip().startswith("error: no article in the store comes from nowhere.txt")
    assert len(run("sources", "--json").stdout.splitlines()) == 4


def test_sources_ends_with_counts_per_country_and_outlet(env, web):
    run("ingest")
    run("ingest", web.url("/article.html"))
    lines = run("sources").stdout.splitlines()
    assert lines[-3:-1] == ["6 articles", lines[-2]]
    by_country = lines[-2]
    assert by_country.startswith("By country: Russia 2, ")  # most first, then by name
    assert "Ghana 1" in by_country and "Oman 1" in by_country
    assert lines[-1].startswith("By outlet: ") and "The Fixture Herald 1" in lines[-1]
    assert lines[-4] == ""
