"""Where the turn screen's areas go for a window size: header, the three columns (indicators
and the ladder; the map, the objectives strip and the news; the decisions and the footer).

Larger text widens the decisions and indicators columns (the map's column gives way); at
large windows the layout itself grows at half the window's pace (`painter.Style`), so the
columns get the room.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any

from game.ui import i18n
from game.ui.common import row_buttons
from game.ui.controls import Button, button_height
from game.ui.screen import Rect
from game.ui.theme import panel_content_rect

if TYPE_CHECKING:
    from game.ui.turn import TurnScreen


MAP_MIN_W = 260  # the narrowest map drawn on the turn screen (at 100% layout scale)


def place_areas(turn: TurnScreen, win: Rect) -> list[Any]:
    """Set the turn screen's area rectangles for window `win`; returns its ladders."""
    st, p = turn.style, turn.app.painter
    m = st.u * 2
    gap = st.px(12)
    header_h = st.line("title", True) + st.u * 2
    turn.header = Rect(m, m, win.w - 2 * m, header_h)
    bh = button_height(p)
    body = Rect(m, turn.header.bottom + gap, win.w - 2 * m, win.h - m - turn.header.bottom - gap)
    # larger text: the decisions column and the indicators take more of the width (the
    # map gives it up)
    bigger = min(0.45, max(0.0, st.text_scale - 1.0))
    left_w = int(min(max(body.w * (0.27 + 0.06 * bigger), st.px(290)), st.px(460)))
    share = 0.36 + 0.45 * bigger
    right_w = int(min(max(body.w * share, st.px(380)), st.px(760) * st.text_scale))
    center_w = body.w - left_w - right_w - 2 * gap
    left = Rect(body.x, body.y, left_w, body.h)
    center = Rect(left.right + gap, body.y, center_w, body.h)
    right = Rect(center.right + gap, body.y, right_w, body.h)
    # the objectives strip: below the map, or above the indicators when the map's
    # column is too narrow for a label beside its values (large text)
    turn.strip_rect = Rect(left.x, left.y, left.w, 0)
    if center.w < st.px(340) * st.text_scale:
        strip_h = min(turn.strip.need(left.w), int(left.h * 0.45))
        turn.strip_rect = Rect(left.x, left.y, left.w, strip_h)
        left = Rect(left.x, left.y + strip_h + gap, left.w, left.h - strip_h - gap)
    ladders = turn.session.ladders()
    if ladders:
        n = max(len(r) for _, r, _, _ in ladders)
        lad_h = min(
            int(left.h * 0.42),
            st.line("small", True) + st.u * 3 + n * (st.line("small") + st.px(4)) + st.u * 2,
        )
        turn.ladder_rect = Rect(left.x, left.bottom - lad_h, left.w, lad_h)
        turn.dash_rect = Rect(left.x, left.y, left.w, left.h - lad_h - gap)
    else:
        turn.ladder_rect = Rect(left.x, left.bottom, left.w, 0)
        turn.dash_rect = left
    from game.ui.menu import map_aspect

    chrome = panel_content_rect(Rect(0, 0, center.w, 400), st.fonts, "Map")
    fit_h = int(chrome.w / map_aspect(turn.app)) + (400 - chrome.h)
    map_h = min(int(center.h * 0.6), fit_h)
    # the objectives strip below the map: the map gives way to it down to a third of
    # the column, the news keeps a few lines (the strip scrolls if it must)
    strip_h = turn.strip.need(center.w) if turn.strip_rect.h == 0 else 0
    news_min = st.line("body", True) * 2 + st.line("small") * 4 + st.u * 4
    map_h = max(min(map_h, int(center.h * 0.34)), center.h - strip_h - news_min - 2 * gap)
    map_h = min(map_h, int(center.h * 0.6), fit_h)
    # a column too narrow for a map worth reading (large text): a button that opens the
    # map at full size (key H) instead of a thumbnail, and the news gets the height
    turn.map_compact = chrome.w < st.px(MAP_MIN_W)
    if turn.map_compact:
        map_h = (400 - chrome.h) + button_height(p)
    strip_h = max(0, min(strip_h, center.h - map_h - news_min - 2 * gap))
    turn.map_frame = Rect(center.x, center.y, center.w, map_h)
    news_y = turn.map_frame.bottom + gap
    if strip_h:
        turn.strip_rect = Rect(center.x, news_y, center.w, strip_h)
        news_y = turn.strip_rect.bottom + gap
    turn.news_rect = Rect(center.x, news_y, center.w, center.bottom - news_y)
    turn.footer = Rect(right.x, right.bottom - bh, right.w, bh)
    turn.dec_rect = Rect(right.x, right.y, right.w, right.h - bh - st.u)
    return ladders


def layout_steps(turn: TurnScreen, win: Rect) -> Generator[None, None, None]:
    """Lay the turn screen out for window `win`, in parts (the areas and buttons, then each
    panel's items): hidden under the summary, one part is done per quiet frame
    (`TurnScreen.prerender`)."""
    st, p = turn.style, turn.app.painter
    ladders = place_areas(turn, win)  # header, columns, panels
    bh = button_height(p)
    turn.panels["header"].set_rect(turn.header)
    turn.panels["dashboard"].set_rect(turn.dash_rect)
    turn.panels["ladder"].set_rect(turn.ladder_rect)
    turn.panels["ladder"].visible = bool(ladders)
    turn.panels["mapframe"].set_rect(turn.map_frame)
    turn.panels["strip"].set_rect(turn.strip_rect)
    turn.panels["strip"].visible = turn.strip_rect.h > 0
    turn.panels["news"].set_rect(turn.news_rect)
    turn.panels["decisions"].set_rect(turn.dec_rect)
    turn.panels["footer"].set_rect(turn.footer)
    title = turn._map_title()
    turn.map_rect = panel_content_rect(Rect(turn.map_frame), st.fonts, title)
    turn.map_button = None
    if turn.map_compact:
        content = Rect(turn.map_rect)
        turn.map_button = Button("map", i18n.tr("Map"), content, "normal", True, "H")
        turn.map_rect = Rect(content.x, content.y, 0, 0)
    # header and footer controls
    menu_w = (
        p.width(i18n.tr("Menu"), "label", True) + st.px(44) + p.width("Esc", "small") + st.px(18)
    )
    bh_small = turn.header.h - st.px(8)
    turn.menu_button = Button(
        "menu",
        i18n.tr("Menu"),
        Rect(turn.header.right - menu_w, turn.header.y + st.px(4), menu_w, bh_small),
        "ghost",
        True,
        "Esc",
    )
    specs = [
        ("why", i18n.tr("What changed?"), "normal", "W"),
        ("help", i18n.tr("Help"), "ghost", "F1"),
    ]
    turn.header_buttons = row_buttons(
        p, turn.menu_button.rect.x - st.u, turn.header.y + st.px(4), specs
    )
    for b in turn.header_buttons:
        b.rect.h = bh_small
    end_w = max(
        st.px(150),
        p.width(i18n.tr("Resolving\u2026"), "label", True) + p.width("Enter", "small") + st.px(48),
    )
    turn.footer_buttons = [
        Button(
            "end",
            i18n.tr("End turn"),
            Rect(turn.footer.right - end_w, turn.footer.y, end_w, bh),
            "primary",
            True,
            "Enter",
        )
    ]
    turn.footer_text = Rect(
        turn.footer.x,
        turn.footer.y,
        turn.footer_buttons[0].rect.x - turn.footer.x - st.u * 2,
        turn.footer.h,
    )
    yield
    turn.strip.place()
    yield
    turn.dashboard_panel.place()
    yield
    turn.news_panel.place()
    yield
    yield from turn.decisions_panel.measure_steps()
    turn.decisions_panel.place()
    turn._update_hits()
