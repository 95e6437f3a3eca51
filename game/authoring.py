"""The authoring commands behind `check`'s notes, `sensitivity` and `graph` (see game.cli)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class AuthoringError(Exception):
    """A problem to report in one line, with the exit code (game.cli prints it)."""

    def __init__(self, message: str, code: int = EXIT_DATA) -> None:
        super().__init__(message)
        self.code = code


def print_design_notes(name: str, sc, runs: dict) -> None:  # noqa: ANN001
    """Design notes from the games `check` played (they never fail the check)."""
    from game.design import all_notes, label, positioned

    results = {f"{label(json.loads(k[0]))}, {k[1]} games": r for k, r in runs.items()}
    notes = all_notes(sc, results)
    if notes:
        print(f"{len(notes)} design note(s) (the balance report, `simulate --html`, shows more):")
        for line in positioned(name, notes):
            print(line)


def sensitivity_command(args: argparse.Namespace, sc) -> int:  # noqa: ANN001
    """Which numbers of a scenario move each role's win rate most."""
    from game.engine.bots import personas_of
    from game.sensitivity import format_table, sensitivity, to_json

    if args.runs < 10:
        raise AuthoringError("--runs must be at least 10", EXIT_USAGE)
    if args.policy not in personas_of(sc) or args.policy in ("expert", "master"):
        names = [p for p in personas_of(sc) if p not in ("expert", "master")]
        raise AuthoringError(f"--policy must be one of {', '.join(names)}", EXIT_USAGE)
    tty = sys.stderr.isatty()

    def step(done: int, total: int) -> None:
        sys.stderr.write(f"\r  {done}/{total} numbers" + ("\n" if done == total else ""))

    result = sensitivity(
        args.scenario, args.runs, policy=args.policy, seed=args.seed, progress=step if tty else None
    )
    print(json.dumps(to_json(result), indent=2) if args.json else format_table(result, args.top))
    return EXIT_OK


def graph_command(args: argparse.Namespace, sc) -> int:  # noqa: ANN001
    """Write the scenario's structure as a graph (HTML, SVG, dot) or print it as text."""
    from game.graph import FORMATS, GraphError, build, render

    fmt = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else "text"
        fmt = {"htm": "html", "gv": "dot"}.get(suffix, suffix)
        if fmt not in FORMATS:
            raise AuthoringError(
                f"cannot tell the format of {args.output}: add --format", EXIT_USAGE
            )
    try:
        text = render(build(sc), fmt)
    except GraphError as err:
        raise AuthoringError(str(err)) from None
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    from game.saves import atomic_write

    try:
        atomic_write(args.output, text)  # type: ignore[arg-type]
    except OSError as err:
        raise AuthoringError(f"cannot write {args.output}: {err.strerror or err}") from None
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK
