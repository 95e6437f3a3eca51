"""The command line: `python -m game COMMAND` (exit codes: 0 ok, 1 invalid input or data, 2 usage)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from game.command import EXIT_DATA, EXIT_OK, EXIT_USAGE, CliError
from game.command import load_scenario as _load
from game.playing import cmd_play, cmd_replay
from game.playing import fresh_seed as _fresh_seed
from game.scenario.loader import ScenarioError

# -- commands ---------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate files and folders; print every diagnostic."""
    from game.scenario.loader import load_file

    files: list[Path] = []
    for name in args.paths:
        p = Path(name)
        if p.is_dir():
            # a `reference/` folder holds shared glossaries and timelines, checked with the
            # scenarios that name them; `translations/` holds the window's translations
            files += sorted(
                x
                for x in p.rglob("*")
                if x.suffix in (".yaml", ".yml")
                and not {"reference", "translations"} & set(x.relative_to(p).parts[:-1])
            )
        elif p.exists():
            files.append(p)
        else:
            print(f"{name}:1:1: no such file or folder", file=sys.stdout)
            files.append(p)
    if not files:
        raise CliError("no scenario files found in " + ", ".join(args.paths))
    n_err = n_warn = 0
    report = []
    for f in files:
        if not f.exists():
            n_err += 1
            continue
        result = load_file(f, lint=True)
        if args.strict:
            from dataclasses import replace

            result.diagnostics = [replace(d, severity="error") for d in result.diagnostics]
        for d in result.diagnostics:
            if args.json:
                report.append(d.to_dict())
            else:
                print(d.format())
        n_err += len(result.errors)
        n_warn += len(result.diagnostics) - len(result.errors)
    if args.json:
        print(
            json.dumps(
                {"files": len(files), "errors": n_err, "warnings": n_warn, "diagnostics": report},
                indent=2,
            )
        )
    else:
        status = "ok" if not n_err else "failed"
        print(
            f"{len(files)} file(s) checked: {n_err} error(s), {n_warn} warning(s) - {status}",
            file=sys.stderr,
        )
    return EXIT_DATA if n_err else EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    """Counts and metadata of a scenario."""
    from game.engine.definitions import ROLES
    from game.engine.text import pick
    from game.scenario.loader import load_result, resolve

    sc = _load(args.scenario)
    d = sc.definition
    decisions = [e for e in d.events if e.role != "none"]
    info = {
        "id": d.id,
        "title": pick(d.title),
        "summary": pick(d.summary),
        "file": str(resolve(args.scenario)),
        "content_hash": load_result(args.scenario).content_hash,
        "difficulty": d.difficulty,
        "period": d.period.model_dump(),
        "turns": d.period.turns,
        "roles": {r: d.roles[r].name for r in ROLES},
        "actors": list(d.actors),
        "indicators": len(d.indicators),
        "visible_indicators": sum(not i.hidden for i in d.indicators.values()),
        "events": len(d.events),
        "decision_events": len(decisions),
        "decision_events_by_role": {r: sum(e.role == r for e in d.events) for r in ROLES},
        "news_events": len(d.events) - len(decisions),
        "options": sum(len(e.options) for e in d.events),
        "ladders": {k: len(v.rungs) for k, v in d.ladders.items()},
        "objectives": {k: len(getattr(d.objectives, k)) for k in ("india", "us", "shared")},
        "endings": len(d.endings),
        "questions": len(d.questions),
        "sources": len(d.sources),
        "hypothetical_sources": sum(s.hypothetical for s in d.sources),
        "glossary": len(d.glossary),
        "timeline": len(d.timeline),
        "real_events": sum(e.real is not None for e in d.events),
        "lengths": d.length_turns(),
        "personas": {r: ["balanced", *d.roles[r].personas] for r in ROLES},
        "advisors": {r: list(d.roles[r].advisors) for r in ROLES},
    }
    if args.json:
        print(json.dumps(info, indent=2))
        return EXIT_OK
    print(f"{info['title']} ({d.id}) - {d.period.turns} turns from {d.period.start}")
    print(info["summary"])
    for key in (
        "indicators",
        "events",
        "decision_events",
        "news_events",
        "options",
        "endings",
        "questions",
        "sources",
        "glossary",
        "timeline",
    ):
        print(f"  {key.replace('_', ' ')}: {info[key]}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Run a scenario's expectations (its balance tests)."""
    from game.expectations import run_expectations

    sc = _load(args.scenario)
    exps = sc.definition.expectations
    if not exps:
        print(f"{sc.id} has no expectations to check (add an `expectations:` section)")
        return EXIT_OK
    runs: dict[tuple[str, int, int], dict] = {}
    outcomes = run_expectations(args.scenario, list(exps), summaries=runs)
    failed = 0
    for o in outcomes:
        failed += not o.ok
        print(f"{'PASS' if o.ok else 'FAIL'}  {o.name}: {o.detail}")
    print(f"{len(outcomes) - failed} passed, {failed} failed")
    from game.authoring import print_design_notes

    print_design_notes(args.scenario, sc, runs)
    return EXIT_DATA if failed else EXIT_OK


def cmd_sensitivity(args: argparse.Namespace) -> int:
    """Which numbers of a scenario move each role's win rate most."""
    from game.authoring import AuthoringError, sensitivity_command

    try:
        return sensitivity_command(args, _load(args.scenario))
    except AuthoringError as err:
        raise CliError(str(err), err.code) from None


def cmd_graph(args: argparse.Namespace) -> int:
    """Write the scenario's structure as a graph (HTML, SVG, dot) or print it as text."""
    from game.authoring import AuthoringError, graph_command

    try:
        return graph_command(args, _load(args.scenario))
    except AuthoringError as err:
        raise CliError(str(err), err.code) from None


def cmd_opponent(args: argparse.Namespace) -> int:
    """Measure the forecast's opponent model against the real policy (game/opponent.py)."""
    from game.opponent import describe, model_error

    if args.states < 1 or args.rollouts < 2:
        raise CliError("--states must be at least 1 and --rollouts at least 2", EXIT_USAGE)
    err = model_error(
        _load(args.scenario),
        states=args.states,
        rollouts=args.rollouts,
        real=args.policy,
        model=args.model,
    )
    print(json.dumps(err.to_dict(), indent=2) if args.json else describe(err))
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    """Measure the performance figures."""
    from game.bench import run

    return run(json_out=args.json, quick=args.quick)


def cmd_screenshots(args: argparse.Namespace) -> int:
    """Render every screen of a scripted game to PNG files."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.ui.shots import render_screenshots

    try:
        w, h = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        raise CliError(f"--size must look like 1280x720, not {args.size!r}", EXIT_USAGE) from None
    files = render_screenshots(
        args.outdir,
        size=(w, h),
        scenario=args.scenario,
        seed=args.seed,
        text_scale=args.text_scale,
        language=args.language,
    )
    for f in files:
        print(f)
    print(f"{len(files)} screenshot(s) in {args.outdir}", file=sys.stderr)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of scenario files."""
    from game.scenario.loader import schema_json

    sys.stdout.write(schema_json())
    return EXIT_OK


def cmd_simulate(args: argparse.Namespace) -> int:
    """Monte Carlo over bots."""
    from game.engine.bots import personas_of
    from game.montecarlo import simulate_many

    sc = _load(args.scenario)
    if args.runs < 1:
        raise CliError("--runs must be at least 1", EXIT_USAGE)
    policy = _parse_policy(args.policy)
    names = policy.values() if isinstance(policy, dict) else [policy]
    for name in names:
        if name not in personas_of(sc):
            raise CliError(
                f"unknown policy {name!r}; choose from {', '.join(personas_of(sc))}", EXIT_USAGE
            )
    args.policy = policy
    show = sys.stderr.isatty() or args.progress
    bar = _ProgressBar(args.runs) if show and args.runs >= 2000 else None
    if args.workers is not None and args.workers < 1:
        raise CliError("--workers must be at least 1", EXIT_USAGE)
    if args.html:
        from game.analysis import analyse_all, write_html

        bar = None

        def step(what: str) -> None:
            if show:
                print(f"  simulating {what}...", file=sys.stderr)

        if args.sensitivity < 0:
            raise CliError("--sensitivity must be 0 or more", EXIT_USAGE)
        analysis = analyse_all(
            args.scenario,
            sc,
            args.runs,
            policy=args.policy,
            seed=args.seed,
            workers=args.workers,
            progress=step,
            sensitivity_runs=args.sensitivity,
        )
        try:
            write_html(sc, analysis, args.html)
        except OSError as err:
            raise CliError(f"cannot write {args.html}: {err.strerror or err}") from None
        print(f"wrote {args.html}", file=sys.stderr)
        result = next(iter(analysis.results.values()))
    else:
        result = simulate_many(
            args.scenario,
            args.runs,
            policy=args.policy,
            seed=args.seed,
            workers=args.workers,
            progress=bar.update if bar else None,
        )
    if bar:
        bar.done()
    if args.json:
        print(json.dumps(result, indent=2))
        return EXIT_OK
    _print_simulation(result)
    return EXIT_OK


def _print_simulation(r: dict) -> None:
    print(
        f"{r['scenario']}: {r['runs']} games, policy {r['policy']}, seed {r['seed']} "
        f"({r['games_per_second']:,.0f} games/s)"
    )
    for role, v in r["roles"].items():
        print(
            f"  {role:<6} primary objective met {v['win_rate']:6.1%}   mean score {v['mean_score']:5.1f}"
        )
    print("  endings:")
    for k, v in r["endings"].items():
        print(f"    {k:<32} {v:6.1%}")
    print("  events fired (share of games):")
    for k, v in r["events"].items():
        flag = "   <- never fired" if v == 0 else ""
        print(f"    {k:<32} {v:6.1%}{flag}")
    print("  final indicators (p10 / p50 / p90):")
    for k, v in r["final"].items():
        print(f"    {k:<32} {v['p10']:>9.1f} {v['p50']:>9.1f} {v['p90']:>9.1f}")


def _parse_policy(text: str) -> str | dict[str, str]:
    """`random`, or per role: `india=expert,us=random` (roles not named play `random`)."""
    if "=" not in text:
        return text
    out = {"india": "random", "us": "random"}
    for part in text.split(","):
        role, _, name = part.partition("=")
        role = role.strip()
        if role not in out or not name.strip():
            raise CliError(f"bad --policy {text!r}: write e.g. india=expert,us=random", EXIT_USAGE)
        out[role] = name.strip()
    return out


class _ProgressBar:
    """A one-line progress bar on stderr."""

    def __init__(self, total: int) -> None:
        self.total = total

    def update(self, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        write = getattr(sys.stderr, "write_raw", sys.stderr.write)  # our own carriage return
        write(f"\r  [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} games")
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\n")


def cmd_report(args: argparse.Namespace) -> int:
    """Write a debrief of one save, or a class report of several, as HTML or Markdown."""
    from game.report import ReportError, run_report

    try:
        return run_report(args.saves, args.output, args.format, args.csv)
    except ReportError as err:
        raise CliError(str(err), err.code) from None


def cmd_brief(args: argparse.Namespace) -> int:
    """Write a role's brief (situation, objectives, actors, glossary, timeline) as HTML or Markdown."""
    from game.brief import BriefError, write_brief

    sc = _load(args.scenario)
    out = Path(args.output or f"{sc.id}-{args.role}-brief.{args.format or 'html'}")
    fmt = args.format or ("md" if out.suffix.lower() in (".md", ".markdown") else "html")
    try:
        write_brief(sc, args.role, out, fmt, args.length)
    except BriefError as err:
        raise CliError(str(err), EXIT_USAGE if "length" in str(err) else EXIT_DATA) from None
    print(f"wrote {out}")
    return EXIT_OK


def cmd_code(args: argparse.Namespace) -> int:
    """Make a class code for a scenario."""
    from game.classcode import make_code

    sc = _load(args.scenario)
    seed = args.seed if args.seed is not None else _fresh_seed()
    flags = {f.strip() for f in (args.flags or "").split(",") if f.strip()}
    try:
        code = make_code(sc.id, seed, args.difficulty, flags, sc.definition.length)
    except ValueError as err:
        raise CliError(str(err), EXIT_USAGE) from None
    print(code)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    """Write a commented scenario template."""
    from importlib import resources

    name = args.name
    path = Path(name if name.endswith((".yaml", ".yml")) else f"{name}.yaml")
    ident = re.sub(r"[^a-z0-9_]", "_", path.stem.lower()).strip("_") or "my_scenario"
    if not ident[0].isalpha():
        ident = "s_" + ident
    if path.exists() and not args.force:
        raise CliError(f"{path} already exists (use --force to overwrite)")
    template = resources.files("game.scenario").joinpath("template.yaml").read_text("utf-8")
    title = ident.replace("_", " ").title()
    text = template.replace("__ID__", ident).replace("__TITLE__", title)
    schema_rel = _schema_path_for(path)
    text = text.replace("__SCHEMA__", schema_rel)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise CliError(f"cannot write {path}: {err.strerror or err}") from None
    print(f"wrote {path}")
    print(f"next: python -m game validate {path}")
    print(f"      python -m game play {path} --text")
    return EXIT_OK


def _schema_path_for(path: Path) -> str:
    """The committed schema's path relative to a new file (absolute if on another drive)."""
    import os

    schema = Path(__file__).resolve().parent / "scenario" / "scenario.schema.json"
    try:
        return Path(os.path.relpath(schema, path.resolve().parent)).as_posix()
    except ValueError:
        return schema.as_posix()


def cmd_menu(args: argparse.Namespace) -> int:
    """No command: the desktop game if it is available, else a terminal game."""
    try:
        from game.ui.app import run_window  # type: ignore[import-not-found]
    except ImportError:
        pass
    else:
        return int(run_window())
    from game.scenario.loader import bundled_ids

    print("Strategic Convergence - the desktop window is not available in this build.")
    print("Bundled scenarios: " + ", ".join(bundled_ids()))
    print("Play one in the terminal:  python -m game play tariff_friction --text")
    return EXIT_OK


# -- parser -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    p = argparse.ArgumentParser(
        prog="python -m game",
        description="Strategic Convergence: India-US defence and trade, turn by turn.",
        epilog="SCENARIO is a bundled id (e.g. tariff_friction) or a path to a YAML file.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("play", help="play a scenario (window, or --text in the terminal)")
    s.add_argument("scenario", metavar="SCENARIO", nargs="?")
    s.add_argument("--role", default="india", help="india or us (default india)")
    s.add_argument("--human", help="roles played by people, e.g. india,us for hot-seat")
    s.add_argument("--seed", type=int, help="the game's seed (default: random)")
    s.add_argument("--code", help="a class code from the teacher (sets scenario, seed, difficulty)")
    s.add_argument("--text", action="store_true", help="play in the terminal")
    s.add_argument(
        "--difficulty",
        default="normal",
        choices=["easy", "normal", "hard"],
        help="strength of the computer's role: balanced, expert or master bot",
    )
    s.add_argument("--bot", help="a bot by name for the computer's role (overrides --difficulty)")
    s.add_argument("--save", help="write the save to this file after every turn")
    s.add_argument("--resume", metavar="SAVE", help="continue a saved game in the terminal")
    s.add_argument(
        "--lang", default="en", help="language of scenario texts where translated (en, hi)"
    )
    s.add_argument(
        "--players",
        metavar="NAMES",
        help='who plays, e.g. "Asha, Ben"; hot-seat: "Asha, Ben; Chen" (India first)',
    )
    s.add_argument(
        "--notes", action="store_true", help="ask for a one-line reason with each decision"
    )
    s.add_argument(
        "--length", default="full", help="full, or a shorter telling such as lesson (8 turns)"
    )
    s.set_defaults(func=cmd_play)

    s = sub.add_parser("replay", help="replay a save exactly")
    s.add_argument("save", metavar="SAVE")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_replay)

    s = sub.add_parser("report", help="debrief of one save, or a class report of many (HTML)")
    s.add_argument("saves", nargs="+", metavar="SAVE", help="save files, or a folder of them")
    s.add_argument("-o", "--output", metavar="FILE", help="the report to write")
    s.add_argument(
        "--format", choices=["html", "md"], help="default: from FILE's suffix, else html"
    )
    s.add_argument("--csv", metavar="FILE", help="also write one row per save for a gradebook")
    s.set_defaults(func=cmd_report)

    s = sub.add_parser("brief", help="a printable role brief for students (HTML or Markdown)")
    s.add_argument("scenario", metavar="SCENARIO")
    s.add_argument("--role", required=True, choices=["india", "us"])
    s.add_argument(
        "--length", default="full", help="full, or a shorter telling such as lesson (8 turns)"
    )
    s.add_argument("-o", "--output", metavar="FILE", help="default: SCENARIO-ROLE-brief.html")
    s.add_argument(
        "--format", choices=["html", "md"], help="default: from FILE's suffix, else html"
    )
    s.set_defaults(func=cmd_brief)

    s = sub.add_parser("code", help="make a class code (scenario + seed + difficulty)")
    s.add_argument("scenario", metavar="SCENARIO")
    s.add_argument(
        "--length", default="full", help="full, or a shorter telling such as lesson (8 turns)"
    )
    s.add_argument("--seed", type=int)
    s.add_argument("--difficulty", default="normal", choices=["easy", "normal", "hard"])
    s.add_argument(
        "--flags", help="comma-separated: hot_seat, notes_required, no_forecasts, no_advisors"
    )
    s.set_defaults(func=cmd_code)

    from game.server.commands import add_parsers

    add_parsers(sub)

    s = sub.add_parser("validate", help="check scenario files; every error as file:line:col")
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.add_argument("--strict", action="store_true", help="treat warnings as errors")
    s.set_defaults(func=cmd_validate)

    s = sub.add_parser("info", help="counts and metadata of a scenario")
    s.add_argument("scenario", metavar="SCENARIO")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_info)

    s = sub.add_parser("simulate", help="Monte Carlo over bots")
    s.add_argument("scenario", metavar="SCENARIO")
    s.add_argument("--runs", type=int, default=1000)
    s.add_argument(
        "--policy",
        default="random",
        help="random, balanced, expert or a persona; per role: india=expert,us=random",
    )
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--json", action="store_true")
    s.add_argument("--progress", action="store_true", help="progress bar even when not a TTY")
    s.add_argument("--workers", type=int, help="processes to use (default: one per core)")
    s.add_argument(
        "--html",
        metavar="FILE",
        help="also write a balance report (built-in bots and every persona) to FILE",
    )
    s.add_argument(
        "--sensitivity",
        type=int,
        default=0,
        metavar="N",
        help="with --html: add a sensitivity section, N games per number (0: none)",
    )
    s.add_argument(
        "--length", default="full", help="full, or a shorter telling such as lesson (8 turns)"
    )
    s.set_defaults(func=cmd_simulate)

    s = sub.add_parser("check", help="run a scenario's expectations (balance tests)")
    s.add_argument("scenario", metavar="SCENARIO")
    s.add_argument(
        "--length", default="full", help="full, or a shorter telling such as lesson (8 turns)"
    )
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("sensitivity", help="which numbers of a scenario move win rates most")
    s.add_argument("scenario", metavar="SCENARIO")
    s.add_argument("--runs", type=int, default=400, help="games per changed number (default 400)")
    s.add_argument("--policy", default="balanced", help="bots of both roles (default balanced)")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--top", type=int, default=20, help="rows to print (default 20)")
    s.add_argument("--json", action="store_true", help="every number, machine-readable")
    s.set_defaults(func=cmd_sensitivity)

    s = sub.add_parser("graph", help="the scenario's model as a graph: what drives what")
    s.add_argument("scenario", metavar="SCENARIO")
    s.add_argument("-o", "--output", metavar="FILE", help=".html, .svg or .dot (default: text)")
    s.add_argument("--format", choices=["html", "svg", "dot", "text"], help="default: from FILE")
    s.set_defaults(func=cmd_graph)

    s = sub.add_parser("opponent", help="the forecast's opponent model against real play")
    s.add_argument("scenario", metavar="SCENARIO")
    s.add_argument("--states", type=int, default=8, help="game states measured (default 8)")
    s.add_argument("--rollouts", type=int, default=40, help="futures per option (default 40)")
    s.add_argument("--policy", default="expert", choices=["expert", "master", "balanced"])
    s.add_argument(
        "--model", default="mix", help="the stand-in to measure: mix (forecasts') or a bot"
    )
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_opponent)

    s = sub.add_parser("bench", help="measure the performance figures")
    s.add_argument("--json", action="store_true")
    s.add_argument("--quick", action="store_true", help="smaller runs (for a quick look)")
    s.set_defaults(func=cmd_bench)

    s = sub.add_parser("screenshots", help="render every screen of a scripted game to PNG")
    s.add_argument("outdir", metavar="OUTDIR")
    s.add_argument(
        "--scenario", default="tariff_friction", help="scenario to play (default tariff_friction)"
    )
    s.add_argument("--seed", type=int, default=7)
    s.add_argument("--size", default="1280x720", help="window size, e.g. 1280x720")
    s.add_argument(
        "--text-scale", type=float, default=1.0, help="text size, e.g. 1.4 for 140%% (default 1)"
    )
    s.add_argument(
        "--language", default="en", choices=["en", "hi"], help="interface language (default en)"
    )
    s.set_defaults(func=cmd_screenshots)

    s = sub.add_parser("schema", help="print the JSON Schema of scenario files")
    s.set_defaults(func=cmd_schema)

    s = sub.add_parser("new", help="write a new scenario from a commented template")
    s.add_argument("name", metavar="NAME")
    s.add_argument("--force", action="store_true", help="overwrite an existing file")
    s.set_defaults(func=cmd_new)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    from game.heap import keep_freed_memory

    keep_freed_memory()  # a forecast's arrays reuse freed memory (see game/heap.py)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    from game.termtext import SafeStream

    # Text from scenarios, saves and file names reaches the terminal: everything printed goes
    # through the one sanitiser, so no character in it can act on the terminal.
    out, err_stream = sys.stdout, sys.stderr
    sys.stdout = SafeStream(out)  # type: ignore[assignment]
    sys.stderr = SafeStream(err_stream)  # type: ignore[assignment]
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = out, err_stream


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", cmd_menu)
    try:
        if getattr(args, "length", "full") != "full" and getattr(args, "scenario", None):
            from game.scenario.loader import with_length

            # one reference carries the length through every loader and worker process
            args.scenario = with_length(args.scenario, args.length)
        return func(args)
    except CliError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.code
    except ScenarioError as err:
        # read once at the start, then read again (by a worker process, a shorter length):
        # the file was changed while the command ran
        print(
            "error: the scenario changed while this command ran and is no longer valid:\n"
            f"{err}\nFix it and run the command again.",
            file=sys.stderr,
        )
        return EXIT_DATA
    except BrokenProcessPool:
        print(
            "error: a worker process stopped before its share of the games was done (did the "
            "scenario file change while this command ran?); run the command again.",
            file=sys.stderr,
        )
        return EXIT_DATA
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
