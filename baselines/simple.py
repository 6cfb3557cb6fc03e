"""Baselines that ignore the text: they set the floor every model must clear."""

from __future__ import annotations

from baselines.registry import register


@register("majority", description="always the most frequent label of the training split")
def majority(seed: int):
    from sklearn.dummy import DummyClassifier

    return DummyClassifier(strategy="most_frequent")


@register("stratified", description="random labels drawn by training-split frequency (seeded)")
def stratified(seed: int):
    from sklearn.dummy import DummyClassifier

    return DummyClassifier(strategy="stratified", random_state=seed)
