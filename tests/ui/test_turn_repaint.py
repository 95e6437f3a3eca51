"""The turn screen repaints only what a moved highlight changes: the pixels must be the
same as a full redraw's."""

from __future__ import annotations

import pygame

from game.ui.screen import BUDGET
from game.ui.script import key_event
from tests.ui.helpers import open_turn


def _full_redraw(app, panel) -> pygame.Surface:
    panel.dirty = True
    BUDGET.unlimited = True
    try:
        panel.prepare(app.painter, app.top.panel_background(panel))
    finally:
        BUDGET.unlimited = False
    return panel.surface.copy()


def _handle_posted(app) -> None:
    """Only the input of a frame (no drawing), so the panel's state can be looked at."""
    for e in pygame.event.get():
        app.handle(e)


def _turn_screen(make_app, seed: int, rollouts: int):
    """A tariff_friction game on its first turn, assessments done and drawn."""
    app = make_app(forecasts=True, rollouts=rollouts)
    d = open_turn(app, "tariff_friction", "india", "easy", seed, title=False)
    d.frames(10)
    _drawn(d, app.top.panels["decisions"])
    return app, d


def _drawn(d, panel) -> None:
    """Frames until the panel is drawn: a full redraw is spread over frames by the budget."""
    for _ in range(300):
        if panel.surface is not None and not panel.dirty:
            break
        d.frames(1)


def _same(a: pygame.Surface, b: pygame.Surface) -> bool:
    return pygame.surfarray.array3d(a).tolist() == pygame.surfarray.array3d(b).tolist()


def test_moving_the_highlight_repaints_cards_like_a_full_redraw(make_app, ui_dirs):
    app, d = _turn_screen(make_app, seed=11, rollouts=100)
    turn = app.top
    panel = turn.panels["decisions"]
    dec = turn.focused()
    assert turn.outlook(dec.slot) is not None and len(dec.options) >= 3
    patched = changed = same_layout = 0
    steps = [("key", "down"), ("key", "down"), ("key", "up")]
    steps += [("move", f"opt:{dec.slot}:{o.index}") for o in dec.options]
    steps += [("move", "header"), ("key", "down")]
    for kind, what in steps:
        before = panel.surface.copy()
        window = turn.dec_window
        if kind == "key":
            for e in key_event(what):
                pygame.event.post(e)
        elif what == "header":
            pos = turn.header.center
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0)))
        else:
            d.move(what, frames=0)
        _handle_posted(app)
        same_layout += turn.dec_window == window  # else the list scrolled: a full redraw
        if not panel.dirty:  # repainted in place
            patched += 1
            now = panel.surface.copy()
            changed += not _same(now, before)
            assert _same(now, _full_redraw(app, panel)), f"{kind} {what}: differs from a redraw"
        _drawn(d, panel)  # a full redraw is spread over frames (more of them on a busy machine)
    # every move that keeps the layout (the list did not scroll) is a patch, and most do
    assert same_layout >= len(steps) // 2
    assert patched >= same_layout - 1 and changed >= same_layout // 2


def test_a_choice_or_another_decision_redraws_the_whole_panel(make_app, ui_dirs):
    app, d = _turn_screen(make_app, seed=11, rollouts=100)
    turn = app.top
    for e in key_event("2"):  # a choice also marks the decision's tab: not a patch
        pygame.event.post(e)
    _handle_posted(app)
    assert turn.panels["decisions"].dirty
    d.frames(5)
    assert turn.session.choices[turn.focused().slot] == 1


def test_random_highlight_moves_always_match_a_full_redraw(make_app, ui_dirs):
    """Random hovers and arrow keys, with assessments on: whenever the panel is clean,
    its pixels are exactly those of a full redraw."""
    import random

    app, d = _turn_screen(make_app, seed=5, rollouts=60)
    turn = app.top
    panel = turn.panels["decisions"]
    rng = random.Random(7)
    checks = 0
    for _ in range(150):
        r = rng.random()
        targets = turn.targets()
        options = [t for t in targets if t.startswith("opt:")]
        if r < 0.5 and options:
            pos = targets[rng.choice(options)].center
        elif r < 0.6:
            pos = (rng.randrange(app.size[0]), rng.randrange(app.size[1]))
        else:
            pos = None
            for e in key_event(rng.choice(["up", "down", "tab", "shift+tab"])):
                pygame.event.post(e)
        if pos is not None:
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0)))
        d.frames(1)
        for _ in range(30):  # a full redraw (not a patch) may take a few frames
            if not panel.dirty:
                break
            d.frames(1)
        assert app.top is turn and not app._crashes and not panel.dirty
        if panel.surface is not None and rng.random() < 0.3:
            now = panel.surface.copy()
            assert _same(now, _full_redraw(app, panel))
            checks += 1
    assert checks >= 20


def _composed_from_scratch(app, screen) -> pygame.Surface:
    from game.ui.pixels import backdrop

    surf = pygame.Surface(app.size)
    surf.blit(backdrop(app.size, screen.pal), (0, 0))
    for p in screen.panels.values():
        if p.shown:
            surf.blit(p.surface, p.rect)
    return surf


def test_the_composed_picture_matches_the_panels_after_patches_and_redraws(make_app, ui_dirs):
    """The screen keeps the backdrop and its panels composed in one picture and makes it
    again only where a panel changed (a patch, a redraw, a move): after random hovers,
    keys, choices and scrolls it is always what composing everything afresh gives."""
    import random

    app, d = _turn_screen(make_app, seed=5, rollouts=60)
    turn = app.top
    rng = random.Random(3)
    checks = 0
    for step in range(80):
        r = rng.random()
        targets = turn.targets()
        if r < 0.5:
            pos = targets[rng.choice(sorted(targets))].center
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0)))
        elif r < 0.65:
            pos = turn.dash_rect.center if r < 0.58 else turn.dec_rect.center
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0)))
            pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-1, 1])))
        else:
            for e in key_event(rng.choice(["up", "down", "tab", "1", "2"])):
                pygame.event.post(e)
        d.frames(1 + step % 3)  # sometimes mid-redraw
        assert app.top is turn and not app._crashes
        if turn._composed is not None:
            assert _same(turn._composed, _composed_from_scratch(app, turn)), f"step {step}"
            checks += 1
    assert checks >= 60


def test_hovering_indicator_rows_repaints_only_those_rows_like_a_full_redraw(make_app, ui_dirs):
    """Moving the mouse over the dashboard's rows (each with a sparkline, a tick or cross
    and a threshold) repaints the rows on and off the mouse in place: the panel's pixels
    are exactly a full redraw's, and the rest of the panel is not drawn again."""
    import random

    app, d = _turn_screen(make_app, seed=11, rollouts=0)
    turn = app.top
    panel = turn.panels["dashboard"]
    _drawn(d, panel)
    rows = sorted(t for t in turn.targets() if t.startswith("ind:"))
    assert len(rows) >= 4
    rng = random.Random(2)
    moves = [rng.choice(rows) for _ in range(12)] + ["header", rows[0], "world", rows[1]]
    moves = [m for k, m in enumerate(moves) if k == 0 or m != moves[k - 1]]  # each moves
    patched = 0
    for what in moves:
        before = panel.surface.copy()
        if what == "header":
            pos = turn.header.center
        else:
            pos = turn.targets()[what].center
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0)))
        _handle_posted(app)
        if not panel.dirty:  # repainted in place
            patched += 1
            now = panel.surface.copy()
            assert _same(now, _full_redraw(app, panel)), f"{what}: differs from a redraw"
            if what.startswith("ind:") and turn.hover is not None:
                assert not _same(now, before), "the hovered row is highlighted"
        _drawn(d, panel)
    # every move between rows, onto one or off it is a patch; the world link redraws
    assert patched >= len(moves) - 3
