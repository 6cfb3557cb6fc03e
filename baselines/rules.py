"""Hand rules: quotation marks, attribution verbs, an appeal lexicon and position.

A transparent estimator: ``fit`` learns nothing but the label set, and every prediction can
be traced to the first rule that fired (``explain``). It shows how far surface cues go, and
the corpus's hardness is measured against it.
"""

from __future__ import annotations

import re

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from baselines.registry import register
from benchmark import LABELS

APPEAL = re.compile(
    r"\b(donat\w*|support (?:our|us|independent)|become a (?:member|supporter|subscriber)|"
    r"subscri\w+|sign up|newsletter|inbox|follow us|download (?:our|the) app|podcast|"
    r"listen (?:to|on)|share (?:this|on)|copy link|read more|related|recommended|most read|"
    r"more from|you may also like|all rights reserved|copyright|reporting by|editing by|"
    r"additional reporting|photo(?:graph)?:|image:|credit:|illustration|advertisement|sponsored|"
    r"affiliate|cookies?|privacy policy|terms of (?:use|service)|log ?in|sign in|comments?|"
    r"editor'?s note|correction|this (?:story|article) (?:has been|was) (?:updated|corrected)|"
    r"free articles?|trial|per month|a month|membership|members|reader[- ]funded|nonprofit|"
    r"republish\w*|click here|tap here|remind me later|skip)\b|©|\(c\)\s*\d{4}",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^(by|words by|reporting by)\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+)*\b", re.IGNORECASE)
QUOTE_MARKS = re.compile(r"[\"“”«»]|(?:^|\s)‘|’(?:\s|$)")
ATTRIBUTION = re.compile(
    r"\b(said|says|told|added|according to|stated|wrote|posted|announced|reported|confirmed|"
    r"explained|noted|argued|insisted|claimed|warned|denied|urged|called (?:for|on)|"
    r"criticis\w+|criticiz\w+|demanded|vowed|pledged|promised|accused|welcomed|condemned|"
    r"declined to|did not (?:respond|return|reply)|refused to comment)\b",
    re.IGNORECASE,
)
STANCE = re.compile(
    r"\b(warned|denied|urged|called (?:for|on)|criticis\w+|criticiz\w+|demanded|vowed|pledged|"
    r"promised|accused|welcomed|condemned|insisted|argued|claimed|declined to|"
    r"did not (?:respond|return|reply)|refused to comment|believes?|wants?|hopes?)\b",
    re.IGNORECASE,
)
CONTEXT = re.compile(
    r"\b(since|last (?:year|month|week|decade)|previously|earlier this (?:year|month)|"
    r"had been|has been|have been|in (?:19|20)\d\d|(?:19|20)\d\d|historically|years? ago|"
    r"decades?|is expected|are expected|will (?:vote|decide|rule|consider|meet)|next (?:week|month|year)|"
    r"comes (?:after|as)|follows|amid|typically|usually|the first .* since)\b",
    re.IGNORECASE,
)
ENDS_LIKE_SENTENCE = re.compile(r"[.!?][\"”’)]*$")

RULES = ("appeal lexicon", "byline", "bare line at the edge", "quotation marks",
         "attributed stance", "context cue", "default")
RULE_LABEL = ("boilerplate", "boilerplate", "boilerplate", "quote", "quote", "context", "event_fact")


def _rule(text: str, position: int, n_sentences: int) -> int:
    """Index into RULES of the first rule that fires."""
    at_edge = position < 2 or position >= n_sentences - 3
    if APPEAL.search(text):
        return 0
    if BYLINE.match(text):
        return 1
    if at_edge and not ENDS_LIKE_SENTENCE.search(text) and len(text.split()) <= 14:
        return 2
    if QUOTE_MARKS.search(text):
        return 3
    if ATTRIBUTION.search(text) and STANCE.search(text):
        return 4
    if CONTEXT.search(text):
        return 5
    return 6


class RulesClassifier(ClassifierMixin, BaseEstimator):
    """Label sentences by the first of a fixed list of surface rules.

    Uses only ``text``, ``position`` and ``n_sentences``, so it works on scraped text too.

    Examples
    --------
    >>> import pandas as pd
    >>> X = pd.DataFrame({"text": ["Donate today to keep us independent.", "“We will rebuild,” she said."],
    ...                   "position": [9, 2], "n_sentences": [10, 10]})
    >>> RulesClassifier().fit(X, ["boilerplate", "quote"]).predict(X).tolist()
    ['boilerplate', 'quote']
    """

    def fit(self, X, y=None):
        self.classes_ = np.array(LABELS, dtype=object)
        return self

    def explain(self, X) -> list[str]:
        """The name of the rule that decided each row."""
        return [RULES[i] for i in self._rules(X)]

    def _rules(self, X) -> list[int]:
        return [_rule(t, int(p), int(n)) for t, p, n in
                zip(X["text"], X["position"], X["n_sentences"])]

    def predict_proba(self, X):
        codes = [LABELS.index(RULE_LABEL[i]) for i in self._rules(X)]
        proba = np.zeros((len(codes), len(LABELS)))
        proba[np.arange(len(codes)), codes] = 1.0
        return proba

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


@register("rules", description="hand rules: appeal lexicon, bylines, bare edge lines, quotation "
                               "marks, attributed stance, context cues")
def rules(seed: int):
    return RulesClassifier()
