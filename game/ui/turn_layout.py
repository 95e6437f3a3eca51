"""Where the turn screen's areas go for a window size: header, the three columns (indicators
and the ladder; the map, the objectives strip and the news; the decisions and the footer).

Larger text widens the decisions and indicators columns (the map's column gives way); at
large windows the layout itself grows at half the window's pace (`painter.Style`), so the
columns get the room.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.ui.controls import button_height
from game.ui.screen import Rect
from game.ui.theme import panel_content_rect

if TYPE_CHECKING:
    from game.ui.turn import TurnScreen


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
