"""Synthesised, subtle sound cues (no audio files).

``Sounds()`` builds three cues with numpy at the mixer's real sample rate,
format and channel count:

* ``'turn'``     a soft two-note chime (~0.55 s)
* ``'decision'`` a short, quiet blip (~0.07 s)
* ``'crisis'``   a low, muted double pulse (~0.5 s)

If the mixer cannot start (no audio device, odd driver), every method is a
silent no-op: nothing here ever raises.
"""

from __future__ import annotations

import logging
import math

import numpy as np
import pygame

__all__ = ["Sounds", "CUES", "synthesise"]

log = logging.getLogger(__name__)

CUES = ("turn", "decision", "crisis")


def _env(
    n: int, rate: int, attack: float, release: float, decay: float | None = None
) -> np.ndarray:
    """Raised-cosine attack, optional exponential decay, raised-cosine release to 0."""
    env = np.ones(n, dtype=np.float64)
    a = max(1, min(n, int(attack * rate)))
    env[:a] = 0.5 - 0.5 * np.cos(np.linspace(0.0, math.pi, a))
    if decay:
        t = np.arange(n) / rate
        env *= np.exp(-np.maximum(0.0, t - attack) / decay)
    r = max(1, min(n, int(release * rate)))
    env[n - r :] *= 0.5 + 0.5 * np.cos(np.linspace(0.0, math.pi, r))
    env[-1] = 0.0
    env[0] = 0.0
    return env


def _tone(
    freq: float,
    dur: float,
    rate: int,
    *,
    partials=((1, 1.0),),
    attack=0.006,
    release=0.05,
    decay=None,
) -> np.ndarray:
    n = max(2, int(dur * rate))
    t = np.arange(n) / rate
    wave = np.zeros(n)
    for mult, amp in partials:
        wave += amp * np.sin(2 * math.pi * freq * mult * t)
    peak = np.max(np.abs(wave)) or 1.0
    return wave / peak * _env(n, rate, attack, release, decay)


def synthesise(name: str, rate: int = 44100) -> np.ndarray:
    """Mono float64 samples in [-1, 1] for cue ``name`` (peak ~0.5: these are subtle)."""
    if name == "turn":
        # E5 then A5, bell-ish (soft 2nd/3rd partials), overlapping decays
        dur = 0.56
        out = np.zeros(int(dur * rate))
        bell = ((1, 1.0), (2, 0.18), (3, 0.05))
        for start, freq in ((0.0, 659.25), (0.13, 880.0)):
            note = _tone(
                freq, dur - start, rate, partials=bell, attack=0.008, release=0.08, decay=0.16
            )
            i = int(start * rate)
            out[i : i + len(note)] += note[: len(out) - i]
        out *= 0.42 / (np.max(np.abs(out)) or 1.0)
    elif name == "decision":
        # short blip with a slight downward glide
        dur = 0.075
        n = int(dur * rate)
        t = np.arange(n) / rate
        freq = 1180 - 260 * t / dur
        phase = 2 * math.pi * np.cumsum(freq) / rate
        out = np.sin(phase) * _env(n, rate, 0.004, 0.04) * 0.32
    elif name == "crisis":
        # two muted low thumps (A2 with a sub-octave), no bright partials
        dur = 0.52
        out = np.zeros(int(dur * rate))
        for start, amp in ((0.0, 1.0), (0.24, 0.7)):
            note = _tone(
                110.0,
                0.26,
                rate,
                partials=((1, 1.0), (0.5, 0.6), (2, 0.08)),
                attack=0.02,
                release=0.12,
                decay=0.12,
            )
            i = int(start * rate)
            out[i : i + len(note)] += amp * note[: len(out) - i]
        out *= 0.55 / (np.max(np.abs(out)) or 1.0)
    else:
        raise KeyError(name)
    out[0] = 0.0
    out[-1] = 0.0
    return out


def _to_format(mono: np.ndarray, fmt: int, channels: int) -> np.ndarray:
    """Convert mono float samples to the mixer's sample format and channel layout."""
    bits = abs(fmt)
    signed = fmt < 0
    if bits == 32:
        # pygame-ce's only 32-bit mixer format is float32 (init size=32), which
        # get_init() reports as -32; signed 32-bit integer output is unsupported.
        data = mono.astype(np.float32)
    elif bits == 8:
        data = (
            np.round(mono * 127).astype(np.int8)
            if signed
            else np.round(mono * 127 + 128).astype(np.uint8)
        )
    elif signed:
        data = np.round(mono * 32767).astype(np.int16)
    else:
        data = np.round(mono * 32767 + 32768).astype(np.uint16)
    if channels > 1:
        data = np.ascontiguousarray(np.repeat(data[:, None], channels, axis=1))
    return data


class Sounds:
    """Sound cues: ``play('turn' | 'decision' | 'crisis')``; silent if no audio."""

    def __init__(self, enabled: bool = True, volume: float = 0.6) -> None:
        self.enabled = bool(enabled)
        self.volume = self._clamp(volume)
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self.available = False
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init()
            init = pygame.mixer.get_init()
            if not init:
                return
            rate, fmt, channels = init
            for name in CUES:
                arr = _to_format(synthesise(name, rate), fmt, channels)
                snd = pygame.sndarray.make_sound(arr)
                snd.set_volume(self.volume)
                self._sounds[name] = snd
            self.available = True
        except Exception as exc:  # noqa: BLE001 - audio is optional, never fatal
            log.info("sound disabled: %s", exc)
            self._sounds = {}
            self.available = False

    @staticmethod
    def _clamp(v: float) -> float:
        try:
            v = float(v)
        except (TypeError, ValueError):
            return 0.6
        return 0.0 if not math.isfinite(v) else max(0.0, min(1.0, v))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._sounds)

    def play(self, name: str) -> None:
        if not self.enabled or self.volume <= 0:
            return
        snd = self._sounds.get(name)
        if snd is None:
            return
        try:
            snd.play()
        except Exception:  # noqa: BLE001
            pass

    def set_volume(self, v: float) -> None:
        self.volume = self._clamp(v)
        for snd in self._sounds.values():
            try:
                snd.set_volume(self.volume)
            except Exception:  # noqa: BLE001
                pass

    def set_enabled(self, b: bool) -> None:
        self.enabled = bool(b)
        if not self.enabled:
            for snd in self._sounds.values():
                try:
                    snd.stop()
                except Exception:  # noqa: BLE001
                    pass
