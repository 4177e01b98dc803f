"""Errors a user can cause. The CLI prints their message on one line and exits 1."""


class TrackerError(Exception):
    """Base of every error the CLI reports as a one-line message."""


class BadInput(TrackerError):
    """An input file, line or option value cannot be used."""


class NotFound(TrackerError):
    """A commitment, article or party that does not exist was named."""


class DatabaseError(TrackerError):
    """The database cannot be reached, or its schema is not the one this version expects."""


class RuleError(TrackerError):
    """A rule or gazetteer data file is malformed."""
