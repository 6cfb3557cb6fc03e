"""Feature functions shared by the text baselines (module-level, so skops can trust them).

Every function takes the sentence DataFrame and uses only ``text``, ``article_id``,
``position`` and ``n_sentences``: what is known for scraped text too.
"""

from __future__ import annotations

import re

import numpy as np

SHAPE_COLUMNS = ("rel_position", "from_start", "from_end", "n_words", "ends_sentence",
                 "has_quote_mark", "has_digit", "upper_share", "has_colon")
QUOTE_MARK = re.compile(r"[\"“”«»]")


def text_of(X):
    """The ``text`` column as a list (input of a TfidfVectorizer)."""
    return X["text"].tolist()


def with_neighbours(X):
    """Add ``prev_text``, ``next_text`` (same article, by position) and shape features."""
    import pandas as pd

    frame = pd.DataFrame({"text": X["text"].astype(str).to_numpy(),
                          "article_id": X["article_id"].astype(str).to_numpy(),
                          "position": X["position"].to_numpy(np.int64),
                          "n_sentences": X["n_sentences"].to_numpy(np.int64)})
    order = np.lexsort((frame["position"].to_numpy(), frame["article_id"].to_numpy()))
    ordered = frame.iloc[order]
    group = ordered.groupby("article_id", sort=False)["text"]
    prev_text = group.shift(1).fillna("<start>")
    next_text = group.shift(-1).fillna("<end>")
    frame["prev_text"] = prev_text.reindex(frame.index).to_numpy()
    frame["next_text"] = next_text.reindex(frame.index).to_numpy()
    text = frame["text"]
    n = frame["n_sentences"].clip(lower=1)
    frame["rel_position"] = frame["position"] / (n - 1).clip(lower=1)
    frame["from_start"] = np.log1p(frame["position"])
    frame["from_end"] = np.log1p((n - 1 - frame["position"]).clip(lower=0))
    frame["n_words"] = np.log1p(text.str.split().str.len())
    frame["ends_sentence"] = text.str.contains(r"[.!?][\"”’)]*$", regex=True).astype(float)
    frame["has_quote_mark"] = text.str.contains(QUOTE_MARK).astype(float)
    frame["has_digit"] = text.str.contains(r"\d", regex=True).astype(float)
    letters = text.str.count(r"[A-Za-z]").clip(lower=1)
    frame["upper_share"] = text.str.count(r"[A-Z]") / letters
    frame["has_colon"] = text.str.contains(":", regex=False).astype(float)
    return frame
