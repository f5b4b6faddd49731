"""Errors the engine raises. All of them name what is wrong and where, so the
CLI, the API and the web UI can show them as they are."""

from __future__ import annotations

from datetime import date


class RulesError(Exception):
    """Base class: bad input or missing knowledge, never a programming error."""


class MissingParameter(RulesError):
    """No value is known for a parameter on a day. The engine never guesses:
    an administrator can add the official value with its legal reference."""

    def __init__(self, name: str, day: date):
        self.name = name
        self.day = day
        super().__init__(f"No value for parameter '{name}' on {day.isoformat()}")


class UnknownParameter(RulesError):
    def __init__(self, name: str):
        self.name = name
        super().__init__(f"Unknown parameter '{name}'")


class ParameterTypeError(RulesError, TypeError):
    """A parameter holds another kind of value than the rule reads from it
    (an amount asked of a date parameter, say): a parameter document or an
    override that changed a parameter's unit."""

    def __init__(self, name: str, expected: str, value: object):
        self.name = name
        self.expected = expected
        self.value = value
        super().__init__(
            f"Parameter '{name}' holds {type(value).__name__} {value!s}, not {expected}"
        )


class ParameterFileError(RulesError):
    """A parameter file (or an override) is invalid."""

    def __init__(self, source: str, parameter: str | None, message: str):
        self.source = source
        self.parameter = parameter
        self.message = message
        where = f"{source}: {parameter}" if parameter else source
        super().__init__(f"{where}: {message}")


class ScenarioError(RulesError):
    """A scenario document is invalid; ``field`` is a path like ``placements[1].from``."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)
