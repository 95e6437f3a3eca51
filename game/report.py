"""Classroom reports from saves: a debrief of one game, a class report of many, a gradebook CSV.

A save holds only the scenario reference, the seed and the decision log, so every
report first replays each save on its scenario (compiled once per scenario file and
cached). From the replayed games it gathers plain data -- `Debrief` and
`ClassReport` -- which `game.report_html` renders as one self-contained HTML page
and `debrief_markdown`/`class_markdown` as Markdown. Charts are drawn by the game's own chart code
(`game.ui.charts`) on off-screen pygame surfaces and stored as PNG.

Front ends call `write_debrief(save, out)` and `write_class_report(saves, out)`;
`python -m game report` calls `run_report`. Problems raise `ReportError` with a
message for the teacher, never a traceback.
"""

from __future__ import annotations

import copy
import csv
import math
import os
import re
import statistics
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from game.engine.bots import make_policy
from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLE_NAMES, ROLES
from game.engine.game import Game, OptionView, TurnRecord
from game.engine.text import pick, render
from game.saves import SaveData, SaveError, read_save, replay_save

UNUSUAL_SHARE = 0.2  # an option chosen by fewer than this share of the class is "unusual"
WHAT_IF_SHOWN = 3  # decisions shown in the debrief's what-if section
MOVERS_SHOWN = 12  # ledger movements shown in "why the biggest changes happened"
KEY_INDICATORS_MAX = 6
NOTE_MAX = 500  # characters of a rationale note shown (saves are data from strangers)
WHAT_IF_BOT = "balanced"
# for scenarios that bring no debrief questions of their own
GENERAL_QUESTIONS = [
    "Which single decision mattered most in your game? Use the timeline and the table of "
    "the biggest changes to show why.",
    "Where did the reasons you wrote down and what actually happened part ways? What did you "
    "not foresee?",
    "Pick one road not taken from the what-if section: would you choose differently now, and "
    "what would it have cost the other side?",
    "Which actor that nobody played shaped your game the most, and how?",
    "Which relationship in the model do you find least convincing, and how would you change it?",
]


class ReportError(Exception):
    """A report that cannot be made; the message says why, for the teacher."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


# -- loading saves ------------------------------------------------------------------------


@dataclass
class Team:
    """One save, replayed: the game as the team left it."""

    path: Path
    save: SaveData
    game: Game
    note: str = ""  # set when the save no longer fits its scenario
    name: str = ""
    saved_at: datetime | None = None

    @property
    def humans(self) -> list[str]:
        return [r for r in ROLES if r in self.save.humans]

    @property
    def code(self) -> str:
        return str(self.save.settings.get("class_code", "") or "").strip().upper()

    @property
    def over(self) -> bool:
        return self.game.is_over()

    @property
    def players(self) -> str:
        """Who played, from the save's `players` field (role -> names), or ''."""
        names = [str(v).strip() for v in self.save.players.values() if str(v).strip()]
        return ", ".join(dict.fromkeys(names))

    def notes(self) -> int:
        return sum(1 for c in self.game.log if c.note.strip())


class ScenarioCache:
    """Compiled scenarios by file and modification time, so 40 saves load one scenario once."""

    def __init__(self) -> None:
        self._by_file: dict[tuple[str, int], tuple[CompiledScenario, str]] = {}

    def get(self, save: SaveData, save_path: Path) -> tuple[CompiledScenario, str]:
        """The scenario a save refers to and its content hash (ReportError if unusable)."""
        from game.scenario.loader import ScenarioError, bundled_ids, load_result, resolve

        candidates: list[str] = [save.scenario]
        ref = Path(save.scenario)
        if not ref.is_absolute() and save.scenario not in bundled_ids():
            candidates.append(str(save_path.parent / ref))
        if save.scenario_id in bundled_ids():
            candidates.append(save.scenario_id)
        path = None
        for name in candidates:
            try:
                path = resolve(name)
                break
            except FileNotFoundError:
                continue
        if path is None:
            raise ReportError(
                f"{save_path}: its scenario {save.scenario!r} cannot be found "
                "(copy the scenario file next to the save, or install the game that made it)"
            )
        try:
            key = (str(path.resolve()), path.stat().st_mtime_ns)
        except OSError as err:
            raise ReportError(f"{save_path}: cannot read its scenario {path}: {err}") from None
        found = self._by_file.get(key)
        if found is None:
            try:
                result = load_result(str(path))
            except (FileNotFoundError, ScenarioError) as err:
                raise ReportError(
                    f"{save_path}: its scenario {path} cannot be loaded: {err}"
                ) from None
            if not result.ok or result.compiled is None:
                first = result.errors[0].format() if result.errors else "unknown problem"
                raise ReportError(f"{save_path}: its scenario {path} is not valid: {first}")
            found = self._by_file[key] = (result.compiled, result.content_hash)
        sc = found[0]
        if sc.id != save.scenario_id:
            raise ReportError(
                f"{save_path}: the save is a game of {save.scenario_id!r} but {path} "
                f"holds {sc.id!r}"
            )
        return found


def load_team(path: Path | str, cache: ScenarioCache | None = None) -> Team:
    """Read a save and replay it (ReportError with a clear message if that fails)."""
    path = Path(path)
    if path.is_dir():
        raise ReportError(f"{path} is a folder, not a save")
    try:
        save = read_save(path)
    except SaveError as err:
        raise ReportError(str(err)) from None
    sc, content_hash = (cache or ScenarioCache()).get(save, path)
    try:
        game, applied = replay_save(sc, save)
    except Exception as err:  # noqa: BLE001 - a hand-edited save must not crash the report
        raise ReportError(f"{path}: the game cannot be replayed ({err})") from None
    note = ""
    if applied < len(save.log):
        bad = save.log[applied]
        note = (
            f"The scenario has changed since this game was saved: its decision of turn "
            f"{bad.turn} ({bad.role}: {bad.event} -> {bad.option}) no longer fits, so this "
            f"report covers the first {applied} of {len(save.log)} decisions."
        )
    elif save.scenario_hash and content_hash and save.scenario_hash != content_hash:
        note = (
            "The scenario file has changed since this game was saved; every decision still "
            "fits, but the numbers may differ from what the players saw."
        )
    try:
        saved_at = datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        saved_at = None
    team = Team(path, save, game, note=note, saved_at=saved_at)
    team.name = team.players or path.stem
    return team


def expand_paths(args: Sequence[str | Path]) -> tuple[list[Path], bool]:
    """Save files named on the command line (a folder means its *.json); True if a folder was given."""
    out: list[Path] = []
    folder = False
    for a in args:
        p = Path(a)
        if p.is_dir():
            folder = True
            out += sorted(x for x in p.glob("*.json") if x.is_file())
        else:
            out.append(p)
    return list(dict.fromkeys(out)), folder


# -- small shared pieces -------------------------------------------------------------------


def role_name(game: Game, role: str) -> str:
    spec = game.definition.roles.get(role)
    return spec.name if spec is not None else ROLE_NAMES.get(role, role)


def fmt_value(value: float | None, decimals: int = 0, unit: str = "") -> str:
    """A value as the game shows it: the indicator's decimals, then its unit."""
    if value is None or not math.isfinite(value):
        return "–"
    text = f"{value:,.{decimals}f}"
    if text.lstrip("-").strip("0.") == "":
        text = text.lstrip("-")  # never "-0"
    if not unit:
        return text
    return text + "%" if unit == "%" else f"{text} {unit}"


def fmt_delta(value: float, decimals: int = 0, unit: str = "") -> str:
    """A signed change; ±0 when it rounds to nothing at the indicator's decimals."""
    if round(abs(value), decimals) == 0:
        return "±" + fmt_value(0.0, decimals, unit)
    return ("+" if value > 0 else "−") + fmt_value(abs(value), decimals, unit)


def shown_change(before: float, after: float, decimals: int) -> float:
    """The change between two values as rounded on screen, so `54` to `53` reads `−1`."""
    return round(after, decimals) - round(before, decimals)


def natural(text: str) -> list[Any]:
    """Sort key that puts `Team 2` before `Team 10`."""
    return [int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", text)]


def short_note(note: str) -> str:
    note = " ".join(note.split())
    return note if len(note) <= NOTE_MAX else note[: NOTE_MAX - 1] + "…"


def visible_indicators(sc: CompiledScenario) -> list[str]:
    return [n for n, ind in sc.definition.indicators.items() if not ind.hidden]


def key_indicators(sc: CompiledScenario, roles: Iterable[str]) -> list[str]:
    """Visible indicators named by the objectives of `roles` (and the shared ones), in order."""
    named: set[str] = set()
    for role in roles:
        for obj in sc.objectives_of(role):
            named |= set(obj.when.names)
    out = [n for n in visible_indicators(sc) if n in named]
    if not out:
        out = visible_indicators(sc)
    return out[:KEY_INDICATORS_MAX]


_SIMPLE = re.compile(r"^\s*([a-z][a-z0-9_]*)\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")


def objective_targets(sc: CompiledScenario, roles: Iterable[str]) -> dict[str, float]:
    """Thresholds of simple objective clauses (`trade_bn >= 270`) per indicator, for charts."""
    out: dict[str, float] = {}
    seen: set[str] = set()
    for role in roles:
        for objective in [
            *getattr(sc.definition.objectives, role),
            *sc.definition.objectives.shared,
        ]:
            if objective.id in seen or not isinstance(objective.when, str):
                continue
            seen.add(objective.id)
            for clause in re.split(r"\band\b", objective.when):
                m = _SIMPLE.match(clause)
                if m and m.group(1) in sc.definition.indicators:
                    out.setdefault(m.group(1), float(m.group(3)))
    return out


def objectives_of(game: Game, role: str) -> list[tuple[str, bool, bool, bool]]:
    """(label, met, primary, shared) for each objective counting for `role`."""
    d = game.definition
    met = game.objectives_met()
    values = game.values()
    out = []
    for owner in (role, "shared"):
        for o in getattr(d.objectives, owner):
            out.append(
                (
                    render(o.label, values),
                    bool(met.get(f"{owner}.{o.id}", False)),
                    bool(o.primary),
                    owner == "shared",
                )
            )
    return out


def met_count(game: Game, role: str) -> tuple[int, int]:
    items = objectives_of(game, role)
    return sum(1 for _, m, _, _ in items if m), len(items)


def ending_title(game: Game) -> str:
    end = game.ending()
    return render(end.title, game.values()) if end is not None else ""


def history_series(game: Game, name: str) -> list[float]:
    """An indicator's values: the start, each turn's decision point, and the end."""
    k = game.scenario.indicators.index(name)
    initial = getattr(game.state, "initial", None)
    head = [float(initial[k])] if initial is not None else []
    return head + [float(h[k]) for h in game.history]


def history_labels(game: Game) -> list[str]:
    initial = getattr(game.state, "initial", None)
    head = ["start"] if initial is not None else []
    turns = [game.turn_label(t + 1) for t in range(len(game.history) - 1)]
    last = "end" if game.is_over() else game.turn_label(len(game.history))
    return head + turns + [last]


# -- charts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chart:
    """A chart to draw with the game's chart code: a line chart or horizontal bars."""

    kind: str  # "line" | "bars"
    title: str
    alt: str  # the same information in words, for screen readers and Markdown
    width: int  # CSS pixels; the PNG is drawn at twice this for print
    height: int
    series: tuple[tuple[str, tuple[float, ...]], ...] = ()
    colours: tuple[tuple[str, str], ...] = ()  # series name -> palette colour name
    x_labels: tuple[str, ...] = ()
    targets: tuple[tuple[str, float], ...] = ()
    unit: str = ""
    legend: bool = True
    items: tuple[tuple[str, float], ...] = ()
    max_value: float = 1.0
    colour: str = "accent"


CHART_SCALE = 2
_chart_state: dict[str, Any] = {}


def _chart_backend() -> Any:
    """(charts module, Fonts, print palette), or None if charts cannot be drawn here."""
    if "backend" in _chart_state:
        return _chart_state["backend"]
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    backend = None
    try:
        from dataclasses import replace

        from game.ui import charts
        from game.ui.theme import DEFAULT, Fonts

        charts.init_offscreen()
        paper = replace(
            DEFAULT,
            name="print",
            background=(255, 255, 255),
            panel=(255, 255, 255),
            panel_alt=(233, 237, 242),
            border=(150, 158, 170),
            grid=(226, 230, 236),
            text=(28, 33, 40),
            text_dim=(85, 95, 110),
            accent=(0, 125, 125),
            good=(40, 135, 80),
            bad=(196, 64, 44),
            warn=(196, 132, 16),
            neutral=(150, 158, 172),
            india=(222, 118, 16),
            us=(36, 92, 196),
        )
        backend = (charts, Fonts(float(CHART_SCALE)), paper)
    except Exception as err:  # noqa: BLE001 - no pygame (or no fonts): reports go on without charts
        print(f"warning: charts are left out ({err})", file=sys.stderr)
        backend = None
    _chart_state["backend"] = backend
    return backend


def charts_available() -> bool:
    return _chart_backend() is not None


def render_chart(chart: Chart, path: Path) -> bool:
    """Draw a chart to a PNG file with the game's chart code; False if charts are unavailable."""
    backend = _chart_backend()
    if backend is None:
        return False
    charts, fonts, paper = backend
    size = (chart.width * CHART_SCALE, chart.height * CHART_SCALE)

    def draw(surface: Any, rect: Any) -> None:
        if chart.kind == "line":
            charts.line_chart(
                surface,
                rect,
                dict(chart.series),
                {n: getattr(paper, c, paper.accent) for n, c in chart.colours},
                fonts=fonts,
                palette=paper,
                x_labels=list(chart.x_labels) or None,
                title=chart.title or None,
                targets=dict(chart.targets) or None,
                unit=chart.unit,
                legend=chart.legend,
                bg=paper.panel,
            )
        else:
            charts.bar_compare(
                surface,
                rect,
                list(chart.items),
                fonts=fonts,
                palette=paper,
                colour=getattr(paper, chart.colour, paper.accent),
                max_value=chart.max_value,
                unit=chart.unit,
                title=chart.title or None,
                bg=paper.panel,
            )

    try:
        charts.export_png(draw, size, path, background=paper.panel)
    except Exception as err:  # noqa: BLE001 - one chart that fails must not lose the report
        print(f"warning: a chart could not be drawn ({err})", file=sys.stderr)
        return False
    return True


def chart_png(chart: Chart) -> bytes | None:
    """A chart as PNG bytes (None if charts are unavailable)."""
    with tempfile.TemporaryDirectory(prefix="sc-report-") as tmp:
        path = Path(tmp) / "chart.png"
        if not render_chart(chart, path):
            return None
        return path.read_bytes()


# -- the debrief --------------------------------------------------------------------------


@dataclass
class RoleLine:
    role: str
    name: str
    played_by: str
    human: bool


@dataclass
class RoleResult:
    role: str
    name: str
    human: bool
    score: float | None
    objectives: list[tuple[str, bool, bool, bool]]  # label, met, primary, shared


@dataclass
class ChoiceLine:
    role: str
    role_name: str
    human: bool
    event: str
    title: str
    option: str
    label: str
    note: str = ""


@dataclass
class TurnEntry:
    turn: int
    label: str
    news: list[tuple[str, str]]  # (source, headline)
    choices: list[ChoiceLine]
    pending: bool = False


@dataclass
class Mover:
    indicator: str
    label: str
    unit: str
    decimals: int
    delta: float
    cause: str
    turns: tuple[int, int]
    weight: float  # |delta| as a share of the indicator's range, for ranking
    good: float = 0.0  # +1 if the human side(s) want this indicator up, -1 down, 0 neither


@dataclass
class Outcome:
    """Where a game ends: the road taken or a road not taken."""

    option: str
    label: str
    ending: str
    scores: dict[str, float]
    finals: dict[str, float]
    met: dict[str, tuple[int, int]]
    delta: float = 0.0  # change in the deciding role's score against the road taken
    series: list[float] = field(default_factory=list)  # of the chart's indicator


@dataclass
class WhatIf:
    index: int  # position of the decision in the game's log
    turn: int
    turn_label: str
    role: str
    role_name: str
    event: str
    title: str
    note: str
    chosen: Outcome
    alternative: Outcome
    others: list[Outcome]
    chart: Chart | None = None


@dataclass
class Indicator:
    id: str
    label: str
    unit: str
    decimals: int


@dataclass
class Debrief:
    team: Team
    title: str
    summary: str
    scenario_id: str
    roles: list[RoleLine]
    seed: int
    code: str
    code_info: str
    saved: str
    made: str
    turn: int
    turns: int
    over: bool
    status: str
    ending: tuple[str, str] | None
    results: list[RoleResult]
    charts: list[Chart]
    timeline: list[TurnEntry]
    movers: list[Mover]
    whatifs: list[WhatIf]
    whatif_note: str
    key: list[Indicator]
    questions: list[str]
    warnings: list[str]


def describe_code(code: str) -> str:
    if not code:
        return ""
    from game.classcode import parse_code

    try:
        info = parse_code(code)
    except ValueError:
        return "not a valid class code"
    flags = ", ".join(f.replace("_", " ") for f in sorted(info.flags))
    return f"difficulty {info.difficulty}" + (f"; {flags}" if flags else "")


def _indicator(sc: CompiledScenario, name: str) -> Indicator:
    ind = sc.definition.indicators[name]
    return Indicator(name, ind.label, ind.unit, ind.decimals)


def _played_by(team: Team, role: str) -> str:
    if role not in team.humans:
        return f"computer ({team.save.bot})"
    who = str(team.save.players.get(role, "") or "").strip()
    if who:
        return who
    return "students, at one machine (hot-seat)" if len(team.humans) > 1 else "students"


def _stamp(when: datetime | None) -> str:
    return when.strftime("%d %b %Y, %H:%M") if when else "unknown"


def build_debrief(source: Team | Path | str, *, whatifs: bool = True) -> Debrief:
    """Everything the debrief of one save shows, as plain data."""
    team = source if isinstance(source, Team) else load_team(source)
    g = team.game
    sc = g.scenario
    d = g.definition
    values = g.values()
    humans = team.humans
    code = team.code
    over = g.is_over()
    status = (
        f"finished after {len(g.history) - 1} of {d.period.turns} turns"
        if over
        else f"in progress, at turn {g.turn} of {d.period.turns} ({g.turn_label()})"
    )
    end = g.ending() if over else None
    results = [
        RoleResult(
            role,
            role_name(g, role),
            role in humans,
            g.scores()[role] if over else None,
            objectives_of(g, role),
        )
        for role in ROLES
    ]
    warnings = [team.note] if team.note else []
    key = [_indicator(sc, n) for n in key_indicators(sc, humans or ROLES)]
    wi: list[WhatIf] = []
    if whatifs:
        wi = build_whatifs(team, key)
    n_choices = sum(1 for c in g.log if c.role in humans)
    if not humans:
        whatif_note = "Nobody played this game by hand, so there are no decisions to replay."
    elif not wi:
        whatif_note = "None of the decisions made had an alternative that was open at the time."
    else:
        whatif_note = (
            f"Each of the {n_choices} decisions made by "
            f"{' and '.join(role_name(g, r) for r in humans)} was replayed with every other "
            "option open at the time, with the same dice (the same seed). Later decisions are "
            "kept where the same decision comes up again; where the game went elsewhere, a "
            f"{WHAT_IF_BOT} computer player decides. Shown: the three decisions whose "
            "alternative changed the deciding side's final score the most (ties broken by how "
            "far the key indicators moved), each against its most consequential alternative."
        )
        if not over:
            whatif_note += (
                " The game is not finished: both roads are played to the end by computer "
                "players from where the game stopped."
            )
    return Debrief(
        team=team,
        title=pick(d.title),
        summary=pick(d.summary),
        scenario_id=d.id,
        roles=[RoleLine(r, role_name(g, r), _played_by(team, r), r in humans) for r in ROLES],
        seed=g.seed,
        code=code,
        code_info=describe_code(code),
        saved=_stamp(team.saved_at),
        made=_stamp(datetime.now()),
        turn=g.turn,
        turns=d.period.turns,
        over=over,
        status=status,
        ending=(render(end.title, values), render(end.epilogue, values)) if end else None,
        results=results,
        charts=indicator_charts(team),
        timeline=build_timeline(team),
        movers=build_movers(g, humans),
        whatifs=wi,
        whatif_note=whatif_note,
        key=key,
        questions=[render(q, values) for q in d.questions] or list(GENERAL_QUESTIONS),
        warnings=warnings,
    )


def indicator_charts(team: Team) -> list[Chart]:
    """One small line chart per visible indicator, grouped as on the dashboard."""
    g = team.game
    sc = g.scenario
    d = g.definition
    targets = objective_targets(sc, team.humans or ROLES)
    labels = tuple(history_labels(g))
    names = visible_indicators(sc)
    groups: dict[str, list[str]] = defaultdict(list)
    for n in names:
        groups[d.indicators[n].group].append(n)
    out = []
    for group in groups.values():
        for n in group:
            ind = d.indicators[n]
            series = tuple(history_series(g, n))
            tgt = ((ind.label, targets[n]),) if n in targets else ()
            first, last = series[0], series[-1]
            alt = (
                f"{ind.label}: from {fmt_value(first, ind.decimals, ind.unit)} to "
                f"{fmt_value(last, ind.decimals, ind.unit)}"
                + (
                    f"; objective threshold {fmt_value(targets[n], ind.decimals, ind.unit)}"
                    if n in targets
                    else ""
                )
            )
            out.append(
                Chart(
                    "line",
                    ind.label,
                    alt,
                    440,
                    210,
                    series=((ind.label, series),),
                    colours=((ind.label, "accent"),),
                    x_labels=labels,
                    targets=tgt,
                    unit=ind.unit if ind.unit in ("%",) else "",
                    legend=False,
                )
            )
    return out


def _news_source(g: Game, ev: Any) -> str:
    return g.actor_name(ev.actor) if ev.actor else ""


def build_timeline(team: Team) -> list[TurnEntry]:
    """Per turn: the news, then every decision with its option and the player's note."""
    g = team.game
    humans = team.humans
    out = []
    for rec in g.turns:
        k = rec.turn - 1
        vals = dict(
            zip(g.scenario.indicators, (float(x) for x in g.history[min(k, len(g.history) - 1)]))
        )
        news = []
        for e in rec.news:
            ev = g.event_def(e)
            if ev.role != "none":
                continue
            title = render(ev.title, vals)
            text = render(ev.text, vals) if ev.text else ""
            news.append((_news_source(g, ev), f"{title}: {text}" if text else title))
        choices = []
        for c in rec.choices:
            ev = g.event_def(c.event)
            opt = next((o for o in ev.options if o.id == c.option), None)
            choices.append(
                ChoiceLine(
                    c.role,
                    role_name(g, c.role),
                    c.role in humans,
                    c.event,
                    render(ev.title, vals),
                    c.option,
                    render(opt.label, vals) if opt else c.option,
                    short_note(c.note),
                )
            )
        pending = not g.is_over() and rec.turn == g.turn
        out.append(TurnEntry(rec.turn, g.turn_label(rec.turn), news, choices, pending))
    return out


def _wanted(g: Game, roles: Sequence[str], name: str) -> float:
    """The way `roles` want an indicator to move: +1, -1, or 0 (indifferent or disagreeing)."""
    k = g.scenario.indicators.index(name)
    signs = {float(g.scenario.direction[ROLES.index(r), k]) for r in roles}
    return signs.pop() if len(signs) == 1 else 0.0


def build_movers(g: Game, humans: Sequence[str] = (), limit: int = MOVERS_SHOWN) -> list[Mover]:
    """The largest movements in the ledger: per indicator and cause, summed over the game."""
    ledger = g.state.ledger
    if ledger is None:
        return []
    d = g.definition
    totals: dict[tuple[str, Any], float] = defaultdict(float)
    turns: dict[tuple[str, Any], list[int]] = defaultdict(list)
    for e in ledger.entries:
        ind = d.indicators.get(e.indicator)
        if ind is None or ind.hidden or e.cause.kind == "start":
            continue
        totals[(e.indicator, e.cause)] += e.delta
        turns[(e.indicator, e.cause)].append(e.turn)
    movers = []
    for (name, cause), delta in totals.items():
        ind = d.indicators[name]
        span = max(float(ind.max) - float(ind.min), 1e-9)
        if abs(delta) < 10 ** -(ind.decimals + 1):
            continue
        ts = turns[(name, cause)]
        movers.append(
            Mover(
                name,
                ind.label,
                ind.unit,
                ind.decimals,
                delta,
                g.describe(cause),
                (min(ts), max(ts)),
                abs(delta) / span,
                _wanted(g, humans, name) if humans else 0.0,
            )
        )
    movers.sort(key=lambda m: -m.weight)
    return movers[:limit]


def _quiet(game: Game) -> Game:
    """Switch off the ledger and the news journal: a what-if needs only values and results."""
    game.state.ledger = None
    game.state.journal = None
    return game


def _fork(game: Game) -> Game:
    """An independent copy of a game in progress (same scenario, same dice)."""
    new = copy.copy(game)
    new.state = game.state.clone()
    new.log = list(game.log)
    new.history = list(game.history)
    new.turns = [TurnRecord(game.turn)]
    return new


def _play_out(game: Game, answers: dict[tuple[int, str, str], str], fill: dict) -> Game:
    """Finish a game as `what_if` does: the given answers where they fit, else the bots."""
    while not game.is_over():
        bots: dict[str, list[int]] | None = None  # asked only when needed: they are slow
        actions: dict[str, list[int | str]] = {}
        for role in ROLES:
            due = game.pending(role)
            if not due:
                continue
            picks: list[int | str] = []
            for k, dec in enumerate(due):
                option = answers.get((game.turn, role, dec.event))
                if option is not None and any(o.id == option and o.legal for o in dec.options):
                    picks.append(option)
                    continue
                if bots is None:
                    bots = game.play_bots(fill)
                picks.append(bots[role][k])
            actions[role] = picks
        if not game.apply(actions):
            break
    return game


def roads_not_taken(
    g: Game, humans: Sequence[str], fill: dict
) -> tuple[Game, dict[int, list[tuple[OptionView, Game]]]]:
    """The road taken played to the end, and for each human decision every other open option's game.

    Gives the same games as calling `what_if` for each (decision, option) -- same dice,
    later decisions kept where they fit, `fill` bots elsewhere -- but replays the game
    once and forks it at each turn instead of replaying every what-if from the start.
    """
    log = list(g.log)
    answers = {(c.turn, c.role, c.event): c.option for c in log}
    by_turn: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(log):
        by_turn[c.turn].append(i)
    game = _quiet(Game(g.scenario, g.seed))
    out: dict[int, list[tuple[OptionView, Game]]] = {}
    while not game.is_over() and by_turn.get(game.turn):
        todo = by_turn[game.turn]
        actions: dict[str, list[str]] = {}
        alts: list[tuple[int, OptionView]] = []
        for role in ROLES:
            due = game.pending(role)
            mine = [i for i in todo if log[i].role == role]
            if [log[i].event for i in mine] != [x.event for x in due]:
                break
            for i, dec in zip(mine, due):
                if role in humans:
                    out[i] = []
                    alts += [(i, o) for o in dec.options if o.legal and o.id != log[i].option]
            if due:
                actions[role] = [log[i].option for i in mine]
        for i, o in alts:
            c = log[i]
            changed = dict(answers)
            changed[(c.turn, c.role, c.event)] = o.id
            out[i].append((o, _play_out(_fork(game), changed, fill)))
        if not game.apply(actions):
            break
    base = g if g.is_over() else _play_out(game, answers, fill)
    return base, out


def _outcome(
    game: Game, option: str, label: str, key: Sequence[Indicator], chart_ind: str | None = None
) -> Outcome:
    values = game.values()
    return Outcome(
        option=option,
        label=label,
        ending=ending_title(game) or "(not finished)",
        scores=game.scores() if game.is_over() else {},
        finals={k.id: values[k.id] for k in key},
        met={r: met_count(game, r) for r in ROLES},
        series=history_series(game, chart_ind) if chart_ind else [],
    )


def build_whatifs(team: Team, key: Sequence[Indicator], shown: int = WHAT_IF_SHOWN) -> list[WhatIf]:
    """Replay each human decision with each other open option; keep the most consequential."""
    g = team.game
    sc = g.scenario
    humans = team.humans
    if not humans or not g.log:
        return []
    fill = {r: make_policy(sc, WHAT_IF_BOT) for r in ROLES}
    log = list(g.log)
    # the road taken, played to the end (for an unfinished game, computer players finish it)
    base, alts = roads_not_taken(g, humans, fill)
    if not any(alts.values()):
        return []
    base_scores = base.scores()
    d = g.definition
    spans = {k.id: max(float(d.indicators[k.id].max - d.indicators[k.id].min), 1e-9) for k in key}
    base_vals = base.values()
    ranked: list[tuple[float, float, int, list[tuple[OptionView, Game, float, float]]]] = []
    for i, games in alts.items():
        if not games:
            continue
        role = log[i].role
        tried = []
        for o, alt in games:
            delta = alt.scores()[role] - base_scores[role]
            alt_vals = alt.values()
            moved = sum(abs(alt_vals[k] - base_vals[k]) / spans[k] for k in spans)
            tried.append((o, alt, delta, moved))
        tried.sort(key=lambda t: (-abs(t[2]), -t[3]))
        ranked.append((abs(tried[0][2]), tried[0][3], i, tried))
    ranked.sort(key=lambda r: (-r[0], -r[1], r[2]))
    out = []
    for _, _, i, tried in ranked[:shown]:
        c = log[i]
        ev = g.event_def(c.event)
        chosen_opt = next((o for o in ev.options if o.id == c.option), None)
        vals = dict(zip(sc.indicators, (float(x) for x in g.history[c.turn - 1])))
        best_game = tried[0][1]
        # the chart follows the key indicator the alternative moved most
        bv, av = base.values(), best_game.values()
        chart_ind = max(
            (k.id for k in key), key=lambda k: abs(av[k] - bv[k]) / spans[k], default=None
        )
        chosen = _outcome(
            base,
            c.option,
            render(chosen_opt.label, vals) if chosen_opt else c.option,
            key,
            chart_ind,
        )
        outs = []
        for o, alt, delta, _moved in tried:
            oc = _outcome(alt, o.id, o.label, key, chart_ind)
            oc.delta = delta
            outs.append(oc)
        chart = None
        if chart_ind is not None:
            ind = d.indicators[chart_ind]
            n = max(len(chosen.series), len(outs[0].series))
            labels = history_labels(best_game if len(outs[0].series) >= n else base)
            a_name, b_name = f"as played: {chosen.label}", f"what if: {outs[0].label}"
            chart = Chart(
                "line",
                f"{ind.label}{f' ({ind.unit})' if ind.unit and ind.unit != '%' else ''}",
                f"{ind.label} at the end: {fmt_value(bv[chart_ind], ind.decimals, ind.unit)} as "
                f"played, {fmt_value(av[chart_ind], ind.decimals, ind.unit)} with the other option",
                430,
                210,
                series=((a_name, tuple(chosen.series)), (b_name, tuple(outs[0].series))),
                colours=((a_name, "us"), (b_name, "india")),
                x_labels=tuple(labels),
                unit="%" if ind.unit == "%" else "",
            )
        out.append(
            WhatIf(
                index=i,
                turn=c.turn,
                turn_label=g.turn_label(c.turn),
                role=c.role,
                role_name=role_name(g, c.role),
                event=c.event,
                title=render(ev.title, vals),
                note=short_note(c.note),
                chosen=chosen,
                alternative=outs[0],
                others=outs[1:],
                chart=chart,
            )
        )
    return out


# -- the class report ---------------------------------------------------------------------


@dataclass
class OptionTally:
    option: str
    label: str
    count: int
    share: float
    notes: list[tuple[str, list[str]]]  # (note, teams that wrote it)


@dataclass
class EventTally:
    event: str
    title: str
    role: str
    role_name: str
    turns: tuple[int, int]
    total: int  # decisions
    teams: int  # teams that faced it
    options: list[OptionTally]
    chart: Chart | None = None


@dataclass
class TeamRow:
    team: Team
    name: str
    status: str
    ending: str
    scores: dict[str, float]
    met: dict[str, tuple[int, int]]
    notes: int
    finals: dict[str, float]


@dataclass
class SpreadRow:
    indicator: Indicator
    start: float
    low: float
    median: float
    high: float
    low_teams: list[str]
    high_teams: list[str]


@dataclass
class ClassGroup:
    number: int
    title: str
    scenario_id: str
    label: str  # "Class code TF-…" or "seed 3 (no class code)"
    code: str
    code_info: str
    seed: int | None
    teams: list[Team]
    humans: list[str]
    choices: list[EventTally]
    rows: list[TeamRow]
    key: list[Indicator]
    spread: list[SpreadRow]
    spread_charts: list[Chart]
    score_charts: list[Chart]
    endings: list[tuple[str, int]]
    unusual: list[tuple[str, list[str]]]  # team, reasons
    questions: list[str]
    spread_left_out: int = 0  # unfinished games left out of the spread


@dataclass
class ClassReport:
    groups: list[ClassGroup]
    skipped: list[tuple[str, str]]  # file, reason
    made: str
    teams: int


def _group_key(t: Team) -> tuple[str, str, int | None]:
    if t.code:
        return (t.game.definition.id, t.code, None)
    return (t.game.definition.id, "", t.game.seed)


def _unique_names(teams: Sequence[Team]) -> None:
    counts = Counter(t.name for t in teams)
    for t in teams:
        if counts[t.name] > 1:
            t.name = f"{t.name} ({t.path.name})"
    counts = Counter(t.name for t in teams)
    for t in teams:
        if counts[t.name] > 1:
            t.name = f"{t.name} [{t.path.parent.name}]"


def build_class_report(
    teams: Sequence[Team], skipped: Sequence[tuple[str, str]] = ()
) -> ClassReport:
    """Group the teams by class code (or scenario and seed) and compare them."""
    _unique_names(teams)
    grouped: dict[tuple[str, str, int | None], list[Team]] = defaultdict(list)
    for t in teams:
        grouped[_group_key(t)].append(t)
    groups = []
    for n, key in enumerate(sorted(grouped, key=lambda k: (k[0], k[1] == "", k[1], k[2] or 0)), 1):
        groups.append(build_group(n, grouped[key]))
    return ClassReport(groups, list(skipped), _stamp(datetime.now()), len(teams))


def build_group(number: int, teams: list[Team]) -> ClassGroup:
    t0 = teams[0]
    g0 = t0.game
    sc = g0.scenario
    d = g0.definition
    humans = [r for r in ROLES if any(r in t.humans for t in teams)] or list(ROLES)
    key = [_indicator(sc, k) for k in key_indicators(sc, humans)]
    code = t0.code
    seeds = sorted({t.game.seed for t in teams})
    if code:
        label = f"class code {code}"
    else:
        label = f"seed {seeds[0]} (no class code)" if len(seeds) == 1 else "no class code"
    choices = tally_choices(teams)
    rows = [team_row(t, key) for t in teams]
    rows.sort(key=lambda r: natural(r.name))
    # the spread compares where games ended: unfinished games would only blur it
    finished = [t for t in teams if t.over] or list(teams)
    spread = spread_rows(finished, sc)
    endings = Counter(r.ending for r in rows if r.team.over)
    return ClassGroup(
        number=number,
        title=pick(d.title),
        scenario_id=d.id,
        label=label,
        code=code,
        code_info=describe_code(code),
        seed=seeds[0] if len(seeds) == 1 else None,
        teams=teams,
        humans=humans,
        choices=choices,
        rows=rows,
        key=key,
        spread=spread,
        spread_charts=spread_charts(finished, key),
        spread_left_out=len(teams) - len(finished),
        score_charts=score_charts(rows, humans, g0),
        endings=endings.most_common(),
        unusual=unusual_paths(teams, choices, endings),
        questions=[pick(q) for q in d.questions] or list(GENERAL_QUESTIONS),
    )


def tally_choices(teams: Sequence[Team]) -> list[EventTally]:
    """How the class chose at each decision event decided by a person."""
    g0 = teams[0].game
    seen_turns: dict[str, list[int]] = defaultdict(list)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    faced: dict[str, set[int]] = defaultdict(set)
    notes: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(dict)
    for k, t in enumerate(teams):
        for c in t.game.log:
            if c.role not in t.humans:
                continue
            seen_turns[c.event].append(c.turn)
            counts[c.event][c.option] += 1
            faced[c.event].add(k)
            text = short_note(c.note)
            if text:
                bucket = notes[(c.event, c.option)]
                norm = text.strip().rstrip(".").lower()
                existing = next((n for n in bucket if n.strip().rstrip(".").lower() == norm), None)
                teams_list = bucket.setdefault(existing or text, [])
                if t.name not in teams_list:
                    teams_list.append(t.name)
    out = []
    for event in sorted(seen_turns, key=lambda e: (min(seen_turns[e]), g0.event_def(e).role, e)):
        ev = g0.event_def(event)
        total = sum(counts[event].values())
        opts = []
        for o in ev.options:
            cnt = counts[event][o.id]
            opts.append(
                OptionTally(
                    o.id,
                    pick(o.label),
                    cnt,
                    cnt / total if total else 0.0,
                    sorted(notes.get((event, o.id), {}).items(), key=lambda kv: -len(kv[1])),
                )
            )
        ts = seen_turns[event]
        tally = EventTally(
            event,
            pick(ev.title),
            ev.role,
            role_name(g0, ev.role),
            (min(ts), max(ts)),
            total,
            len(faced[event]),
            opts,
        )
        tally.chart = Chart(
            "bars",
            "",
            "; ".join(f"{k}. {o.label}: {o.count} ({o.share:.0%})" for k, o in enumerate(opts, 1)),
            300,
            max(44, 24 * len(opts) + 12),
            # numbered like the table beside it: full option labels do not fit a small chart
            items=tuple((str(k), o.share) for k, o in enumerate(opts, 1)),
            max_value=1.0,
            unit="%",
            colour=ev.role if ev.role in ROLES else "accent",
        )
        out.append(tally)
    return out


def team_row(t: Team, key: Sequence[Indicator]) -> TeamRow:
    g = t.game
    values = g.values()
    if g.is_over():
        status = "finished"
    else:
        status = f"turn {g.turn} of {g.definition.period.turns}"
    return TeamRow(
        team=t,
        name=t.name,
        status=status,
        ending=ending_title(g) if g.is_over() else "",
        scores=g.scores() if g.is_over() else {},
        met={r: met_count(g, r) for r in ROLES} if g.is_over() else {},
        notes=t.notes(),
        finals={k.id: values[k.id] for k in key},
    )


def spread_rows(teams: Sequence[Team], sc: CompiledScenario) -> list[SpreadRow]:
    out = []
    for name in visible_indicators(sc):
        ind = _indicator(sc, name)
        finals = [(t.game.values()[name], t.name) for t in teams]
        vals = [v for v, _ in finals]
        starts = [history_series(t.game, name)[0] for t in teams]
        lo, hi = min(vals), max(vals)
        tol = 10 ** -(ind.decimals + 1)
        out.append(
            SpreadRow(
                ind,
                statistics.median(starts),
                lo,
                statistics.median(vals),
                hi,
                [n for v, n in finals if abs(v - lo) <= tol],
                [n for v, n in finals if abs(v - hi) <= tol],
            )
        )
    return out


def spread_charts(teams: Sequence[Team], key: Sequence[Indicator]) -> list[Chart]:
    """Per key indicator: every team's path in grey, the class median on top."""
    longest = max(teams, key=lambda t: len(history_series(t.game, key[0].id)) if key else 0)
    labels = tuple(history_labels(longest.game))
    out = []
    for k in key:
        paths = [history_series(t.game, k.id) for t in teams]
        n = max(len(p) for p in paths)
        median = []
        for i in range(n):
            col = [p[i] for p in paths if i < len(p)]
            median.append(statistics.median(col))
        series = [(f"{t.name}", tuple(p)) for t, p in zip(teams, paths)]
        series.append(("class median", tuple(median)))
        colours = tuple((name, "neutral") for name, _ in series[:-1]) + (
            ("class median", "accent"),
        )
        finals = [p[-1] for p in paths]
        out.append(
            Chart(
                "line",
                f"{k.label}{f' ({k.unit})' if k.unit and k.unit != '%' else ''}",
                f"{k.label}: final values from {fmt_value(min(finals), k.decimals, k.unit)} to "
                f"{fmt_value(max(finals), k.decimals, k.unit)}, median "
                f"{fmt_value(statistics.median(finals), k.decimals, k.unit)}",
                440,
                220,
                series=tuple(series),
                colours=colours,
                x_labels=labels,
                unit="%" if k.unit == "%" else "",
                legend=False,
            )
        )
    return out


def score_charts(rows: Sequence[TeamRow], humans: Sequence[str], g: Game) -> list[Chart]:
    out = []
    finished = [r for r in rows if r.scores]
    if not finished:
        return out
    for role in humans:
        items = tuple((r.name, round(r.scores[role])) for r in finished)
        out.append(
            Chart(
                "bars",
                f"{role_name(g, role)}: final score",
                "; ".join(f"{n}: {v:.0f}" for n, v in items),
                440,
                max(60, 22 * len(items) + 34),
                items=items,
                max_value=100.0,
                unit="",
                colour=role,
            )
        )
    return out


def unusual_paths(
    teams: Sequence[Team], choices: Sequence[EventTally], endings: Counter[str]
) -> list[tuple[str, list[str]]]:
    """Teams that chose what few others chose, or reached an ending no other team reached."""
    share = {(e.event, o.option): (o.share, o.count, e) for e in choices for o in e.options}
    out = []
    finished = sum(endings.values())
    for t in teams:
        reasons = []
        for c in t.game.log:
            if c.role not in t.humans:
                continue
            s, cnt, e = share.get((c.event, c.option), (1.0, 0, None))
            if e is not None and e.teams >= 2 and s < UNUSUAL_SHARE:
                label = next((o.label for o in e.options if o.option == c.option), c.option)
                reasons.append(
                    f"turn {c.turn}: chose “{label}” on “{e.title}” "
                    f"({cnt} of {e.total} decisions, {s:.0%})"
                    + (f" — their reason: “{short_note(c.note)}”" if c.note.strip() else "")
                )
        if t.over and finished >= 3:
            title = ending_title(t.game)
            if endings.get(title, 0) == 1:
                reasons.append(f"the only team to reach the ending “{title}”")
        if reasons:
            out.append((t.name, reasons))
    out.sort(key=lambda x: natural(x[0]))
    return out


# -- the gradebook CSV --------------------------------------------------------------------


def _cell(value: Any) -> Any:
    """Text cells that a spreadsheet would run as a formula are quoted with '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_csv(teams: Sequence[Team], path: Path | str) -> Path:
    """One row per save: who, which game, how it ended, scores, objectives, notes, final values."""
    path = Path(path)
    indicators: dict[str, None] = {}
    for t in teams:
        for n in visible_indicators(t.game.scenario):
            indicators.setdefault(n, None)
    header = [
        "file",
        "team",
        "players",
        "humans",
        "class_code",
        "scenario",
        "seed",
        "turn",
        "over",
        "ending",
        *[f"score_{r}" for r in ROLES],
        *[x for r in ROLES for x in (f"objectives_met_{r}", f"objectives_total_{r}")],
        "notes",
        *[f"final_{n}" for n in indicators],
    ]
    rows = []
    for t in teams:
        g = t.game
        values = g.values()
        over = g.is_over()
        scores = g.scores() if over else {}
        row = [
            t.path.name,
            t.name,
            t.players,
            "+".join(t.humans),
            t.code,
            g.definition.id,
            g.seed,
            g.turn if not over else len(g.history) - 1,
            "yes" if over else "no",
            ending_title(g) if over else "",
            *[round(scores[r], 1) if over else "" for r in ROLES],
        ]
        for r in ROLES:
            met, total = met_count(g, r)
            row += [met if over else "", total]
        row.append(t.notes())
        for n in indicators:
            row.append(round(values[n], 2) if n in values else "")
        rows.append([_cell(v) for v in row])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8-sig") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)
    except OSError as err:
        raise ReportError(f"cannot write {path}: {err.strerror or err}") from None
    return path


# -- Markdown -----------------------------------------------------------------------------


def _md(text: str) -> str:
    """Text safe inside Markdown (and inside a table cell)."""
    text = " ".join(str(text).split())
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


class _MdCharts:
    """Writes the charts of a Markdown report as PNG files in a folder next to it."""

    def __init__(self, out: Path) -> None:
        self.folder = out.with_name(out.stem + "_charts")
        self.count = 0
        self.failed = False
        # charts of an earlier run of the same report would linger and confuse
        for old in self.folder.glob("[0-9][0-9]-*.png") if self.folder.is_dir() else ():
            try:
                old.unlink()
            except OSError:
                pass

    def image(self, chart: Chart | None, name: str) -> str:
        if chart is None:
            return ""
        if not self.failed:
            self.count += 1
            file = (
                self.folder
                / f"{self.count:02d}-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')[:40]}.png"
            )
            if render_chart(chart, file):
                return f"\n![{_md(chart.alt)}]({self.folder.name}/{file.name})\n"
            self.failed = True
        return f"\n*Chart left out (charts need pygame): {_md(chart.alt)}*\n"


def debrief_markdown(db: Debrief, out: Path) -> str:
    charts = _MdCharts(out)
    g = db.team.game
    lines = [f"# {_md(db.title)} — debrief", "", f"*{_md(db.summary)}*", ""]
    lines += ["| | |", "|---|---|"]
    for r in db.roles:
        lines.append(f"| {_md(r.name)} | {_md(r.played_by)} |")
    lines += [
        f"| Seed | {db.seed} |",
        f"| Class code | {_md(db.code + (' (' + db.code_info + ')' if db.code_info else '')) if db.code else 'none'} |",
        f"| Status | {_md(db.status)} |",
        f"| Saved | {_md(db.saved)} ({_md(db.team.path.name)}) |",
        f"| Report made | {_md(db.made)} |",
        "",
    ]
    for w in db.warnings:
        lines += [f"> **Note:** {_md(w)}", ""]
    lines += ["## The ending", ""]
    if db.ending:
        lines += [f"**{_md(db.ending[0])}**", "", _md(db.ending[1]), ""]
    else:
        lines += [f"The game is still in progress ({_md(db.status)}); it has no ending yet.", ""]
    lines += ["## Objectives and scores", ""]
    for res in db.results:
        who = "played by the class" if res.human else "computer"
        score = f"score {res.score:.0f}/100" if res.score is not None else "not scored yet"
        lines += [f"### {_md(res.name)} ({who}) — {score}", ""]
        for label, met, primary, shared in res.objectives:
            mark = "x" if met and db.over else " "
            tag = " *(primary)*" if primary else " *(shared)*" if shared else ""
            lines.append(f"- [{mark}] {_md(label)}{tag}")
        lines.append("")
    lines += ["## Indicators over time", ""]
    for c in db.charts:
        lines.append(charts.image(c, c.title))
    lines += ["", "## Timeline of decisions", ""]
    for te in db.timeline:
        lines += [f"### Turn {te.turn} — {_md(te.label)}", ""]
        for src, text in te.news:
            lines.append(f"- News{(' (' + _md(src) + ')') if src else ''}: {_md(text)}")
        for c in te.choices:
            who = f"**{_md(c.role_name)}**" + ("" if c.human else " (computer)")
            lines.append(f"- {who}: {_md(c.title)} → **{_md(c.label)}**")
            if c.note:
                lines.append(f"  - *Why:* “{_md(c.note)}”")
        if te.pending:
            lines.append("- *Decisions of this turn not made yet.*")
        lines.append("")
    lines += ["## Why the biggest changes happened", ""]
    if db.movers:
        lines += ["| Indicator | Change | Cause | When |", "|---|---:|---|---|"]
        for m in db.movers:
            when = (
                f"turn {m.turns[0]}"
                if m.turns[0] == m.turns[1]
                else f"turns {m.turns[0]}–{m.turns[1]}"
            )
            lines.append(
                f"| {_md(m.label)} | {fmt_delta(m.delta, m.decimals, m.unit)} | {_md(m.cause)} | {when} |"
            )
    else:
        lines.append("Nothing has moved yet.")
    lines += ["", "## What if? The roads not taken", "", _md(db.whatif_note), ""]
    for k, w in enumerate(db.whatifs, 1):
        lines += [
            f"### {k}. Turn {w.turn} ({_md(w.turn_label)}), {_md(w.role_name)}: {_md(w.title)}",
            "",
        ]
        if w.note:
            lines += [f"Their reason then: “{_md(w.note)}”", ""]
        a, b = w.chosen, w.alternative
        lines += [
            f"| | As played: {_md(a.label)} | What if: {_md(b.label)} |",
            "|---|---|---|",
            f"| Ending | {_md(a.ending)} | {_md(b.ending)} |",
        ]
        for r in ROLES:
            if a.scores and b.scores:
                lines.append(
                    f"| Score, {_md(role_name(g, r))} | {a.scores[r]:.0f} | {b.scores[r]:.0f} "
                    f"({fmt_delta(shown_change(a.scores[r], b.scores[r], 0))}) |"
                )
        for r in ROLES:
            lines.append(
                f"| Objectives met, {_md(role_name(g, r))} | {a.met[r][0]} of {a.met[r][1]} | "
                f"{b.met[r][0]} of {b.met[r][1]} |"
            )
        for ind in db.key:
            va, vb = a.finals[ind.id], b.finals[ind.id]
            lines.append(
                f"| {_md(ind.label)} at the end | {fmt_value(va, ind.decimals, ind.unit)} | "
                f"{fmt_value(vb, ind.decimals, ind.unit)} ({fmt_delta(shown_change(va, vb, ind.decimals), ind.decimals, ind.unit)}) |"
            )
        lines.append("")
        if w.others:
            others = "; ".join(
                f"“{_md(o.label)}”: {w.role_name} score {o.scores.get(w.role, 0):.0f} ({fmt_delta(shown_change(a.scores.get(w.role, 0), o.scores.get(w.role, 0), 0))})"
                for o in w.others
            )
            lines += [f"Other options: {others}.", ""]
        lines.append(charts.image(w.chart, f"whatif-{k}"))
    lines += ["## Questions for discussion", ""]
    for k, q in enumerate(db.questions, 1):
        lines += [f"{k}. {_md(q)}", ""]
    return "\n".join(lines).rstrip() + "\n"


def class_markdown(rep: ClassReport, out: Path) -> str:
    charts = _MdCharts(out)
    lines = ["# Class report", "", f"{rep.teams} game(s) compared; report made {rep.made}.", ""]
    if rep.skipped:
        lines += ["**Saves left out:**", ""]
        lines += [f"- {_md(f)}: {_md(why)}" for f, why in rep.skipped]
        lines.append("")
    for grp in rep.groups:
        lines += [f"## {_md(grp.title)} — {_md(grp.label)}", ""]
        lines.append(f"{len(grp.teams)} team(s); {sum(t.over for t in grp.teams)} finished.")
        lines.append("")
        lines += ["### How the class chose", ""]
        for e in grp.choices:
            when = (
                f"turn {e.turns[0]}"
                if e.turns[0] == e.turns[1]
                else f"turns {e.turns[0]}–{e.turns[1]}"
            )
            lines += [
                f"#### {_md(e.role_name)}: {_md(e.title)} ({when}; {e.teams} team(s), {e.total} decision(s))",
                "",
                "| # | Option | Chosen | Share |",
                "|---:|---|---:|---:|",
            ]
            for k, o in enumerate(e.options, 1):
                lines.append(f"| {k} | {_md(o.label)} | {o.count} | {o.share:.0%} |")
            lines.append("")
            for k, o in enumerate(e.options, 1):
                said = "; ".join(f"“{_md(note)}” ({_md(', '.join(who))})" for note, who in o.notes)
                if said:
                    lines.append(f"- **{k}. {_md(o.label)}**: {said}")
            lines.append(charts.image(e.chart, e.event))
        lines += ["### Outcomes per team", ""]
        head = ["Team", "Status", "Ending"]
        head += [f"Score {role_name(grp.teams[0].game, r)}" for r in ROLES]
        head += [f"Objectives {role_name(grp.teams[0].game, r)}" for r in ROLES]
        head += ["Notes"] + [k.label for k in grp.key]
        lines += ["| " + " | ".join(_md(h) for h in head) + " |", "|" + "---|" * len(head)]
        for row in grp.rows:
            cells = [_md(row.name), _md(row.status), _md(row.ending or "–")]
            cells += [f"{row.scores[r]:.0f}" if row.scores else "–" for r in ROLES]
            cells += [f"{row.met[r][0]}/{row.met[r][1]}" if row.met else "–" for r in ROLES]
            cells += [str(row.notes)]
            cells += [fmt_value(row.finals[k.id], k.decimals, k.unit) for k in grp.key]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        for c in grp.score_charts:
            lines.append(charts.image(c, c.title))
        lines += ["### Spread of the final indicators", ""]
        if grp.spread_left_out:
            lines += [f"{grp.spread_left_out} unfinished game(s) are left out.", ""]
        lines += ["| Indicator | Start | Lowest | Median | Highest |", "|---|---:|---:|---:|---:|"]
        for s in grp.spread:
            i = s.indicator
            lines.append(
                f"| {_md(i.label)} | {fmt_value(s.start, i.decimals, i.unit)} | "
                f"{fmt_value(s.low, i.decimals, i.unit)} | {fmt_value(s.median, i.decimals, i.unit)} | "
                f"{fmt_value(s.high, i.decimals, i.unit)} |"
            )
        lines.append("")
        for c in grp.spread_charts:
            lines.append(charts.image(c, c.title))
        lines += ["### Teams that took unusual paths", ""]
        if grp.unusual:
            for name, reasons in grp.unusual:
                lines.append(f"- **{_md(name)}**")
                lines += [f"  - {_md(r)}" for r in reasons]
        else:
            lines.append("No team chose an option fewer than 20% of the class chose.")
        lines.append("")
    by_scenario: dict[str, tuple[str, list[str]]] = {}
    for grp in rep.groups:
        by_scenario.setdefault(grp.scenario_id, (grp.title, grp.questions))
    for title, questions in by_scenario.values():
        more = f": {_md(title)}" if len(by_scenario) > 1 else ""
        lines += [f"## Questions for discussion{more}", ""]
        lines += [f"{k}. {_md(q)}" for k, q in enumerate(questions, 1)]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# -- writing ------------------------------------------------------------------------------


def _format_for(out: Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    return "md" if out.suffix.lower() in (".md", ".markdown") else "html"


def _write_text(out: Path, text: str) -> Path:
    from game.saves import atomic_write

    try:
        atomic_write(out, text)
        os.chmod(out, 0o644)  # a report is for sharing, unlike the private temporary file
    except OSError as err:
        raise ReportError(f"cannot write {out}: {err.strerror or err}") from None
    return out


def write_debrief(save_path: Path | str, out_path: Path | str, fmt: str | None = None) -> Path:
    """Write the debrief of one save as HTML (or Markdown for a .md file); returns the path."""
    out = Path(out_path)
    db = build_debrief(save_path)
    if _format_for(out, fmt) == "md":
        return _write_text(out, debrief_markdown(db, out))
    from game.report_html import debrief_html

    return _write_text(out, debrief_html(db))


def load_teams(
    paths: Sequence[Path | str], cache: ScenarioCache | None = None
) -> tuple[list[Team], list[tuple[str, str]]]:
    """Replay every save that can be replayed; the others come back as (file, reason)."""
    cache = cache or ScenarioCache()
    teams, skipped = [], []
    for p in paths:
        try:
            teams.append(load_team(p, cache))
        except ReportError as err:
            why = str(err)
            if why.startswith(str(p)):  # the file is named beside the reason already
                why = why[len(str(p)) :].lstrip(": ")
            skipped.append((str(p), why))
    return teams, skipped


def write_class_report(
    paths: Sequence[Path | str],
    out_path: Path | str,
    csv_path: Path | str | None = None,
    fmt: str | None = None,
) -> tuple[Path, list[tuple[str, str]]]:
    """Write the class report of many saves (and the CSV); returns the path and the skipped saves.

    Saves that cannot be read are left out and listed in the report; if none can be
    read, ReportError.
    """
    out = Path(out_path)
    files, _ = expand_paths(paths)
    if not files:
        raise ReportError("no saves given (name save files, or a folder of them)")
    teams, skipped = load_teams(files)
    if not teams:
        reasons = "; ".join(f"{f}: {why}" for f, why in skipped)
        raise ReportError(f"none of the {len(files)} save(s) could be read: {reasons}")
    rep = build_class_report(teams, skipped)
    if _format_for(out, fmt) == "md":
        _write_text(out, class_markdown(rep, out))
    else:
        from game.report_html import class_html

        _write_text(out, class_html(rep))
    if csv_path:
        write_csv(teams, csv_path)
    return out, skipped


def run_report(
    saves: Sequence[str],
    output: str | None,
    fmt: str | None = None,
    csv_path: str | None = None,
) -> int:
    """`python -m game report`: a debrief of one save, a class report of several or of a folder."""
    files, folder = expand_paths(saves)
    if not files:
        raise ReportError(f"no saves found in {', '.join(saves)}")
    several = len(files) > 1 or folder
    if output is None:
        ext = ".md" if fmt == "md" else ".html"
        output = "class-report" + ext if several else files[0].stem + "-debrief" + ext
    out = Path(output)
    if several:
        out, skipped = write_class_report(files, out, csv_path, fmt)
        for f, why in skipped:
            print(f"warning: skipped {f}: {why}", file=sys.stderr)
        n = len(files) - len(skipped)
        print(
            f"wrote {out}: class report of {n} save(s)"
            + (f", {len(skipped)} skipped" if skipped else "")
        )
    else:
        team = load_team(files[0])
        db = build_debrief(team)
        if _format_for(out, fmt) == "md":
            _write_text(out, debrief_markdown(db, out))
        else:
            from game.report_html import debrief_html

            _write_text(out, debrief_html(db))
        if csv_path:
            write_csv([team], csv_path)
        print(f"wrote {out}: debrief of {files[0]}")
    if csv_path:
        print(f"wrote {csv_path}")
    return 0


__all__ = [
    "ClassReport",
    "Debrief",
    "ReportError",
    "build_class_report",
    "build_debrief",
    "load_team",
    "run_report",
    "write_class_report",
    "write_csv",
    "write_debrief",
]
