"""Fits the abstention model on the calibration half of the development set and prints the
values for the tuning object (retrieval/tuning.py's AbstentionTuning):

    python scripts/fit_abstention.py [--set calibration] [--max-false-refusals 0.04]

Every calibration question is answered with abstention off; the features of each answer and
whether the question is answerable train a logistic regression; the threshold is the highest
that refuses at most the given share of answerable questions (counting those refused anyway)."""

from __future__ import annotations

import numpy as np

from retrieval.answer.abstention import FEATURES


def collect(engine, questions) -> tuple[np.ndarray, np.ndarray, int]:
    """Features and labels (1: answerable) of the answers given; and how many answerable
    questions were refused before the model had a say."""
    rows, labels, refused = [], [], 0
    for item in questions:
        answer = engine.ask(item.question)
        answerable = item.kind != "unanswerable"
        if answer.evidence is None:
            refused += answerable
            continue
        rows.append(answer.evidence)
        labels.append(int(answerable))
    return np.array(rows), np.array(labels), refused


def fit(x: np.ndarray, y: np.ndarray, refused: int, max_false: float) -> dict:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000).fit(x, y)
    p = model.predict_proba(x)[:, 1]
    answerable = int(y.sum()) + refused
    allowed = int(max_false * answerable) - refused  # refusals the threshold may add
    ranked = np.sort(p[y == 1])
    threshold = float(ranked[allowed]) if 0 <= allowed < len(ranked) else 0.0
    if allowed < 0:
        threshold = 0.0
    threshold = max(0.0, threshold - 1e-6)
    kept = p >= threshold
    return {
        "weights": [round(float(w), 4) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 4),
        "threshold": round(threshold, 4),
        "features": list(FEATURES),
        "unanswerable_refused": round(float((~kept[y == 0]).mean()) if (y == 0).any() else 1.0, 3),
        "answerable_refused": round(((~kept[y == 1]).sum() + refused) / max(answerable, 1), 3),
    }


def collect_follow_ups(engine, conversations) -> tuple[np.ndarray, np.ndarray]:
    """answer/followup.py's features of every turn after the first, read against the subject
    the conversation holds at that turn, and whether the turn stands alone (1: a new subject)."""
    from retrieval.answer.followup import features
    from retrieval.conversation import Conversation

    rows, labels = [], []
    for conversation in conversations:
        state = Conversation()
        for turn in conversation.turns:
            if state.subject is not None:
                rows.append(features(engine.plan(turn.ask), state.subject))
                labels.append(int(turn.shape == "new_subject"))
            engine.ask(turn.ask, conversation=state)
    return np.array(rows), np.array(labels)


def fit_follow_ups(x: np.ndarray, y: np.ndarray) -> dict:
    """A balanced logistic regression; the threshold that makes the fewest mistakes, weighing
    a new subject read as a follow-up like a follow-up read as a new subject."""
    from sklearn.linear_model import LogisticRegression

    from retrieval.answer.followup import FEATURES

    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000).fit(x, y)
    p = model.predict_proba(x)[:, 1]
    weight = {1: 0.5 / max(y.mean(), 1e-9), 0: 0.5 / max(1 - y.mean(), 1e-9)}
    costs = {
        float(t): sum(
            weight[int(label)] for label, q in zip(y, p, strict=True) if (q >= t) != label
        )
        for t in np.unique(np.round(p, 4))
    }
    threshold = min(costs, key=lambda t: (costs[t], abs(t - 0.5)))
    return {
        "weights": [round(float(w), 4) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 4),
        "threshold": round(threshold, 4),
        "features": list(FEATURES),
        "turns": len(y),
        "new_subjects": int(y.sum()),
        "new_subjects_read_alone": round(float((p[y == 1] >= threshold).mean()), 3),
        "follow_ups_read_as_follow_ups": round(float((p[y == 0] < threshold).mean()), 3),
    }
