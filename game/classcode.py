"""Class codes: a short code a teacher hands out so every student plays the same dice.

A code packs the scenario (its initials), the seed, the difficulty, a few classroom
settings and the game's length (full or lesson) into something easy to read aloud and
type: `TF-4K7P-X2QM-9`. The length takes the one bit older codes left at zero, so every
code made before lesson lengths existed still reads, as a full-length game.
Crockford base32 (no I, L, O, U), case-insensitive, with a check character that
catches a mistyped or swapped character.
"""

from __future__ import annotations

from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {c: i for i, c in enumerate(ALPHABET)}
_DECODE.update({"I": 1, "L": 1, "O": 0})
DIFFICULTIES = ("easy", "normal", "hard")
# The other role's bot at each difficulty. The balanced bot cooperates readily, so it
# is the easy opponent; the rollout experts read the game ahead.
DIFFICULTY_BOTS = {"easy": "balanced", "normal": "expert", "hard": "master"}
FLAGS = ("no_forecasts", "no_advisors", "hot_seat", "notes_required")
LENGTHS = ("full", "lesson")  # the lengths a code can carry (one bit)
_SEED_BITS = 32
_LENGTH_BIT = _SEED_BITS + 2 + len(FLAGS)


@dataclass(frozen=True)
class ClassCode:
    """What a class code says."""

    prefix: str
    seed: int
    difficulty: str = "normal"
    flags: frozenset[str] = frozenset()
    length: str = "full"

    def code(self) -> str:
        """The printable code."""
        value = self.seed & ((1 << _SEED_BITS) - 1)
        value |= DIFFICULTIES.index(self.difficulty) << _SEED_BITS
        for k, flag in enumerate(FLAGS):
            if flag in self.flags:
                value |= 1 << (_SEED_BITS + 2 + k)
        value |= LENGTHS.index(self.length) << _LENGTH_BIT
        body = _encode(value, 8)
        check = ALPHABET[_checksum(self.prefix + body)]
        return f"{self.prefix}-{body[:4]}-{body[4:]}-{check}"

    @property
    def bot(self) -> str:
        """The bot persona playing the other role at this difficulty."""
        return DIFFICULTY_BOTS[self.difficulty]


def prefix_of(scenario_id: str) -> str:
    """Initials of a scenario id: `tariff_friction` -> `TF`, `lac_tensions` -> `LT`."""
    words = [w for w in scenario_id.split("_") if w]
    letters = "".join(w[0] for w in words[:3]).upper() or "SC"
    return letters if len(letters) > 1 else (scenario_id[:2].upper() or "SC")


def make_code(
    scenario_id: str,
    seed: int,
    difficulty: str = "normal",
    flags: frozenset[str] | set[str] = frozenset(),
    length: str = "full",
) -> str:
    """The class code of a scenario, seed, difficulty, flags and length (ValueError if out
    of range)."""
    if length not in LENGTHS:
        raise ValueError(f"a class code carries the length full or lesson, not {length!r}")
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"difficulty must be one of {', '.join(DIFFICULTIES)}")
    if not 0 <= seed < 1 << _SEED_BITS:
        raise ValueError(f"a class code holds seeds from 0 to {(1 << _SEED_BITS) - 1}")
    unknown = set(flags) - set(FLAGS)
    if unknown:
        raise ValueError(f"unknown flag(s): {', '.join(sorted(unknown))}")
    return ClassCode(prefix_of(scenario_id), seed, difficulty, frozenset(flags), length).code()


def parse_code(text: str) -> ClassCode:
    """Read a class code typed by a student (ValueError with a helpful message)."""
    cleaned = text.strip().upper().replace(" ", "")
    parts = cleaned.split("-")
    if (
        len(parts) != 4
        or not parts[0].isalpha()
        or len(parts[1] + parts[2]) != 8
        or len(parts[3]) != 1
    ):
        raise ValueError(f"{text!r} is not a class code: it looks like TF-4K7P-X2QM-9")
    prefix, body, check = parts[0], parts[1] + parts[2], parts[3]
    try:
        value = _decode(body)
        check_value = _DECODE[check]
    except KeyError as err:
        raise ValueError(f"{text!r} has a character that is not in class codes: {err}") from None
    if check_value != _checksum(prefix + _encode(value, 8)):
        raise ValueError(f"{text!r} has a typing mistake (its check character does not match)")
    seed = value & ((1 << _SEED_BITS) - 1)
    level = (value >> _SEED_BITS) & 3
    if level >= len(DIFFICULTIES):
        raise ValueError(f"{text!r} names an unknown difficulty")
    flags = frozenset(f for k, f in enumerate(FLAGS) if value >> (_SEED_BITS + 2 + k) & 1)
    length = LENGTHS[value >> _LENGTH_BIT & 1]
    return ClassCode(prefix, seed, DIFFICULTIES[level], flags, length)


def canonical(text: str) -> str:
    """The one spelling of a class code however it was typed (`tf-4k7p x2qm-9`, letters O/I/L
    for 0/1/1): the code itself if it reads, else the text trimmed and upper-cased."""
    try:
        return parse_code(text).code()
    except ValueError:
        return text.strip().upper()


def _encode(value: int, width: int) -> str:
    out = []
    for _ in range(width):
        out.append(ALPHABET[value & 31])
        value >>= 5
    if value:
        raise ValueError("value too large for a class code")
    return "".join(reversed(out))


def _decode(text: str) -> int:
    value = 0
    for c in text:
        value = value * 32 + _DECODE[c]
    return value


def _checksum(text: str) -> int:
    # position-weighted, so swapping two characters changes the check character
    total = 0
    for k, c in enumerate(text):
        total += (k + 1) * (_DECODE.get(c, ord(c) % 32) + 1)
    return total % 31
