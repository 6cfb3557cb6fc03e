"""The one error type the command line turns into a single line on stderr and exit status 2."""

from __future__ import annotations

from pathlib import Path


class InputError(ValueError):
    """Bad input or usage: a file, a line, what is wrong, and how to fix it.

    The command line prints ``str(error)`` as one line and exits with status 2; the
    Python API raises it like any ``ValueError``.

    Examples
    --------
    >>> str(InputError("unknown label 'quot'", path="pred.csv", line=7,
    ...                fix="use one of event_fact, quote, context, boilerplate"))
    "pred.csv:7: unknown label 'quot'; fix: use one of event_fact, quote, context, boilerplate"
    """

    def __init__(self, message: str, *, path: str | Path | None = None,
                 line: int | None = None, fix: str | None = None) -> None:
        self.message, self.path, self.line, self.fix = message, path, line, fix
        where = "" if path is None else f"{path}:" if line is None else f"{path}:{line}:"
        text = f"{where} {message}" if where else message
        if fix:
            text += f"; fix: {fix}"
        super().__init__(text)
