"""A screen change composes the new screen behind the picture on screen, over several
frames within the frame budget, and shows it only when it is complete: every frame shows
either the old picture or the finished new one, never a half-drawn screen."""

from __future__ import annotations

import pygame
import pytest

from game.ui.flow import start_game
from game.ui.menu import TitleScreen
from game.ui.playthrough import Driver


def _pixels(app) -> bytes:
    return pygame.image.tobytes(app.window, "RGB")


def _frames_until_shown(app, d: Driver, limit: int = 200) -> list[bytes]:
    """The window after each frame, until the new screen is shown (and one frame more)."""
    seen = []
    for _ in range(limit):
        d.frames(1)
        seen.append(_pixels(app))
        if not app.composing:
            d.frames(1)
            seen.append(_pixels(app))
            return seen
    raise AssertionError("the new screen was never shown")


def _complete(app) -> bytes:
    """The new screen drawn whole, from scratch, in one go."""
    app.settle()
    app.redraw_all()
    return _pixels(app)


def test_the_first_turn_screen_appears_whole_after_frames_that_keep_the_briefing(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    app.push(start_game(app, "tariff_friction", "india", "normal", 7))
    d.screen("briefing")
    d.idle()
    d.frames(2)
    before = _pixels(app)
    d.key("return", frames=0)
    seen = _frames_until_shown(app, d)
    after = _complete(app)
    assert app.top.name == "turn"
    assert before != after
    held = [k for k, px in enumerate(seen) if px == before]
    assert len(held) >= 2, "the turn screen is composed over several frames"
    for k, px in enumerate(seen):
        assert px in (before, after), f"frame {k} after Enter shows a half-drawn screen"
    assert seen[-1] == after
    assert held == list(range(len(held))), "the briefing stays until the turn screen shows"


def test_a_step_of_the_guided_tour_shows_whole(make_app, ui_dirs):
    app = make_app(tutorial_seen=False)
    d = Driver(app)
    app.push(start_game(app, "tariff_friction", "india", "normal", 7))
    d.screen("briefing")
    d.key("return")
    d.screen("tutorial")
    d.idle()
    d.frames(2)
    before = _pixels(app)
    d.key("return", frames=0)  # Next
    seen = _frames_until_shown(app, d)
    after = _complete(app)
    assert app.top.name == "tutorial" and app.top.step == 1
    assert before != after
    for k, px in enumerate(seen):
        assert px in (before, after), f"frame {k} after Next shows a half-drawn step"
    assert seen[-1] == after


def test_with_animations_the_cross_fade_starts_from_the_complete_new_screen(make_app, ui_dirs):
    app = make_app(animations=True)
    d = Driver(app)
    app.push(start_game(app, "tariff_friction", "india", "normal", 7))
    d.screen("briefing")
    d.idle()
    d.frames(2)
    d.key("return")
    assert app.composing
    while app.composing:
        assert app._fade is not None and app._fade[1] is None  # not fading yet
        d.frames(1)
    assert app.top.name == "turn"
    assert app._fade is not None and app._fade[1] is not None  # fading now, to a whole screen
    assert not any(p.dirty for p in app.top.panels.values() if p.visible and p.rect.w > 0)


def test_a_frame_whose_input_used_the_allowance_leaves_redrawing_to_the_next():
    from game.ui.screen import FrameBudget

    b = FrameBudget()
    b.start(1000.0)
    assert b.allow()  # time left: panels redraw
    b.start(0.0)  # the frame's input and updates used the allowance up
    assert not b.allow() and not b.idle() and not b.quiet()
    b.start(0.0)  # the next frame redraws its first panel whatever it costs
    assert b.allow()
    b.used()
    assert not b.allow()  # but no more
    b.start(0.0)  # and the frame after that may leave it to the next again
    assert not b.allow()


def test_an_overlay_appears_whole_after_frames_that_keep_the_picture_under_it(make_app, ui_dirs):
    from tests.ui.helpers import open_turn

    app = make_app()
    d = open_turn(app)
    d.frames(2)
    before = _pixels(app)
    d.key("escape", frames=0)  # the pause menu
    seen = _frames_until_shown(app, d)
    assert app.top.name == "pause"
    after = _complete(app)
    assert before != after
    held = [k for k, px in enumerate(seen) if px == before]
    assert len(held) >= 2, "the dimmed picture and the box are made over frames"
    for k, px in enumerate(seen):
        assert px in (before, after), f"frame {k} after Esc shows a half-drawn pause menu"
    assert held == list(range(len(held))) and seen[-1] == after


def test_a_panel_that_needs_new_pixels_may_draw_them_in_the_next_frame(make_app, ui_dirs):
    from game.ui.screen import BUDGET, Panel

    app = make_app()
    drawn = []
    panel = Panel("p", lambda surf, p, r: drawn.append(r.size))
    panel.set_rect(pygame.Rect(0, 0, 40, 30))
    BUDGET.start(0.0)  # the frame's allowance is used up: the pixels are made, not drawn
    assert not panel.prepare(app.painter, (0, 0, 0)) and not drawn and panel.dirty
    BUDGET.start(0.0)  # the next frame draws into them whatever time is left
    assert panel.prepare(app.painter, (0, 0, 0)) and drawn == [(40, 30)] and not panel.dirty
    panel.dirty = True  # its spare pixels are the first ones: nothing to make, drawn at once
    panel._spare = panel.surface
    BUDGET.start(0.0)
    assert panel.prepare(app.painter, (0, 0, 0)) and len(drawn) == 2


@pytest.mark.parametrize("busy", [False, True], ids=["quick-key", "key-used-the-budget"])
def test_back_to_a_screen_composed_already_the_key_frame_keeps_the_picture(
    make_app, ui_dirs, monkeypatch, busy
):
    """From the summary to the turn screen composed under it: the cross-fade's first frame
    would show the old picture (alpha 254), so the frame of the key keeps it and draws
    nothing; the blend shows from the next frame on. When handling the key used up the
    frame's budget, the change finishes in the next frame, which keeps the picture too."""
    from game.ui.screen import BUDGET
    from tests.ui.helpers import open_turn

    app = make_app(animations=True)
    d = open_turn(app, "tariff_friction", "india", "normal", 7)
    d.decide_turn()
    d.until(lambda: app.top.name == "summary", 3000, "the summary")
    d.idle()
    turn = app.find("turn")

    def ready() -> bool:  # the turn screen laid out, drawn and composed under the summary
        from game.ui.pixels import backdrop

        if turn.stale or turn._composed is None or app.composing:
            return False
        if any(p.dirty for p in turn.panels.values() if p.visible and p.rect.w > 0):
            return False
        return turn._compose_state(backdrop(app.size, turn.pal)) == turn._composed_state

    d.until(ready, 3000, "the turn screen composed under the summary")
    d.frames(2)
    before = _pixels(app)
    d.key("return", frames=0)
    if busy:  # the key frame's budget is used up: the change takes a second frame
        monkeypatch.setattr(BUDGET, "more", lambda: False)
    d.frames(1)
    monkeypatch.undo()
    if busy:
        assert app.composing  # (the path under test: the change takes a second frame)
    # (a key frame whose handling used up the frame's budget finishes the change in the
    # next frame: on a busy machine, or a slow one)
    for _ in range(3):
        if not app.composing:
            break
        assert _pixels(app) == before
        d.frames(1)
    assert app.top is turn and not app.composing
    assert app._fade is not None and app._fade[1] is not None  # the fade has started
    assert _pixels(app) == before  # and the frames of the change kept the picture
    for _ in range(120):  # (a frame too soon for a step of the blend keeps it too)
        d.frames(1)
        if _pixels(app) != before:
            break
    assert _pixels(app) != before and app._fade is not None  # the blend shows


def test_a_panel_inside_another_is_composed_again_like_the_whole_picture(make_app, ui_dirs):
    """Settings' rows lie inside its frame: a changed row is composed from the rows panel
    alone (it hides the frame and the backdrop under it), and the picture stays what
    composing everything afresh gives."""
    from tests.ui.test_turn_repaint import _composed_from_scratch, _same

    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    d.key("s")
    d.screen("settings")
    d.idle()
    screen = app.top
    rows, frame = screen.panels["rows"], screen.panels["frame"]
    assert frame.rect.contains(rows.rect)
    for key in ("down", "down", "right", "left", "up", "down"):
        d.key(key, frames=1)
        d.until(lambda: not rows.dirty and not app.composing, 100, "the rows drawn")
        d.frames(1)
        assert _same(screen._composed, _composed_from_scratch(app, screen)), key


def test_the_cross_fade_blends_from_the_picture_left_on_screen_to_the_new_one(
    make_app, ui_dirs, monkeypatch
):
    """A cross-fade never copies the old picture: each frame blends the new one over the
    window's own pixels. Every frame of the fade lies between the picture the turn left on
    screen and the summary's, comes closer to the summary, and the fade ends on it exactly."""
    import numpy as np

    import game.ui.fade
    from tests.ui.helpers import open_turn

    monkeypatch.setattr(game.ui.fade, "FADE_SECONDS", 1.0)  # (frames enough on a busy machine)

    def array(surface) -> np.ndarray:
        return pygame.surfarray.array3d(surface).astype(np.int16)

    app = make_app(animations=True)
    d = open_turn(app, "tariff_friction", "india", "normal", 7)
    d.frames(5)
    d.decide_turn()
    for _ in range(3000):
        before = array(app.window)
        d.frames(1)
        if app.top.name == "summary":
            break
    assert app.top.name == "summary" and app._fade is not None
    fading = []
    for _ in range(120):
        d.frames(1)
        if app._fade is None:
            break
        if app._fade[1] is not None:
            # (the old picture's share: the curve's, and the one the window was given)
            share = game.ui.fade.old_share(app.now - app._fade[1])
            fading.append((array(app.window), share, app._fade[0]))
    last = array(app.window)
    assert app._fade is None and len(fading) >= 5  # a fade of several frames
    after = array(_surface_complete(app))
    assert np.array_equal(last, after)  # it ends on the new picture, exactly
    low, high = np.minimum(before, after) - 3, np.maximum(before, after) + 3
    gaps = []
    span = (before - after).astype(np.float64)
    for k, (px, share, given) in enumerate(fading):
        assert ((px >= low) & (px <= high)).all(), f"fade frame {k} leaves the two pictures"
        gaps.append(float(np.abs(px - after).mean()))
        shown = float(((px - after) * span).sum() / (span * span).sum())
        assert abs(shown - given) < 0.06, f"fade frame {k}: {shown:.3f} of the old, not {given:.3f}"
        assert share - 0.01 < given < share + 32 / 256  # (a step under 32/256 waits a frame)
    whole = float(np.abs(before - after).mean())
    assert gaps[0] > whole / 2  # it starts near the picture on screen ...
    # ... and moves on (a frame with too small a step to blend keeps the picture)
    assert all(b <= a for a, b in zip(gaps, gaps[1:], strict=False))
    assert gaps[-1] < whole / 4


def _surface_complete(app):
    app.settle()
    app.redraw_all()
    return app.window


def test_a_resize_while_an_overlay_opens_draws_its_backdrop_afresh(make_app, ui_dirs, monkeypatch):
    """The window's copy is made in the frames after an overlay opens; a resize before
    then makes the picture under it from the screens below (the resized window has none)."""
    from game.ui.screen import BUDGET
    from tests.ui.helpers import open_turn

    app = make_app(animations=False)  # (no pulsing hot spots: pictures compare)
    d = open_turn(app)
    d.key("escape", frames=0)
    monkeypatch.setattr(BUDGET, "more", lambda: False)  # (the key's frame used its budget)
    d.frames(1)  # the pause menu is on the stack, its backdrop not copied yet
    monkeypatch.undo()
    pause = app.top
    assert pause.name == "pause" and app._capturing is pause
    app.resize((1366, 768))
    assert app._capturing is None
    d.until(lambda: not pause.panels["box"].dirty, 60, "the pause menu drawn")
    d.frames(1)
    assert app.backdrop is not None and app.backdrop.get_size() == (1366, 768)
    assert app._capturing is None and app._undimmed is None
