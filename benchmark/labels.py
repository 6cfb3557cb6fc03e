"""The label set of newsroles: the four sentence roles and the boilerplate kinds.

These strings are the on-disk values in every source file, release file and submission.
Their order is fixed: it gives the integer codes used by the scorer and the dataset card.
"""

LABELS: tuple[str, ...] = ("event_fact", "quote", "context", "boilerplate")
"""The four roles, in code order."""

REPORTING: tuple[str, ...] = ("event_fact", "quote", "context")
"""The labels that together make up the reporting (everything but boilerplate)."""

BOILERPLATE = "boilerplate"

KINDS: tuple[str, ...] = (
    "donation",
    "subscription",
    "newsletter",
    "social_app",
    "outlet_notice",
    "editor_note",
    "correction",
    "credit",
    "caption",
    "related_link",
    "interface",
    "advertising",
    "legal",
)
"""Boilerplate kinds, the second field of every boilerplate sentence."""

LABEL_CODES: dict[str, int] = {label: code for code, label in enumerate(LABELS)}
