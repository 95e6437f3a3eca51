"""A frame after one that drew the same screen draws only what changed (the areas of its
picture composed again, and where its live layer drew last frame and draws now): what the
window shows must be exactly what drawing the whole screen afresh shows."""

from __future__ import annotations

import pygame
import pytest

from game.ui.menu import TitleScreen
from game.ui.playthrough import Driver
from tests.ui.helpers import open_turn


def _whole(app) -> bytes:
    """The top screen drawn whole into a surface of its own, at this frame's time (the
    window and the screen's record of what changed are left as they are)."""
    top = app.top
    surface = pygame.Surface(app.window.get_size(), 0, app.window)
    kept = top._damage, getattr(top, "_drawn", None)
    try:
        if top.overlay:
            surface.blit(app.backdrop, (0, 0))
        top.on_draw(surface)
        top.draw_live(surface, app.now)
    finally:
        top._damage = kept[0]
        if kept[1] is not None:
            top._drawn = kept[1]
    return pygame.image.tobytes(surface, "RGB")


class Checked:
    """Frames run through a Driver; each one drawn in part is checked against the whole."""

    def __init__(self, app, d: Driver) -> None:
        self.app, self.d, self.partial = app, d, 0
        self.areas: list[int] = []
        real = app.draw

        def draw():
            was = app._shown
            areas = real()
            # (a frame of a cross-fade that waits for a bigger step keeps the old picture)
            if was is not None and app._shown == was and areas is not None and app._fade is None:
                self.areas.append(sum(r.w * r.h for r in areas))
            return areas

        app.draw = draw

    def frames(self, n: int = 1) -> None:
        for _ in range(n):
            before = len(self.areas)
            self.d.frames(1)
            if len(self.areas) > before:
                self.partial += 1
                shown = pygame.image.tobytes(self.app.window, "RGB")
                assert shown == _whole(self.app), (
                    f"frame {self.partial} drawn in part differs from the whole "
                    f"({self.app.top.name}, areas {self.areas[-1]} px)"
                )

    def mouse_to(self, pos: tuple[int, int], frames: int = 2) -> None:
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        )
        self.frames(frames)


@pytest.mark.parametrize("animations", [False, True])
def test_turn_screen_frames_drawn_in_part_show_the_whole_picture(make_app, ui_dirs, animations):
    """Hovering every card, button, row and hot spot (tooltips and outlines come and go),
    choosing, and the assessments arriving: every frame drawn in part is the whole picture,
    and most frames are drawn in part, over a small share of the window."""
    app = make_app(animations=animations)
    d = open_turn(app, "tariff_friction", "india", "normal", 7)
    d.until(lambda: app._fade is None, 3000, "the cross-fade to the turn screen over")
    c = Checked(app, d)
    c.frames(3)
    turn = app.top
    for _name, rect in sorted(turn.targets().items())[:40]:
        c.mouse_to(rect.center)
    for place in turn.session.hotspots():  # (its tooltip, and its news cards outlined)
        at = app.map().anchor(place, turn.map_rect)
        c.mouse_to((int(at[0]), int(at[1])))
    c.mouse_to((2, 2))
    for key in ("1", "tab", "down", "2", "tab", "up"):
        d.key(key, frames=0)
        c.frames(3)
    c.frames(30)
    assert app.top is turn
    assert c.partial >= 60, "most frames of an unchanged screen are drawn in part"
    window = app.window.get_width() * app.window.get_height()
    small = [a for a in c.areas if a < window // 4]
    assert len(small) > len(c.areas) // 2, "a frame drawn in part draws a small share"


def test_title_screen_frames_drawn_in_part_show_the_whole_picture(make_app, ui_dirs):
    """The title screen's map is drawn live over its first frames, and its buttons light
    up under the mouse."""
    app = make_app(animations=True)
    d = Driver(app)
    app.push(TitleScreen(app))
    c = Checked(app, d)
    c.frames(10)
    for rect in app.top.targets().values():
        c.mouse_to(rect.center)
    c.frames(10)
    assert c.partial >= 20


def test_overlay_frames_drawn_in_part_show_the_whole_picture(make_app, ui_dirs):
    """Pause, Help, the map and the fan chart over the turn screen: their panels drawn in steps,
    their buttons lit under the mouse, each frame drawn in part shows the whole picture."""
    app = make_app(animations=True, forecasts=True)  # (the fan chart shows assessments)
    d = open_turn(app, "tariff_friction", "india", "normal", 7)
    d.idle()
    d.until(lambda: app._fade is None, 3000, "the cross-fade to the turn screen over")
    c = Checked(app, d)
    for key, name in (("escape", "pause"), ("f1", "help"), ("h", "map"), ("f", "fanchart")):
        d.key(key, frames=0)
        c.frames(40)
        assert app.top.name == name, (key, [s.name for s in app.stack])
        for rect in list(app.top.targets().values())[:12]:
            c.mouse_to(rect.center)
        c.frames(5)
        d.key("escape", frames=0)
        c.frames(20)
        if app.top.name != "turn":
            d.key("escape", frames=0)
            c.frames(20)
    assert app.top.name == "turn"
    assert c.partial >= 100


@pytest.mark.parametrize("kind", ["WINDOWEXPOSED", "WINDOWSHOWN", "WINDOWRESTORED"])
def test_a_window_the_system_showed_again_is_drawn_whole(make_app, ui_dirs, monkeypatch, kind):
    """Frames draw in part only while the window keeps its pixels: once the system shows
    it again (uncovered, restored), the next frame draws and shows all of it."""
    app = make_app()
    d = open_turn(app, "tariff_friction", "india", "normal", 7)
    d.frames(3)
    shown = []
    monkeypatch.setattr(pygame.display, "flip", lambda: shown.append("whole"))
    monkeypatch.setattr(pygame.display, "update", lambda areas: shown.append("part"))
    d.frames(3)
    assert "whole" not in shown  # (in part, or nothing to show)
    pygame.event.post(pygame.event.Event(getattr(pygame, kind)))
    d.frames(1)
    assert shown[-1:] == ["whole"]


def test_every_screen_of_a_playthrough_drawn_in_part_shows_the_whole_picture(
    ui_dirs, monkeypatch, capsys
):
    """The benchmark's scripted playthrough (new game, briefing, tour, turns, summaries,
    pause, settings, help, load, fan chart, end): every frame drawn in part, on every
    screen, is the whole picture drawn afresh (frames with a panel still to draw are
    left out: the window rightly shows its previous pixels there)."""
    import collections

    import game.ui.app as app_module
    from game.ui import bench
    from game.ui.worker import Worker

    monkeypatch.setattr(app_module, "shared_worker", Worker)  # (a thread, not a process)
    checked, differ = collections.Counter(), collections.Counter()
    real_init = app_module.App.__init__

    def init(app, *args, **kwargs):
        real_init(app, *args, **kwargs)
        real = app.draw

        def draw():
            was = app._shown
            areas = real()
            top = app.top
            if was is None or app._shown != was or areas is None or app._fade is not None:
                return areas
            if any(p.dirty and p.visible and p.rect.w > 0 for p in top.panels.values()):
                return areas
            same = pygame.image.tobytes(app.window, "RGB") == _whole(app)
            (checked if same else differ)[top.name] += 1
            return areas

        app.draw = draw

    monkeypatch.setattr(app_module.App, "__init__", init)
    bench._playthrough("lac_tensions", 120, 0.6)
    capsys.readouterr()
    assert not differ, f"frames drawn in part that differ from the whole: {dict(differ)}"
    for name in ("menu", "newgame", "briefing", "turn", "summary", "settings", "load", "end"):
        assert checked[name] >= 3, (name, dict(checked))


def test_a_notice_raised_between_frames_drawn_in_part_shows(make_app, ui_dirs, monkeypatch):
    """A notice (a screenshot saved, a settings write that failed) arrives while frames
    draw only what changed: the next frame draws the window whole, notice included."""
    app = make_app()
    d = open_turn(app, "tariff_friction", "india", "normal", 7)
    d.frames(3)
    shown = []
    monkeypatch.setattr(pygame.display, "flip", lambda: shown.append("whole"))
    monkeypatch.setattr(pygame.display, "update", lambda areas: shown.append("part"))
    d.frames(3)
    assert "whole" not in shown
    before = pygame.image.tobytes(app.window, "RGB")
    app.toast("Screenshot saved: somewhere", "good")
    d.frames(1)
    assert shown[-1:] == ["whole"]
    assert pygame.image.tobytes(app.window, "RGB") != before  # the notice is on screen


def test_after_a_frame_that_changed_most_of_the_picture_frames_draw_in_part_again(
    make_app, ui_dirs, monkeypatch
):
    """A frame where most of the picture was composed again blits it whole; the frame after
    it goes back to drawing only what changed (not a second whole frame)."""
    app = make_app()
    d = open_turn(app, "tariff_friction", "india", "normal", 7)
    d.frames(3)
    shown = []
    monkeypatch.setattr(pygame.display, "flip", lambda: shown.append("whole"))
    monkeypatch.setattr(pygame.display, "update", lambda areas: shown.append("part"))
    app.top._changed(None)  # (all of the picture composed again)
    d.frames(1)
    assert shown == ["whole"]
    d.frames(3)
    assert "whole" not in shown[1:]
