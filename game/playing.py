"""The commands that play and replay games: `play` (terminal or window), `--resume` and `replay`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.command import EXIT_DATA, EXIT_OK, EXIT_USAGE, CliError
from game.command import load_scenario as _load

if TYPE_CHECKING:
    from game.saves import Restored


def cmd_play(args: argparse.Namespace) -> int:
    """Play a scenario in the terminal (--text) or in the window."""
    from game.engine.bots import personas_of
    from game.engine.definitions import ROLES

    if args.resume:
        return _resume_text(args)
    code = None
    if args.code:
        from game.classcode import parse_code, prefix_of
        from game.scenario.loader import bundled_ids

        try:
            code = parse_code(args.code)
        except ValueError as err:
            raise CliError(str(err), EXIT_USAGE) from None
        if args.scenario is None:
            matches = [i for i in bundled_ids() if prefix_of(i) == code.prefix]
            if not matches:
                raise CliError(
                    f"class code {args.code} names no bundled scenario; give its file too"
                )
            args.scenario = matches[0]
    if args.scenario is None:
        raise CliError("give a SCENARIO (a bundled id or a YAML file) or --code CODE", EXIT_USAGE)
    if code is not None and code.length != "full":
        from game.scenario.loader import split_ref, with_length

        args.scenario = with_length(split_ref(args.scenario)[0], code.length)
    sc = _load(args.scenario)
    if code is not None:
        from game.classcode import prefix_of

        if prefix_of(sc.id) != code.prefix:
            raise CliError(
                f"class code {args.code} is for another scenario ({code.prefix}), "
                f"not {sc.id} ({prefix_of(sc.id)})"
            )
    hot_seat = code is not None and "hot_seat" in code.flags
    roles_arg = args.human or ("india,us" if hot_seat and not args.human else args.role)
    humans = tuple(r.strip() for r in roles_arg.split(",") if r.strip())
    for r in humans:
        if r not in ROLES:
            raise CliError(f"unknown role {r!r}: choose india or us", EXIT_USAGE)
    if len(set(humans)) != len(humans):
        raise CliError("each role can be played by one side only", EXIT_USAGE)
    from game.classcode import DIFFICULTY_BOTS

    bot = (
        code.bot
        if code is not None and args.bot is None
        else (args.bot or DIFFICULTY_BOTS[args.difficulty])
    )
    if bot not in personas_of(sc):
        raise CliError(f"unknown bot {bot!r}; choose from {', '.join(personas_of(sc))}", EXIT_USAGE)
    if code is not None:
        seed = code.seed
    else:
        seed = args.seed if args.seed is not None else fresh_seed()
    if not args.text:
        try:
            from game.ui.app import run_window  # type: ignore[import-not-found]
        except ImportError:
            print(
                "The desktop window is not available in this build; playing in the terminal.",
                file=sys.stderr,
            )
        else:
            return int(run_window(scenario=args.scenario, role=humans[0], seed=seed))
    from game.scenario.loader import load_result, resolve
    from game.textplay import TextUI

    meta = {
        "scenario": args.scenario,
        "content_hash": load_result(args.scenario).content_hash,
        "bot": bot,
        "settings": {"class_code": code.code()} if code is not None else {},
    }
    if args.save:
        _check_save_target(args.save, [str(resolve(args.scenario))])
    meta["players"] = _players(args.players, humans, sc)
    print(f"(seed {seed})")
    flags = code.flags if code is not None else frozenset()
    ui = TextUI(
        sc,
        seed,
        humans=humans,
        bot=bot,
        save_path=args.save,
        save_meta=meta,
        notes=args.notes or "notes_required" in flags,
        require_notes="notes_required" in flags,
        forecasts="no_forecasts" not in flags,
        advisors="no_advisors" not in flags,
        lang=args.lang,
    )
    return ui.run()


def _players(given: str | None, humans: tuple[str, ...], sc) -> dict[str, str]:  # noqa: ANN001
    """Player names per human role: from --players ("Asha, Ben" or, hot-seat, "Asha; Chen"),
    else asked for when stdin is a terminal; a piped script is never asked."""
    if given is not None:
        parts = [p.strip() for p in given.split(";")]
        if len(parts) > len(humans):
            raise CliError(
                f"--players names {len(parts)} sides but {len(humans)} play; "
                "separate the sides with ';'",
                EXIT_USAGE,
            )
        return {r: " ".join(p.split())[:200] for r, p in zip(humans, parts) if p}
    if not sys.stdin.isatty():
        return {}
    out = {}
    for r in humans:
        try:
            names = input(f"Who plays {sc.definition.roles[r].name}? Names (Enter to skip) > ")
        except (EOFError, KeyboardInterrupt):
            print()
            break
        if names.strip():
            out[r] = " ".join(names.split())[:200]
    return out


def _restore(path: str) -> Restored:
    """Read a save and replay it, or a CliError that says what is wrong with it."""
    from game.saves import SaveError, read_save, restore
    from game.scenario.loader import ScenarioError

    try:
        return restore(read_save(path))
    except SaveError as err:
        raise CliError(str(err)) from None
    except FileNotFoundError as err:
        raise CliError(f"the save's scenario cannot be found: {err}") from None
    except ScenarioError as err:
        raise CliError(f"the save's scenario is not valid:\n{err}") from None


def cmd_replay(args: argparse.Namespace) -> int:
    """Replay a save exactly and print its final state."""
    from game.presentation import start_values, turns_json

    restored = _restore(args.save)
    save = restored.save
    g = restored.game
    out = {
        "scenario": g.definition.id,
        "seed": g.seed,
        "turn": g.turn,
        "over": g.is_over(),
        "decisions": len(save.log),
        "replayed": restored.applied,
        "scenario_changed": restored.changed,
        "note": restored.note,
        "values": g.values(),
        "ending": g.ending().id if g.ending() else None,
        "scores": g.scores() if g.is_over() else None,
        "objectives": g.objectives_met() if g.is_over() else None,
        "start_values": start_values(g),
        "turns": turns_json(g),
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(
            f"{out['scenario']}, seed {g.seed}: turn {g.turn}, {restored.applied}/{len(save.log)} "
            "decisions replayed"
        )
        if restored.note:
            print(restored.note)
        for k, v in out["values"].items():
            print(f"  {k:<28} {v:10.2f}")
        if out["ending"]:
            print(
                f"ending: {out['ending']}; scores: "
                + ", ".join(f"{r} {s:.0f}" for r, s in out["scores"].items())
            )
    return EXIT_OK if restored.fits else EXIT_DATA


def _resume_text(args: argparse.Namespace) -> int:
    """Continue a saved game in the terminal, saving back to the same file (or --save)."""
    from game.classcode import parse_code
    from game.textplay import TextUI

    restored = _restore(args.resume)
    save = restored.save
    if restored.note:
        print(restored.note, file=sys.stderr)
    if restored.game.is_over():
        raise CliError(f"{args.resume} is a finished game; see it with `replay` or `report`")
    target = Path(args.save or args.resume)
    if args.save:
        _check_save_target(args.save, [_scenario_file(save.scenario)])
    if not restored.fits and _same_file(target, Path(args.resume)):
        # Never overwrite a save with less than it held: the continuation goes beside it.
        from game.savecheck import beside

        target = beside(args.resume)
        print(
            f"{args.resume} keeps its {len(save.log)} decisions unchanged; "
            f"this game continues in {target}.",
            file=sys.stderr,
        )
    flags: frozenset[str] = frozenset()
    code = save.settings.get("class_code")
    if isinstance(code, str):
        try:
            flags = parse_code(code).flags
        except ValueError:
            pass
    meta = {
        "scenario": save.scenario,
        "content_hash": save.scenario_hash,
        "bot": save.bot,
        "settings": save.settings,
        "players": dict(save.players),
    }
    if args.players is not None:
        meta["players"] = _players(args.players, tuple(save.humans), restored.game.scenario)
    g = restored.game
    ui = TextUI(
        g.scenario,
        g.seed,
        humans=tuple(save.humans),
        bot=save.bot,
        game=g,
        record=save,
        save_path=str(target),
        save_meta=meta,
        notes=args.notes or "notes_required" in flags,
        require_notes="notes_required" in flags,
        forecasts="no_forecasts" not in flags,
        advisors="no_advisors" not in flags,
    )
    return ui.run()


def _check_save_target(path: str, inputs: list[str]) -> None:
    """Refuse a --save file that must not be overwritten (an input, read-only, not a save)."""
    from game.savecheck import output_problem

    problem = output_problem(path, [p for p in inputs if p], may_replace_save=True)
    if problem:
        raise CliError(f"will not save there: {problem}", EXIT_USAGE)


def _scenario_file(ref: str) -> str:
    from game.scenario.loader import resolve

    try:
        return str(resolve(ref))
    except FileNotFoundError:
        return ""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def fresh_seed() -> int:
    import secrets

    return secrets.randbelow(1_000_000)
