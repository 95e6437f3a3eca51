"""The helper process's wire format: JSON with tags for tuples, numpy arrays and a few dataclasses.

Only the dataclasses listed in `_CLASSES` can be rebuilt, so a message can never
create anything but plain data (no pickle, whatever is on the pipe).
"""

from __future__ import annotations

import base64
import dataclasses
import json
from typing import Any

import numpy as np

_RAW = "biuf"  # array kinds sent as raw bytes: bool, int, unsigned, float


def _classes() -> dict[str, type]:
    from game.engine.forecast import Advice, Forecast, OptionForecast
    from game.engine.game import Choice
    from game.ui.catalogue import ScenarioEntry

    return {c.__name__: c for c in (Advice, Forecast, OptionForecast, Choice, ScenarioEntry)}


def _encode(x: Any) -> Any:
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        fields = {f.name: _encode(getattr(x, f.name)) for f in dataclasses.fields(x)}
        return {"$dc": type(x).__name__, "f": fields}
    if isinstance(x, tuple):
        return {"$t": [_encode(v) for v in x]}
    if isinstance(x, list):
        return [_encode(v) for v in x]
    if isinstance(x, dict):
        return {"$d": [[_encode(k), _encode(v)] for k, v in x.items()]}
    if isinstance(x, np.ndarray):
        if x.dtype.kind in _RAW:  # numbers as their bytes: exact, and fast to read back
            raw = base64.b64encode(np.ascontiguousarray(x).tobytes()).decode("ascii")
            return {"$b": raw, "dt": x.dtype.str, "sh": list(x.shape)}
        return {"$a": x.tolist(), "dt": str(x.dtype)}
    if isinstance(x, np.generic):
        return x.item()
    return x


def _decode(x: Any, classes: dict[str, type]) -> Any:
    if isinstance(x, list):
        return [_decode(v, classes) for v in x]
    if not isinstance(x, dict):
        return x
    if "$t" in x:
        return tuple(_decode(v, classes) for v in x["$t"])
    if "$d" in x:
        return {_decode(k, classes): _decode(v, classes) for k, v in x["$d"]}
    if "$b" in x:
        dt = np.dtype(str(x["dt"]))
        if dt.kind not in _RAW:
            raise ValueError("unknown array type")
        shape = tuple(int(n) for n in x["sh"])
        arr = np.frombuffer(base64.b64decode(str(x["$b"]), validate=True), dtype=dt)
        return arr.reshape(shape).copy()  # ValueError if the size does not match
    if "$a" in x:
        return np.asarray(x["$a"], dtype=np.dtype(str(x["dt"])))
    if "$dc" in x:
        cls = classes[str(x["$dc"])]  # KeyError for anything not on the list
        return cls(**{k: _decode(v, classes) for k, v in x["f"].items()})
    raise ValueError("unknown message shape")


def dumps(obj: Any) -> bytes:
    """A message as bytes."""
    return json.dumps(_encode(obj), separators=(",", ":")).encode("utf-8")


def loads(data: bytes) -> Any:
    """A message back from bytes (ValueError/KeyError on anything unexpected)."""
    return _decode(json.loads(data.decode("utf-8")), _classes())
