"""A game being played in the window: the engine's Game plus who plays what, assessments
computed in the background, autosaves, and the "what changed, and why" of each turn.

Nothing here draws; screens read a Session and call its few actions (choose, resolve,
save, reload). Background work runs on one worker thread; the game's state is only
mutated on the UI thread, by `resolve`, and every background result is tagged with the
generation it was computed for, so a stale one is simply dropped.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

from game.classcode import DIFFICULTY_BOTS  # the one source of the opponent per difficulty
from game.engine.batch import rung_of
from game.engine.bots import Policy, make_policy
from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.forecast import Advice, Forecast
from game.engine.game import Accepted, Choice, Decision, Game, Rejected
from game.engine.text import pick
from game.presentation import (
    Target,
    indicator_limits,
    objective_targets,
    period_changes,
    reason,
    turn_label,
)
from game.record import GameRecord, rebuild
from game.scenario.reference import event_marking
from game.table import Table
from game.ui import assessing
from game.ui.i18n import language, tr
from game.ui.views import (  # the screens' data; importers find them here too
    ChoiceView,
    IndicatorInfo,
    Move,
    OptionOutlook,
    ReloadOutcome,
    TurnReport,
)
from game.ui.worker import Worker

_TOKENS = itertools.count(1)
BACKGROUND_BOTS = ("expert", "master")  # bots that think on the worker, not in the frame
DIFFICULTY_LABELS = {"easy": "Easy", "normal": "Normal", "hard": "Hard"}
BOT_DIFFICULTY = {v: k for k, v in DIFFICULTY_BOTS.items()}


# -- the session ---------------------------------------------------------------------------


class Session:
    """One game at the window: a human role against a bot."""

    def __init__(
        self,
        compiled: CompiledScenario,
        *,
        ref: str,
        content_hash: str,
        role: str,
        bot: str = "balanced",
        seed: int = 0,
        game: Game | None = None,
        rollouts: int = 1000,
        worker: Worker | None = None,
        autosave: bool = True,
        humans: list[str] | None = None,
        lang: str = "en",
        flags: frozenset[str] | set[str] | tuple[str, ...] = frozenset(),
        class_code: str = "",
        record: GameRecord | None = None,
    ) -> None:
        self.compiled = compiled
        self.ref = ref
        self.content_hash = content_hash
        self.role = role if role in ROLES else "india"
        self.other = next(r for r in ROLES if r != self.role)
        self.bot_name = bot
        # classroom: humans (both roles in a hot-seat game), class code flags, notes
        self.humans = [r for r in ROLES if r in (humans or [self.role])] or [self.role]
        self.flags = frozenset(flags)
        self.class_code = class_code
        self.rollouts = rollouts
        self._players = dict(record.players) if record is not None else {}
        self._extra = dict(record.extra) if record is not None else {}
        self._setup_policy()
        self.table = self._table(game if game is not None else Game(compiled, seed, lang=lang))
        self.worker = worker or Worker()
        self.autosave_enabled = autosave
        self.gen = 0
        self.token = next(_TOKENS)  # tags this session's background jobs
        self.forecasts: dict[int, Forecast] = {}
        self.advice: dict[int, list[Advice]] = {}
        self.failures: dict[int, str] = {}
        self.reports: dict[int, TurnReport] = {}
        self.last_report: TurnReport | None = None
        self.autosave_error = ""
        self._bot_answer: list[int] | None = None
        self._bot_error = ""
        self._decisions: list[Decision] = []
        self._indicators = self._make_indicators()
        self._targets = self._make_targets()
        self.start_turn()

    # -- set-up ---------------------------------------------------------------------------

    def _table(self, game: Game) -> Table:
        """The table of a game with this session's seats and settings."""
        return Table(game, self.record(game))

    @property
    def game(self) -> Game:
        """The game being played (the table's)."""
        return self.table.game

    @property
    def choices(self) -> dict[int, int]:
        """slot -> option chosen by the player now deciding (the table's staged choices)."""
        return self.table.choices[self.role]

    @property
    def notes(self) -> dict[int, str]:
        """slot -> the one-line reason of the player now deciding."""
        return self.table.notes[self.role]

    def _setup_policy(self) -> None:
        try:
            self.policy: Policy = make_policy(self.compiled, self.bot_name)
        except (KeyError, ValueError):
            self.bot_name = "balanced"
            self.policy = make_policy(self.compiled, "balanced")

    @property
    def definition(self):  # noqa: ANN201 - the Scenario model
        return self.game.definition

    @property
    def difficulty(self) -> str:
        """easy / normal / hard, or the persona's name."""
        return BOT_DIFFICULTY.get(self.bot_name, self.bot_name)

    @property
    def title(self) -> str:
        """The scenario's title."""
        return self.game.text(self.definition.title)

    @property
    def players(self) -> dict[str, str]:
        """role -> the names of the people playing it (asked on the briefing)."""
        return dict(self._players)

    def set_players(self, names: dict[str, str]) -> None:
        """The players' names per human role, kept in the record (the gradebook reads them)."""
        for role in self.humans:
            name = " ".join(names.get(role, "").split())[:60]
            self._players.pop(role, None)
            if name:
                self._players[role] = name
            self.table.set_player(role, name)

    def role_name(self, role: str | None = None) -> str:
        """Display name of a role."""
        return tr(self.definition.roles[role or self.role].name)

    def _make_indicators(self) -> list[IndicatorInfo]:
        sc = self.compiled
        r = ROLES.index(self.role)
        limits = indicator_limits(sc)
        out = []
        for k, name in enumerate(sc.indicators):
            ind = self.definition.indicators[name]
            if ind.hidden:
                continue
            out.append(
                IndicatorInfo(
                    name,
                    k,
                    ind.label,
                    ind.unit,
                    ind.decimals,
                    ind.group or "",
                    int(sc.direction[r, k]),
                    float(sc.lo[k]),
                    float(sc.hi[k]),
                    pick(ind.description),
                    getattr(ind, "short", "") or "",
                    limits.get(name, ()),
                )
            )
        return out

    def _make_targets(self) -> dict[str, Target]:
        visible = {i.name for i in self._indicators}
        targets = objective_targets(self.compiled, [self.role])
        return {k: t for k, t in targets.items() if k in visible}

    @property
    def indicators(self) -> list[IndicatorInfo]:
        """Visible indicators in scenario order."""
        return self._indicators

    def indicator(self, name: str) -> IndicatorInfo | None:
        """A visible indicator by name."""
        return next((i for i in self._indicators if i.name == name), None)

    def target(self, name: str) -> Target | None:
        """The objective threshold on an indicator, if a simple one exists."""
        return self._targets.get(name)

    def groups(self) -> list[tuple[str, list[IndicatorInfo]]]:
        """Visible indicators grouped, in the order groups first appear."""
        out: dict[str, list[IndicatorInfo]] = {}
        for i in self._indicators:
            out.setdefault(i.group, []).append(i)
        return list(out.items())

    def objectives(self, role: str | None = None) -> list[Any]:
        """Objective definitions of a role, then the shared ones."""
        d = self.definition
        return list(getattr(d.objectives, role or self.role)) + list(d.objectives.shared)

    # -- the turn --------------------------------------------------------------------------

    def decisions(self) -> list[Decision]:
        """The human's decisions due this turn."""
        return self._decisions

    def start_turn(self) -> None:
        """Reset choices and start the assessments of the new turn."""
        self.gen += 1
        self.forecasts = {}
        self.advice = {}
        self.failures = {}
        self._asked: dict[int, int] = {}
        self._bot_answer = None
        self._bot_error = ""
        self._decisions = self.game.pending(self.role) if not self.game.is_over() else []
        if self.game.is_over():
            return
        gen, game = self.gen, self.game
        from game.saves import record_dict

        record = record_dict(self.record())  # the helper process rebuilds the game from it
        if (
            game.pending(self.other)
            and self.bot_name in BACKGROUND_BOTS
            and self.other not in self.humans
        ):
            policy, other = self.policy, self.other
            self.worker.submit(
                (self.token, gen, "bot"),
                lambda: game.play_bots({other: policy})[other],
                ("bot", record, other, self.bot_name),
            )
        if self.rollouts > 0:
            assessing.start_turn(self, record)  # few a turn: the decisions take them in order
        self._drop_stale()

    def _drop_stale(self) -> None:
        token, gen = self.token, self.gen
        self.worker.drop(lambda k: k[0] != token or k[1] == gen)

    def set_rollouts(self, rollouts: int) -> None:
        """Switch assessments on or off mid-turn, keeping the choices made."""
        self.rollouts = rollouts
        self.refresh_turn()

    def refresh_turn(self) -> None:
        """Read the decisions due again (a facilitator's event, new settings), keeping the
        choices and notes already made for decisions that are still due."""
        self.start_turn()

    def relabel(self) -> None:  # a new language: the decisions due read again, all else kept
        self._decisions = self.game.pending(self.role) if not self.game.is_over() else []

    def inject(self, event_id: str) -> Accepted | Rejected:
        """A facilitator's event, now (choices made for decisions still due stay)."""
        result = self.table.inject(event_id)
        if result:
            self.refresh_turn()
        return result

    def end_now(self) -> None:
        """The facilitator ends the game."""
        self.table.end()
        self.gen += 1  # any assessment under way is of a game that no longer goes on

    # -- classroom: hot seat and notes -------------------------------------------------------

    @property
    def hot_seat(self) -> bool:
        """True when both roles are played by people at this machine."""
        return len(self.humans) > 1

    @property
    def notes_required(self) -> bool:
        """True when each decision needs a reason (the class code says so)."""
        return "notes_required" in self.flags

    def set_note(self, slot: int, text: str) -> None:
        """The one-line reason given for a decision."""
        self.table.set_note(self.role, slot, text)

    def _set_role(self, role: str) -> None:
        self.role = role
        self.other = next(r for r in ROLES if r != role)
        self._indicators = self._make_indicators()
        self._targets = self._make_targets()

    def next_human(self) -> str | None:
        """The other person of a hot-seat game who still has to decide this turn, if any."""
        return self.table.next_human(self.role)

    def hand_over(self) -> str | None:
        """Keep this player's choices out of sight and give the turn to the next person.

        Returns the role now deciding, or None when everybody has decided (resolve next).
        """
        nxt = self.next_human()
        if nxt is None or not self.all_chosen():
            return None
        self._set_role(nxt)
        self.start_turn()  # the next player's decisions, with nothing chosen yet
        return nxt

    def poll(self) -> set[str]:
        """Collect finished background work: what arrived ("forecasts", "bot"; empty if
        nothing did)."""
        changed: set[str] = set()
        self._drop_stale()
        for d in self._decisions:
            if d.slot in self.forecasts or d.slot in self.failures:
                continue
            got = self.worker.take((self.token, self.gen, "fc", d.slot, self._asked.get(d.slot)))
            if got is None:
                continue
            ok, value = got
            if ok:
                self.forecasts[d.slot], self.advice[d.slot] = value
            else:
                self.failures[d.slot] = f"assessment failed: {value}"
            changed.add("forecasts")
        if self._bot_answer is None and self.bot_name in BACKGROUND_BOTS:
            got = self.worker.take((self.token, self.gen, "bot"))
            if got is not None:
                ok, value = got
                if ok:
                    self._bot_answer = list(value)
                else:
                    self._bot_error = str(value)
                changed.add("bot")
        return changed

    def assessing(self) -> bool:
        """True while an assessment of this turn is still being computed."""
        if self.rollouts <= 0:
            return False
        return any(
            d.slot not in self.forecasts and d.slot not in self.failures for d in self._decisions
        )

    def choose(self, slot: int, option: int) -> bool:
        """Pick an option for a decision; False if it is not legal."""
        return bool(self.table.choose(self.role, slot, option))

    def all_chosen(self) -> bool:
        """True when every decision due has a choice."""
        return self.table.decided(self.role)

    def bot_ready(self) -> bool:
        """True when the computer's answers for this turn are available."""
        if not self.game.pending(self.other):
            return True
        if self.bot_name not in BACKGROUND_BOTS or self.other in self.humans:
            return True
        self.poll()
        return self._bot_answer is not None or bool(self._bot_error)

    def resolve(self, begin_next: bool = True) -> TurnReport | str:
        """End the turn with the current choices; a report, or a reason it cannot.

        With `begin_next=False` the caller starts the next turn (`start_turn`) itself,
        e.g. a frame later, so no single frame does all the work.
        """
        steps = self.resolve_steps()
        while True:
            try:
                next(steps)
            except StopIteration as done:
                result: TurnReport | str = done.value
                break
        if begin_next and isinstance(result, TurnReport):
            self.start_turn()
        return result

    def resolve_steps(self) -> Generator[None, None, TurnReport | str]:
        """`resolve` in steps (the engine's turn, the report, the autosave), yielding
        between them so a window can spread them over frames; returns what `resolve`
        returns. The next turn is not started (`start_turn` does that).
        """
        g = self.game
        if g.is_over():
            return "the game is over"
        if not self.all_chosen():
            return "choose an option for every decision first"
        if not self.bot_ready():
            return "waiting for the other side"
        if self._bot_answer is not None and self.other not in self.humans:
            self.table.set_bot_answer(self.other, self._bot_answer)
        turn = g.turn
        label = turn_label(g)
        self.gen += 1  # any assessment still running is now stale
        result = yield from self.table.resolve_steps()
        if isinstance(result, Rejected):
            self.gen -= 1
            return reason(result)
        self._decisions = []  # the next turn's come with start_turn
        if self.hot_seat and self.role != self.humans[0]:
            self._set_role(self.humans[0])  # the next turn starts with the first player again
        yield
        report = self._report(turn, label)
        self.reports[turn] = report
        self.last_report = report
        yield
        self.autosave()
        return report

    # -- reports ---------------------------------------------------------------------------

    def _report(self, turn: int, label: str) -> TurnReport:
        g = self.game
        # the accounting period that just closed: from the last decision point to this
        # one, the same change the dashboard shows; its causes add up to it
        period = g.periods()
        before, after = g.history[period - 1], g.history[period]
        changes = period_changes(g, period)
        moves = []
        for info in self._indicators:
            old, new = float(before[info.column]), float(after[info.column])
            causes = [(k, v) for k, v in changes.get(info.name, (0.0, []))[1] if abs(v) > 1e-9]
            if abs(new - old) < 1e-9 and not causes:
                continue
            moves.append(Move(info, old, new, causes))
        span = {i.name: max(i.hi - i.lo, 1e-9) for i in self._indicators}
        moves.sort(key=lambda m: -abs(m.delta) / span[m.info.name])
        rec = next((r for r in g.turns if r.turn == turn), None)
        mine, theirs = [], []
        for c in rec.choices if rec else []:
            view = self.choice_view(c)
            (mine if c.role == self.role else theirs).append(view)
        news_next = [] if g.is_over() else list(g.turns[-1].news)
        return TurnReport(
            turn,
            label,
            turn_label(g) if not g.is_over() else "the end",
            moves,
            mine,
            theirs,
            g.is_over(),
            crisis=self._crisis(before, after, news_next),
            news_next=news_next,
        )

    def choice_view(self, c: Choice) -> ChoiceView:
        """A logged choice in words."""
        g = self.game
        try:
            ev = g.event_def(c.event)
            title = g.text(ev.title)
            opt = next((o for o in ev.options if o.id == c.option), None)
            option = g.text(opt.label) if opt else c.option
        except (KeyError, ValueError, IndexError):
            title, option = c.event, c.option
        return ChoiceView(c.role, self.role_name(c.role), title, option, c.note)

    def _crisis(self, before: Any, after: Any, news: list[str]) -> bool:
        d = self.definition
        for lad in d.ladders.values():
            k = self.compiled.indicators.index(lad.indicator)
            if rung_index(lad, float(after[k])) > rung_index(lad, float(before[k])):
                return True
        for e in news:
            try:
                ev = self.game.event_def(e)
            except (KeyError, ValueError, IndexError):
                continue
            if ev.role == "none" and ev.actor == "china":
                return True
        return False

    def news(self) -> list[tuple[str, str, str, list[str]]]:
        """This turn's news: (title, text, actor name and real/hypothetical tag, hot spots);
        an item is announced once a game (see `Game.news`). Read by the news panel, the
        map's glows and its tooltips: made once a turn (and language)."""
        g = self.game
        key = (self.gen, g.turn, len(g.turns), len(g.facilitator), language())
        cached = getattr(self, "_news", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        out = self._news_items()
        self._news = (key, out)
        return out

    def _news_items(self) -> list[tuple[str, str, str, list[str]]]:
        g = self.game
        out = []
        for e in g.news() if g.turns else []:
            try:
                ev = g.event_def(e)
            except (KeyError, ValueError, IndexError):
                continue
            if ev.role != "none":
                continue
            # the source line of a news card says who acts and whether the event is real
            mark = event_marking(g.definition, e).replace("real: ", "real · ")
            who = " \u00b7 ".join(
                x for x in (g.actor_name(ev.actor) if ev.actor else "", mark) if x
            )
            out.append((*g.event_words(e), who, list(ev.hotspots)))
        return out

    def hotspots(self) -> list[str]:
        """Hot spots of this turn's news: each glow on the map has a news card (a decision's
        own place, such as the capital, does not glow on a quiet turn)."""
        cached = getattr(self, "_spots", None)
        if cached is not None and cached[0] == (self.gen, self.game.turn):
            return cached[1]
        spots = self._hotspots()
        self._spots = ((self.gen, self.game.turn), spots)
        return spots

    def _hotspots(self) -> list[str]:
        spots: list[str] = []
        for _title, _text, _who, hs in self.news():
            for h in hs:
                if h not in spots:
                    spots.append(h)
        return spots

    def ladders(self) -> list[tuple[str, list[str], int, Any]]:
        """(label, rung labels, current rung, ladder) of each escalation ladder."""
        out = []
        vals = self.game.values()
        for lad in self.definition.ladders.values():
            cur = rung_index(lad, vals[lad.indicator])
            out.append((lad.label, [r.label for r in lad.rungs], cur, lad))
        return out

    def history(self, info: IndicatorInfo) -> list[float]:
        """The indicator's value at each decision point so far."""
        return [float(h[info.column]) for h in self.game.history]

    # -- assessments -----------------------------------------------------------------------

    def outlook(self, slot: int, top: int = 3) -> list[OptionOutlook] | None:
        """Per option: key indicator changes, objective chances and advisors; None if not ready."""
        fc = self.forecasts.get(slot)
        if fc is None:
            return None
        cur = self.game.values()
        infos = self.key_indicators(fc, top)
        labels = {o.id: self.game.text(o.label) for o in self.objectives()}
        advice = self.advice.get(slot, [])
        out = []
        for of in fc.options:
            effects = []
            for info in infos:
                p10, p50, p90 = of.next_turn[info.name]
                c = cur[info.name]
                effects.append((info, p10 - c, p50 - c, p90 - c))
            objectives = [(k, labels.get(k, k), p) for k, p in of.objectives.items()]
            out.append(
                OptionOutlook(
                    of.index,
                    of.legal,
                    effects,
                    objectives,
                    [a for a in advice if a.option == of.index],
                )
            )
        return out

    def key_indicators(self, fc: Forecast, top: int = 3) -> list[IndicatorInfo]:
        """The visible indicators this decision moves most (spread of medians across options)."""
        cur = self.game.values()
        scored = []
        for info in self._indicators:
            span = max(info.hi - info.lo, 1e-9)
            meds = [of.next_turn[info.name][1] for of in fc.options if of.legal]
            if not meds:
                continue
            spread = (max(meds) - min(meds)) / span
            move = max(abs(m - cur[info.name]) for m in meds) / span
            if spread < 1e-6 and move < 1e-3:
                continue
            scored.append((spread * 10 + move, info))
        scored.sort(key=lambda t: -t[0])
        return [i for _, i in scored[:top]]

    # -- saving ----------------------------------------------------------------------------

    def save_data(self) -> dict[str, Any]:
        """The save dict of this game."""
        from game.saves import record_dict

        return record_dict(self.record(), self.game)

    def record(self, game: Game | None = None) -> GameRecord:
        """The record of this game: who sits at the table and every move so far."""
        g = game or self.game
        return GameRecord.of(
            g,
            scenario=self.ref,
            content_hash=self.content_hash,
            humans=list(self.humans),
            bot=self.bot_name,
            settings={
                "difficulty": self.difficulty,
                "rollouts": self.rollouts,
                **({"class_code": self.class_code} if self.class_code else {}),
                **({"flags": sorted(self.flags)} if self.flags else {}),
                **({"lang": g.lang} if g.lang != "en" else {}),
            },
            players=self._players,
            extra=self._extra,
        )

    def autosave(self) -> str:
        """Write the autosave atomically; returns an error message or ''."""
        if not self.autosave_enabled:
            return ""
        from game.saves import autosave_path
        from game.ui.files import SAVES

        # the file is written on a background thread, atomically; a failure shows up in
        # autosave_error after the next turn (and as a notice)
        SAVES.write(autosave_path(), self.save_data())
        self.autosave_error = SAVES.last_error
        return self.autosave_error

    def save_as(self, directory: Path | None = None) -> Path:
        """Save to saves/<scenario>-<timestamp>.json; returns the path (OSError on failure)."""
        from game.saves import user_data_dir, write_save

        folder = directory or (user_data_dir() / "saves")
        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = folder / f"{self.definition.id}-{stamp}.json"
        n = 2
        while path.exists():
            path = folder / f"{self.definition.id}-{stamp}-{n}.json"
            n += 1
        write_save(path, self.save_data())
        return path

    # -- reloading (F5) --------------------------------------------------------------------

    def reload(self) -> ReloadOutcome:
        """Reload the scenario file and replay the decision log on it."""
        from game.scenario.loader import load_result

        try:
            res = load_result(self.ref)
        except FileNotFoundError as err:
            return ReloadOutcome("missing", message=str(err))
        if not res.ok or res.compiled is None:
            return ReloadOutcome("errors", [d.format() for d in res.errors])
        done = rebuild(self.record(), res.compiled, lang=self.game.lang)
        if not done.fits:
            return ReloadOutcome(
                "mismatch",
                message=done.misfit(),
                game=done.game,
                compiled=res.compiled,
                content_hash=res.content_hash,
            )
        return ReloadOutcome(
            "ok", game=done.game, compiled=res.compiled, content_hash=res.content_hash
        )

    def adopt(self, outcome: ReloadOutcome, restart: bool = False) -> None:
        """Switch to the reloaded scenario (at the replayed game, or from turn 1)."""
        assert outcome.compiled is not None
        keep = dict(self.choices)
        old_events = [d.event for d in self._decisions]
        self.compiled = outcome.compiled
        self.content_hash = outcome.content_hash
        self.table = self._table(
            Game(outcome.compiled, self.game.seed, lang=self.game.lang)
            if restart or outcome.game is None
            else outcome.game
        )
        self._setup_policy()
        self._indicators = self._make_indicators()
        self._targets = self._make_targets()
        self.reports = {}
        self.last_report = None
        self.start_turn()
        if [d.event for d in self._decisions] == old_events:
            for slot, opt in keep.items():
                self.choose(slot, opt)
        self.autosave()


def rung_index(ladder: Any, value: float) -> int:
    """The rung a ladder stands on for a value of its indicator."""
    return rung_of([r.at for r in ladder.rungs], value)


def new_session(
    ref: str,
    role: str,
    difficulty: str,
    seed: int,
    rollouts: int = 1000,
    worker: Worker | None = None,
    autosave: bool = True,
    *,
    humans: list[str] | None = None,
    lang: str = "en",
    flags: frozenset[str] | set[str] = frozenset(),
    class_code: str = "",
) -> Session:
    """Load a scenario (ScenarioError / FileNotFoundError pass up) and start a game.

    `humans` lists the roles played by people (both: a hot-seat game), `flags` and
    `class_code` come from a class code, `lang` is the language of the scenario's texts.
    """
    from game.scenario.loader import load, load_result

    compiled = load(ref)
    content_hash = load_result(ref).content_hash
    bot = DIFFICULTY_BOTS.get(difficulty, difficulty)
    return Session(
        compiled,
        ref=ref,
        content_hash=content_hash,
        role=role,
        bot=bot,
        seed=seed,
        rollouts=class_rollouts(rollouts, flags),
        worker=worker,
        autosave=autosave,
        humans=humans,
        lang=lang,
        flags=flags,
        class_code=class_code,
    )


def class_rollouts(rollouts: int, flags: frozenset[str] | set[str] | list[str]) -> int:
    """No assessments at all when a class code hides both forecasts and advisors."""
    return 0 if {"no_forecasts", "no_advisors"} <= set(flags) else rollouts


def session_from_save(
    path: Path | str, rollouts: int = 1000, worker: Worker | None = None, lang: str = "en"
) -> tuple[Session, str]:
    """Restore a save (SaveError, ScenarioError, FileNotFoundError pass up); returns its note."""
    from game.saves import read_save, restore
    from game.scenario.loader import with_length

    data = read_save(path)
    restored = restore(data)
    role = data.humans[0] if data.humans else "india"
    restored.game.lang = lang
    kept = data.settings if isinstance(data.settings, dict) else {}
    flags = frozenset(str(f) for f in kept.get("flags", []) if isinstance(f, str))
    s = Session(
        restored.game.scenario,
        ref=with_length(data.scenario, data.length),
        content_hash=_current_hash(data.scenario),
        role=role,
        bot=data.bot,
        seed=data.seed,
        game=restored.game,
        rollouts=class_rollouts(rollouts, flags),
        worker=worker,
        humans=list(data.humans),
        flags=flags,
        class_code=str(kept.get("class_code", "")),
        record=data,
    )
    return s, restored.note


def _current_hash(ref: str) -> str:
    from game.scenario.loader import load_result

    try:
        return load_result(ref).content_hash
    except (FileNotFoundError, OSError):
        return ""
