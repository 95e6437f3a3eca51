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
    from game.scenario.loader import ScenarioError, load, load_result, split_ref

    try:
        base, length = split_ref(name)
        if length != "full":
            full = load_result(base)
            if full.scenario is not None and full.ok and length not in full.scenario.lengths:
                have = ", ".join(full.scenario.length_turns())
                raise CliError(f"{base} has no {length!r} length (it has: {have})", EXIT_USAGE)
        return load(name)
    except FileNotFoundError as err:
        raise CliError(str(err)) from None
    except ScenarioError as err:
        raise CliError(f"{name} is not a valid scenario:\n{err}") from None
