"""The package's exceptions, all under one root, `OmtError`."""


class OmtError(Exception):
    """Root of every error this package raises on purpose.

    Messages name the value and the fix, so that the command line can print them as they are.
    """


class ConfigError(OmtError):
    """A setting, such as the store location, is invalid."""


class ValidationError(OmtError):
    """Data offered for the store is invalid.

    `problems` maps a field name to a message that names the value and what is wrong with it.
    """

    def __init__(self, problems: dict[str, str]):
        self.problems = dict(problems)
        summary = "; ".join(f"{field}: {message}" for field, message in self.problems.items())
        super().__init__(f"invalid data: {summary}")


class NotFoundError(OmtError):
    """A placement, person or organisation asked for does not exist."""


class StoreError(OmtError):
    """The store cannot be read or written."""


class StoreCorruptedError(StoreError):
    """A store file is truncated or not valid JSON."""
