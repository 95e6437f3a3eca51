"""What every command shares: exit codes, the one-line error, and loading a scenario."""

from __future__ import annotations

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A problem to report to the user in one line, with an exit code."""

    def __init__(self, message: str, code: int = EXIT_DATA) -> None:
        super().__init__(message)
        self.code = code


def load_scenario(name: str):  # noqa: ANN202 - CompiledScenario
    """The compiled scenario `name` (a bundled id or a path); a CliError says what is wrong."""
    from game.scenario.loader import ScenarioError, load

    try:
        return load(name)
    except FileNotFoundError as err:
        raise CliError(str(err)) from None
    except ScenarioError as err:
        raise CliError(f"{name} is not a valid scenario:\n{err}") from None
