"""The window's assessments, which are few a turn (Table.assess counts them): the turn's
decisions take them in order, `A` asks again about one with the turn's other choices
staged, and the player hears how many are left."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.engine.forecast import Advice, Forecast
from game.engine.game import Accepted, Game, Rejected, rejected
from game.presentation import assessments_text, reason

if TYPE_CHECKING:
    from game.ui.session import Session
    from game.ui.turn import TurnScreen


def run(
    game: Game, role: str, slot: int, rollouts: int, staged: dict[int, int] | None = None
) -> tuple[Forecast, list[Advice]]:
    """An assessment and the advisors' words on it (the background job)."""
    fc = game.forecast(role, slot, rollouts, staged=staged)
    return fc, game.advice(fc)


def submit(session: Session, slot: int, staged: dict[int, int], record: Any) -> None:
    """Assess a decision in the background; a newer request for the slot replaces it."""
    s = session
    game, role, n, gen = s.game, s.role, s.rollouts, s.gen
    asked = s._asked[slot] = s._asked.get(slot, 0) + 1
    s.worker.submit(
        (s.token, gen, "fc", slot, asked),
        lambda: run(game, role, slot, n, staged),
        ("assess", record, role, slot, n, staged),
    )


def start_turn(session: Session, record: Any) -> None:
    """The turn's decisions take the assessments in order while some are left; the rest
    say why they have none."""
    for d in session.decisions():
        spent = session.table.spend_assessment(session.role, d.slot, {})
        if spent:
            submit(session, d.slot, {}, record)
        else:
            session.failures[d.slot] = f"No assessment: {reason(spent)}."


def left_text(session: Session) -> str:
    """`2 of 3 assessments left this turn`, for the player now deciding."""
    table = session.table
    return assessments_text(table.assessments_left(session.role), table.assessments_per_turn())


def assess(session: Session, slot: int) -> Accepted | Rejected:
    """Ask intelligence again about a decision, playing the choices staged for the turn's
    other decisions: it costs one of the turn's assessments (the same question twice is
    free). Rejected `no_assessments` when none is left."""
    if session.rollouts <= 0:
        return rejected("no_assessments", per_turn=0)
    staged = session.table.staged_for(session.role, slot)
    spent = session.table.spend_assessment(session.role, slot, staged)
    if not spent:
        return spent
    from game.saves import record_dict

    session.forecasts.pop(slot, None)
    session.advice.pop(slot, None)
    session.failures.pop(slot, None)
    submit(session, slot, staged, record_dict(session.record()))
    return spent


def ask(screen: TurnScreen) -> None:
    """The turn screen's `A`: assess the focused decision again, and say what it cost."""
    dec = screen.focused()
    if dec is None or screen.classroom.forecasts_hidden():
        return None
    done = assess(screen.session, dec.slot)
    if done:
        screen.app.toast(f"Assessing again. {left_text(screen.session)}.", "info")
        screen.refresh("decisions", "footer")  # (the status line counts what is left)
    else:
        screen.app.toast(f"No assessment: {reason(done)}.", "warn")
    return None
