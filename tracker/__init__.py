"""tracker: find the commitments made in Arabic news and follow each one until it is kept or broken.

`extract` and `Commitment` are exposed lazily so that importing `tracker` (and so the CLI)
does not compile the rules or import dateparser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from tracker.domain import Commitment
    from tracker.extract import extract

__all__ = ["Commitment", "__version__", "extract"]


def __getattr__(name: str) -> Any:
    if name == "extract":
        import tracker.extract  # a callable module: tracker.extract(text, published)

        return tracker.extract
    if name == "Commitment":
        from tracker.domain import Commitment

        return Commitment
    raise AttributeError(f"module 'tracker' has no attribute {name!r}")
