"""A time-boxed mutation fuzzer for the loader, the expression compiler and the save reader.

Usage: python tools/fuzz.py [--seconds 60] [--seed N] [--out fuzz-findings]

Each round takes a valid input (bundled scenarios, the test corpus, saves it makes),
mutates it (bit flips, splices, truncation, YAML and expression tokens) and checks
that the code under test either succeeds or fails with its own error type. Any other
exception is a finding: the input is written to the output folder with its traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.engine.expr import ExprError, Scope, compile_expr  # noqa: E402
from game.saves import SaveError, read_save, restore  # noqa: E402
from game.scenario.loader import ScenarioError, load_bytes  # noqa: E402

YAML_TOKENS = [
    b"&a ",
    b"*a",
    b"!!python/object ",
    b"<<: ",
    b"- ",
    b": ",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\t",
    b"'",
    b'"',
    b"|\n",
    b">-\n",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\x00",
    b"---\n",
    b"~",
    b"yes",
    b"1e999",
    b".nan",
    b"#",
    b"%YAML 1.1\n",
    b"? ",
]
EXPR_TOKENS = [
    "trade_bn",
    "trust",
    "turn",
    "(",
    ")",
    "+",
    "-",
    "*",
    "/",
    "**",
    "%",
    " and ",
    " or ",
    "not ",
    "<",
    ">=",
    "==",
    " if ",
    " else ",
    "min(",
    "max(",
    "clamp(",
    "uniform(",
    "normal(",
    "chance(",
    "fired('talks')",
    "chose('talks.open')",
    ",",
    "1",
    "0.5",
    "1e308",
    "__import__",
    ".",
    "[",
    "]",
    "lambda",
    "'",
    "\\n",
    "9" * 40,
]


# Values a hostile save might carry: huge and deep JSON, empty lists, other files, escapes.
SAVE_TOKENS = [
    b"9" * 5000,
    b"-" + b"9" * 30,
    b"[" * 50_000,
    b'{"a":' * 3000,
    b"[]",
    b"{}",
    b"null",
    b"true",
    b'"/etc/passwd"',
    b'"../../x.yaml"',
    b'"skynet"',
    b'"\\u001b]0;x\\u0007"',
    b'"\\ud800"',
    b"1e999",
    b"NaN",
    b",",
    b'"',
]


def mutate(data: bytes, rng: random.Random, tokens: list[bytes] | None = None) -> bytes:
    """One to four random edits of a byte string."""
    tokens = tokens or YAML_TOKENS
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not buf:
            buf += rng.choice(tokens)
            continue
        i = rng.randrange(len(buf))
        op = rng.randrange(6)
        if op == 0:
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            buf[i:i] = rng.choice(tokens)
        elif op == 2:
            del buf[i : i + rng.randint(1, 40)]
        elif op == 3:
            j = rng.randrange(len(buf))
            buf[i:i] = buf[j : j + rng.randint(1, 200)]
        elif op == 4:
            del buf[i:]
        else:
            buf[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    return bytes(buf)


def seeds() -> list[bytes]:
    """Valid and interesting starting inputs."""
    files = sorted((ROOT / "scenarios").glob("*.yaml")) + sorted(
        (ROOT / "tests" / "scenarios").rglob("*.yaml")
    )
    return [f.read_bytes() for f in files if f.stat().st_size < 300_000]


def fuzz(seconds: float, seed: int, out: Path) -> dict[str, int]:
    rng = random.Random(seed)
    corpus = seeds()
    scope = Scope(
        indicators={"trade_bn": 0, "trust": 1}, events={"talks": 0}, options={"talks.open": 0}
    )
    save = {
        "format": 1,
        "scenario": "tariff_friction",
        "scenario_id": "tariff_friction",
        "scenario_hash": "",
        "seed": 1,
        "turn": 2,
        "humans": ["india"],
        "bot": "balanced",
        "settings": {"class_code": "X"},
        "players": {"india": "A"},
        "log": [{"turn": 1, "role": "india", "event": "in_opening_response", "option": "x"}],
        "injected": [[1, "x"]],
    }
    save_bytes = json.dumps(save).encode()
    save_file = Path(tempfile.gettempdir()) / f"fuzz-save-{os.getpid()}.json"
    counts = {"scenarios": 0, "expressions": 0, "saves": 0, "findings": 0}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        target = rng.randrange(3)
        if target == 0:
            data = mutate(rng.choice(corpus), rng)
            counts["scenarios"] += 1
            try:
                load_bytes(data, "fuzz.yaml", lint=True)
            except Exception:  # noqa: BLE001 - anything escaping the loader is a finding
                counts["findings"] += _record(out, "scenario", data, counts)
        elif target == 1:
            text = "".join(rng.choice(EXPR_TOKENS) for _ in range(rng.randint(1, 30)))
            counts["expressions"] += 1
            try:
                compile_expr(text, scope)
            except ExprError:
                pass
            except Exception:  # noqa: BLE001
                counts["findings"] += _record(out, "expression", text.encode(), counts)
        else:
            data = mutate(save_bytes, rng, SAVE_TOKENS if rng.random() < 0.5 else YAML_TOKENS)
            counts["saves"] += 1
            save_file.write_bytes(data)
            try:
                # What replay, --resume, report and the window do: read, then rebuild the game.
                restore(read_save(save_file))
            except (SaveError, ScenarioError, FileNotFoundError):
                pass  # the errors every caller reports as a message
            except Exception:  # noqa: BLE001
                counts["findings"] += _record(out, "save", data, counts)
    save_file.unlink(missing_ok=True)
    return counts


def _record(out: Path, kind: str, data: bytes, counts: dict[str, int]) -> int:
    out.mkdir(parents=True, exist_ok=True)
    n = counts["findings"] + 1
    (out / f"{kind}-{n}.bin").write_bytes(data)
    (out / f"{kind}-{n}.txt").write_text(traceback.format_exc())
    print(f"finding {n}: {kind}: {traceback.format_exc().strip().splitlines()[-1]}", flush=True)
    return 1


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=60.0)
    p.add_argument("--seed", type=int, default=int(time.time()))
    p.add_argument("--out", type=Path, default=ROOT / "fuzz-findings")
    args = p.parse_args()
    print(f"fuzzing for {args.seconds:.0f} s (seed {args.seed})...", flush=True)
    counts = fuzz(args.seconds, args.seed, args.out)
    print(
        f"inputs tried: {counts['scenarios']:,} scenarios, {counts['expressions']:,} "
        f"expressions, {counts['saves']:,} saves; findings: {counts['findings']}"
    )
    return 1 if counts["findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
