"""The pixels screens are drawn on: a pool of window-sized surfaces, the window backdrop,
and an allocator that keeps freed pixel memory for the next screen.
"""

from __future__ import annotations

from typing import Any

import pygame

from game.heap import keep_freed_memory
from game.ui.theme import blend, panel_corners

_POOL: dict[tuple[int, int], list[pygame.Surface]] = {}
_POOL_PIXELS = 1280 * 720 * 6  # at most ~22 MB of spare pixels kept
_pooled = 0


def new_surface(size: tuple[int, int]) -> pygame.Surface:
    """An opaque surface in the display's pixel format (fast to blit, no conversion pass).

    Surfaces of screens that were closed are used again (see `release_surface`): fresh
    pixel memory costs a page fault per 4 KiB on first touch, ~1 ms for a window's worth,
    which showed up as frame spikes whenever a screen opened.
    """
    global _pooled
    display = pygame.display.get_surface()
    size = (int(size[0]), int(size[1]))
    free = _POOL.get(size)
    while free:
        surf = free.pop()
        _pooled -= size[0] * size[1]
        if display is None or (
            surf.get_bitsize() == display.get_bitsize() and surf.get_masks() == display.get_masks()
        ):
            surf.set_alpha(None)  # as a new one: opaque, unclipped
            surf.set_colorkey(None)
            surf.set_clip(None)
            return surf
    if display is not None:
        return pygame.Surface(size, 0, display)
    return pygame.Surface(size)


def release_surface(surf: pygame.Surface | None) -> None:
    """Give back a surface from `new_surface` that nothing uses any more."""
    global _pooled
    if surf is None or surf.get_masks()[3] or surf.get_parent() is not None:
        return  # (per-pixel alpha or a view into another surface: not from new_surface)
    w, h = surf.get_size()
    if w * h <= 0 or w * h > _POOL_PIXELS:
        return
    free = _POOL.setdefault((w, h), [])
    if any(s is surf for s in free):
        return
    while _pooled + w * h > _POOL_PIXELS:  # make room: the oldest kind goes first
        size, oldest = next((k, v) for k, v in _POOL.items() if v)
        oldest.pop(0)
        _pooled -= size[0] * size[1]
        if not oldest and size != (w, h):
            del _POOL[size]
    free.append(surf)
    _pooled += w * h


_kept = False


def keep_pixel_memory(reserve_mb: int = 48) -> bool:
    """Make surfaces allocated during play reuse memory the process already has.

    glibc hands big freed blocks (a window-sized surface is 3.5 MB) back to the system,
    and every new one then page-faults on first touch: ~1 ms per window's worth, a frame
    spike each time a screen opens. Where glibc is the allocator, keep freed blocks up to
    32 MB in the heap and grow the heap once, now, by `reserve_mb`. Elsewhere (Windows,
    macOS, musl, or with CONVERGENCE_MALLOC=system) nothing happens (see game/heap.py).
    Returns True if the allocator was set up.
    """
    global _kept
    if _kept or not keep_freed_memory(32 << 20, (reserve_mb + 64) << 20):
        return _kept
    blocks = [b"\x01" * (8 << 20) for _ in range(max(0, reserve_mb) // 8)]  # touched pages
    del blocks  # back to the heap, which now keeps them
    _kept = True
    return True


_backdrops: dict[tuple[Any, ...], pygame.Surface] = {}


def backdrop_under_panel(
    surf: pygame.Surface, size: tuple[int, int], pal: Any, area: pygame.Rect, fonts: Any
) -> None:
    """The window backdrop under a panel that `draw_panel` then draws over all of `surf`
    (placed at `area` in the window): only the panel's rounded corners show it, so only
    they are copied (the same pixels as copying it all, a fraction of the work)."""
    back = backdrop(size, pal)
    for c in panel_corners(pygame.Rect(0, 0, area.w, area.h), fonts):
        surf.blit(back, c.topleft, c.move(area.x, area.y))


def backdrop(size: tuple[int, int], pal: Any) -> pygame.Surface:
    """The window background: deep navy with a faint grid, like a situation-room wall."""
    key = (size, pal)
    surf = _backdrops.get(key)
    if surf is None:
        surf = new_surface(size)
        surf.fill(pal.background)
        step = max(24, size[1] // 18)
        line = blend(pal.background, pal.grid, 0.45)
        for x in range(step // 2, size[0], step):
            pygame.draw.line(surf, line, (x, 0), (x, size[1]))
        for y in range(step // 2, size[1], step):
            pygame.draw.line(surf, line, (0, y), (size[0], y))
        if len(_backdrops) > 6:
            _backdrops.clear()
        _backdrops[key] = surf
    return surf
