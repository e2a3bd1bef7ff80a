"""Checks the development set under eval/: front matter, that every fact string and quoted sentence is
verbatim in the article it names, that no question crosses the calibration/test split, and prints counts.

    python scripts/check_devset.py            # all of eval/
Exit 1 when something is wrong (each problem on one line)."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import frontmatter
import yaml

ROOT = Path(__file__).resolve().parent.parent / "eval"
SPLITS = ("calibration", "test")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).casefold()


def load_articles(problems: list[str]) -> dict[str, dict[str, str]]:
    """split -> file name -> normalised text."""
    out: dict[str, dict[str, str]] = {s: {} for s in SPLITS}
    outlets: Counter = Counter()
    partners: Counter = Counter()
    distractors = 0
    for split in SPLITS:
        for path in sorted((ROOT / "corpus" / split).glob("*.md")):
            post = frontmatter.load(path)
            meta = post.metadata
            for key in ("title", "url", "published", "source"):
                if not meta.get(key):
                    problems.append(f"{path.name}: front matter lacks {key}")
            published = str(meta.get("published", ""))
            if published != "unknown" and not DATE.match(published):
                problems.append(
                    f"{path.name}: published {published!r} is not YYYY-MM-DD or unknown"
                )
            if path.name in out["calibration"] or path.name in out["test"]:
                problems.append(f"{path.name}: in both splits")
            out[split][path.name] = norm(meta.get("title", "") + "\n" + post.content)
            outlets[meta.get("source")] += 1
            for p in meta.get("partners") or []:
                partners[p] += 1
            distractors += bool(meta.get("distractor"))
    n = sum(len(v) for v in out.values())
    print(
        f"articles: {n} (calibration {len(out['calibration'])}, test {len(out['test'])}), "
        f"distractors {distractors}, outlets {len(outlets)}, partner countries {len(partners)}"
    )
    return out


def check_item(item: dict, texts: dict[str, str], where: str, problems: list[str]) -> None:
    files = item.get("files") or []
    if item.get("kind") == "unanswerable":
        return
    if not files:
        problems.append(f"{where}: answerable item names no files")
    for f in files:
        if f not in texts:
            problems.append(f"{where}: file {f} is not in this split")
    body = " ".join(texts.get(f, "") for f in files)
    for group in item.get("any_of") or []:
        if not any(norm(s) in body for s in group):
            problems.append(f"{where}: none of {group} is verbatim in {files}")


def load_yaml_dir(kind: str, split: str) -> list[tuple[str, dict]]:
    items = []
    for path in sorted((ROOT / kind / split).glob("*.yaml")):
        for i, item in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            items.append((f"{kind}/{split}/{path.name}#{i + 1}", item))
    return items


def main() -> int:
    problems: list[str] = []
    articles = load_articles(problems)
    for split in SPLITS:
        texts = articles[split]
        qs = load_yaml_dir("questions", split)
        kinds = Counter(
            "unanswerable" if q.get("kind") == "unanswerable" else "answerable" for _, q in qs
        )
        channel = sum(1 for _, q in qs if q.get("style") == "channel")
        timeline = sum(1 for _, q in qs if q.get("type") == "timeline")
        print(
            f"{split}: questions {len(qs)} {dict(kinds)}, channel-typed {channel}, timeline {timeline}"
        )
        for where, q in qs:
            if not q.get("question"):
                problems.append(f"{where}: no question")
            check_item(q, texts, where, problems)
        convs = load_yaml_dir("conversations", split)
        print(
            f"{split}: conversations {len(convs)}, turns {sum(len(c.get('turns', [])) for _, c in convs)}"
        )
        for where, conv in convs:
            for j, turn in enumerate(conv.get("turns") or []):
                if not turn.get("ask") or not turn.get("standalone"):
                    problems.append(f"{where} turn {j + 1}: needs ask and standalone")
                check_item(turn, texts, f"{where} turn {j + 1}", problems)
        engs = load_yaml_dir("engagements", split)
        n_eng = 0
        for where, entry in engs:
            f = entry.get("file")
            if f not in texts:
                problems.append(f"{where}: file {f} is not in this split")
                continue
            for k, e in enumerate(entry.get("engagements") or []):
                n_eng += 1
                if norm(e.get("sentence", "")) not in texts[f]:
                    problems.append(f"{where} engagement {k + 1}: sentence not verbatim in {f}")
        print(f"{split}: engagement files {len(engs)}, engagements {n_eng}")
    for p in problems:
        print("PROBLEM", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
