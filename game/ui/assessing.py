"""The window's assessments, which are few a turn (Table.assess counts them): how many
are left, and asking again about a decision with the turn's other choices staged."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.game import Accepted, Rejected, rejected
from game.presentation import assessments_text

if TYPE_CHECKING:
    from game.ui.session import Session


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
    session._submit_assessment(slot, staged, record_dict(session.record()))
    return spent
