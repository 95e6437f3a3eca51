"""The `host` and `join` commands of `python -m game` (game/cli.py adds them here)."""

from __future__ import annotations

import argparse
from typing import Any

EXIT_DATA, EXIT_USAGE = 1, 2


def _cli_error(message: str, code: int = EXIT_DATA) -> Exception:
    from game.cli import CliError

    return CliError(message, code)


def cmd_host(args: argparse.Namespace) -> int:
    """Serve a class on the network: students in a browser, the teacher's live dashboard."""
    from game.server.host import HostError, run

    codes = []
    if args.code:
        from game.classcode import parse_code

        try:
            codes.append(parse_code(args.code).code())
        except ValueError as err:
            raise _cli_error(str(err), EXIT_USAGE) from None
    try:
        return run(host=args.host, port=args.port, db=args.db, codes=codes, length=args.length)
    except HostError as err:
        raise _cli_error(str(err)) from None


def cmd_join(args: argparse.Namespace) -> int:
    """Take a seat of a hosted class from the terminal."""
    from game.server.join import JoinError, run_join

    try:
        return run_join(
            args.url,
            code=args.code,
            group=args.group,
            role=args.role,
            opponent=args.opponent,
            players=args.players or "",
            text=args.text,
        )
    except JoinError as err:
        raise _cli_error(str(err), err.code) from None


def add_parsers(sub: Any) -> None:
    """The `host` and `join` sub-commands."""
    s = sub.add_parser(
        "host", help="serve a class: students play in a browser, the teacher watches"
    )
    s.add_argument("--code", help="a class code (from `code`) open from the start")
    s.add_argument("--host", default="0.0.0.0", help="address to listen on (default: every one)")
    s.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    s.add_argument("--db", help="database file or URL (default: in the user data folder)")
    s.add_argument(
        "--length",
        default="full",
        choices=["full", "lesson"],
        help="the length new classes start on in the teacher's page (a code carries its own)",
    )
    s.set_defaults(func=cmd_host)

    s = sub.add_parser("join", help="take a seat of a hosted class in the terminal")
    s.add_argument("url", metavar="URL", help="the students' address the host printed")
    s.add_argument("--code", required=True, help="the class code")
    s.add_argument("--group", required=True, help="your group's name")
    s.add_argument("--role", default="india", choices=["india", "us", "both"])
    s.add_argument(
        "--opponent",
        default="computer",
        choices=["computer", "group"],
        help="who plays the other role: the computer, or another group that joins this one",
    )
    s.add_argument("--players", help="the players' names")
    s.add_argument("--text", action="store_true", help="play in the terminal (the only mode)")
    s.set_defaults(func=cmd_join)
