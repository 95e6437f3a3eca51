"""Load untrusted YAML into plain Python data, remembering the file position of every value."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn, TypeAlias

import yaml
from yaml.events import (
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.termtext import describe, risky_char

__all__ = ["Located", "Mark", "Path", "Problem", "YamlError", "load_yaml"]

# The C parser is much faster; both only ever build nodes here, never Python objects.
_LOADER: Any = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

Path: TypeAlias = tuple[str | int, ...]

# max_depth is capped because our walker (and PyYAML's composer) recurse once per level.
_DEPTH_CAP = 100
# The C composer recurses on the C stack without any guard and segfaults somewhere past a few
# tens of thousands of levels (less in threads with small stacks), so a document nested deeper
# than this is never handed to it: the event pre-scan reports it instead.
_COMPOSE_DEPTH = 256
# PyYAML turns long sexagesimal ints like 1:2:3:...:59 into big ints in quadratic time,
# and no scenario needs a number this long anyway.
_MAX_NUMBER_CHARS = 100

_Y = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = _Y + "str", _Y + "int", _Y + "float", _Y + "bool", _Y + "null"
_TIMESTAMP, _MAP, _SEQ = _Y + "timestamp", _Y + "map", _Y + "seq"
_MERGE, _VALUE = _Y + "merge", _Y + "value"

# Plain scalars have style None (pure-Python loader) or '' (C loader); quoted ones have a quote.
_PLAIN_STYLES = (None, "")
# Columns between a scalar's mark and its first character, for single-line scalars only.
_CONTENT_SHIFT: dict[str | None, int] = {None: 0, "": 0, "'": 1, '"': 1}

# YAML 1.1 line breaks, as PyYAML and libyaml count them for marks.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# Characters YAML forbids in a stream (the same set PyYAML's reader and libyaml reject).
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# libyaml says "found a tab character ..."; the pure-Python scanner names the character.
_TAB_WORD = re.compile(r"\btab\b")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


@dataclass(frozen=True)
class Mark:
    """A 1-based position in a file."""

    line: int
    col: int


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, and where."""

    mark: Mark
    message: str


class YamlError(Exception):
    """The file could not be loaded; `problems` lists every reason found, in file order."""

    def __init__(self, problems: Sequence[Problem], name: str = "<string>") -> None:
        self.problems: list[Problem] = sorted(problems, key=lambda p: (p.mark.line, p.mark.col))
        self.name = name
        super().__init__(
            "\n".join(f"{name}:{p.mark.line}:{p.mark.col}: {p.message}" for p in self.problems)
        )


@dataclass(frozen=True)
class Located:
    """Loaded data plus the position of every value and key, looked up by path."""

    data: Any
    # path -> 1-based (line, col) of the value / of the key holding it.
    _values: dict[Path, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)
    _keys: dict[Path, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)
    # path -> columns from the mark to the first character, for single-line plain/quoted scalars.
    _shifts: dict[Path, int] = field(default_factory=dict, repr=False, compare=False)
    # path -> text as written, for numbers YAML 1.1 read in base 60 (`1:30` is 90).
    _sexagesimal: dict[Path, str] = field(default_factory=dict, repr=False, compare=False)

    def sexagesimal(self, path: Path) -> str | None:
        """The text of the number at path if YAML read it in base 60 (`1:30` -> 90), else None."""
        return self._sexagesimal.get(tuple(path))

    def mark(self, path: Path) -> Mark:
        """Position of the value at path, else of its nearest known ancestor; 1:1 for the root."""
        path = tuple(path)
        for end in range(len(path), 0, -1):
            pos = self._values.get(path[:end])
            if pos is not None:
                return Mark(*pos)
        return Mark(1, 1)

    def key_mark(self, path: Path) -> Mark:
        """Position of the key whose value is at path (falls back to mark(path))."""
        pos = self._keys.get(tuple(path))
        return Mark(*pos) if pos is not None else self.mark(path)

    def scalar_mark(self, path: Path, offset: int) -> Mark:
        """Position of character `offset` inside the single-line scalar at path, else mark(path)."""
        path = tuple(path)
        shift = self._shifts.get(path)
        if shift is None or offset < 0:
            return self.mark(path)
        line, col = self._values[path]
        # Escapes in double-quoted scalars are ignored: the offset counts loaded characters.
        return Mark(line, col + shift + offset)

    def has(self, path: Path) -> bool:
        """Whether the loaded data has a value at path."""
        return tuple(path) in self._values


class _TooManyNodes(Exception):
    """Raised inside the walker to unwind at once when the node budget runs out."""

    def __init__(self, node: Node) -> None:
        super().__init__()
        self.node = node


# Returned by the scalar resolver after it has reported a problem, so callers don't report twice.
_BAD: Any = object()


def _pos(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _to_mark(mark: yaml.Mark | None) -> Mark:
    return Mark(*_pos(mark)) if mark is not None else Mark(1, 1)


def _index_mark(source: str, index: int) -> Mark:
    """Mark of the character at `index`, counting line breaks the way YAML does."""
    line, start = 1, 0
    for match in _BREAK.finditer(source, 0, index):
        line, start = line + 1, match.end()
    return Mark(line, index - start + 1)


def _show(text: str, limit: int = 40) -> str:
    """Short, terminal-safe rendering of text from the file (it may hold control characters)."""
    if len(text) > limit:
        text = text[:limit] + "..."
    return repr(text)[1:-1]


def _show_tag(tag: str) -> str:
    return _show("!!" + tag[len(_Y) :] if tag.startswith(_Y) else tag, 60)


def _fail(problem: Problem, name: str) -> NoReturn:
    raise YamlError([problem], name)


def _decode(text: str | bytes, name: str, max_bytes: int) -> str:
    """Turn the input into checked text: size limit, UTF-8 only, BOM dropped, no control chars."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
        if len(raw) > max_bytes:
            _fail(
                Problem(Mark(1, 1), f"file is too large: {len(raw)} bytes (limit {max_bytes})"),
                name,
            )
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            # Everything before the bad byte decodes, so it tells us the line and column.
            before = raw[: error.start].decode("utf-8")
            message = f"not valid UTF-8 text (byte 0x{raw[error.start]:02x})"
            if raw.startswith(_UTF16_32_BOMS):
                message += ": the file looks like UTF-16 or UTF-32; save it as UTF-8"
            _fail(Problem(_index_mark(before, len(before)), message), name)
    else:
        source = text
        # The limit is on the file's UTF-8 size, whichever way the text arrived.
        size = len(source.encode("utf-8", "surrogatepass"))
        if size > max_bytes:
            _fail(Problem(Mark(1, 1), f"file is too large: {size} bytes (limit {max_bytes})"), name)
    if source.startswith("\ufeff"):
        source = source[1:]
    # Checked here rather than left to the parser: its ReaderError has no line/col, and the C
    # loader cannot even encode a lone surrogate.
    bad = _NOT_PRINTABLE.search(source)
    if bad is not None:
        char = bad.group()
        message = f"character U+{ord(char):04X} is not allowed in YAML text"
        _fail(Problem(_index_mark(source, bad.start()), message), name)
    return source


_DOC_MARKER = re.compile(r"^(---|\.\.\.)(\s|$)", re.MULTILINE)


@functools.cache
def _guarded(loader_cls: Any) -> bool:
    """True if this loader refuses deep nesting by itself (libyaml 0.2.5+ stops at 1000 levels)."""
    if loader_cls is yaml.SafeLoader:
        return False
    probe = loader_cls("[" * 1100 + "]" * 1100)
    try:
        probe.get_single_node()
    except yaml.YAMLError as error:
        return "nesting depth" in str(error)
    finally:
        probe.dispose()
    return False


def _new_loader(source: str, name: str, loader_cls: Any = None) -> Any:
    loader = (loader_cls or _LOADER)(source)
    loader.name = name
    return loader


def _char_at(source: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    lines = _BREAK.split(source)
    if mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


def _syntax_problem(error: yaml.YAMLError, source: str, limit: int) -> Problem:
    """A short Problem for an error PyYAML raised while parsing or composing."""
    if not isinstance(error, yaml.MarkedYAMLError):
        # ReaderError and friends: not expected after _decode, but never let them escape.
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        return Problem(Mark(1, 1), f"not valid YAML: {first_line}")
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or error.context or "not valid YAML").strip()
    context = (error.context or "").strip()
    where = _to_mark(mark)
    if _TAB_WORD.search(problem) or (
        "cannot start any token" in problem and _char_at(source, error.problem_mark) == "\t"
    ):
        return Problem(where, "tab character: indent with spaces")
    char = _char_at(source, error.problem_mark) if "cannot start any token" in problem else ""
    if char and char in "%@`":
        return Problem(where, f"text cannot start with {char!r} unless it is in quotes")
    if "nesting depth" in problem:
        # Newer libyaml refuses more than 1000 levels while scanning ahead, before the pre-scan
        # sees the level that broke our own limit, so this position is later than ideal.
        return Problem(where, f"nesting is too deep (limit {limit})")
    if context.startswith("found duplicate anchor") and error.context_mark is not None:
        return Problem(where, f"duplicate anchor (first at line {error.context_mark.line + 1})")
    if context and error.problem and error.context_mark is not None:
        problem += f" ({context} at line {error.context_mark.line + 1})"
    return Problem(where, problem)


def _parser_crash(loader: Any, error: Exception) -> Problem:
    """A Problem for a non-YAML exception escaping PyYAML's own parser.

    The pure-Python scanner does, e.g. chr() failing on an out-of-range "\\U" escape. Only
    PyYAML code runs where this is caught, and hostile input must still give a YamlError.
    """
    get_mark = getattr(loader, "get_mark", None)  # the pure-Python reader knows where it is
    mark = _to_mark(get_mark()) if callable(get_mark) else Mark(1, 1)
    return Problem(mark, f"not valid YAML ({type(error).__name__}: {_show(str(error), 80)})")


@dataclass
class _Scan:
    documents: int
    problems: list[Problem]


def _prescan(source: str, name: str, limit: int, loader_cls: Any = None) -> _Scan:
    """Read the parser events once, building nothing, to check documents and nesting depth."""
    loader = _new_loader(source, name, loader_cls)
    depth, documents = 0, 0
    first_too_deep: yaml.Mark | None = None
    problems: list[Problem] = []
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > limit and first_too_deep is None:
                    first_too_deep = event.start_mark
                if depth > _COMPOSE_DEPTH:
                    _fail(
                        Problem(_to_mark(first_too_deep), f"nesting is too deep (limit {limit})"),
                        name,
                    )
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            elif isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    # Only the first document is composed, so stop parsing here.
                    problems.append(
                        Problem(_to_mark(event.start_mark), "only one YAML document is allowed")
                    )
                    break
            elif isinstance(event, StreamEndEvent):
                break
    except YamlError:
        raise
    except yaml.YAMLError as error:
        _nesting_position(error, source, name, limit, loader_cls)
        _fail(_syntax_problem(error, source, limit), name)
    except RecursionError:
        _fail(Problem(_to_mark(first_too_deep), f"nesting is too deep (limit {limit})"), name)
    except Exception as error:  # see _parser_crash
        _fail(_parser_crash(loader, error), name)
    finally:
        loader.dispose()
    if documents == 0:
        _fail(Problem(Mark(1, 1), "the file is empty"), name)
    return _Scan(documents, problems)


def _nesting_position(
    error: yaml.YAMLError, source: str, name: str, limit: int, loader_cls: Any
) -> None:
    """For libyaml's own nesting error, raise a YamlError at the first level past `limit`.

    libyaml refuses more than 1000 levels while scanning ahead, so its position is far past
    the level that broke our limit; the pure-Python parser (no such limit, and the pre-scan
    stops after a few hundred levels) finds the right one.
    """
    if "nesting depth" in str(error) and loader_cls is not yaml.SafeLoader:
        _prescan(source, name, limit, yaml.SafeLoader)


class _Walker:
    """Builds plain data from a node tree, recording positions and collecting problems."""

    def __init__(self, loader: Any, max_depth: int, max_nodes: int) -> None:
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.problems: list[Problem] = []
        self.values: dict[Path, tuple[int, int]] = {}
        self.keys: dict[Path, tuple[int, int]] = {}
        self.shifts: dict[Path, int] = {}
        self.sexagesimal: dict[Path, str] = {}
        self.visited = 0
        self.depth_reported = False
        # Collections on the way down from the root: meeting one again means a recursive alias.
        self.open: set[int] = set()
        # SafeConstructor's scalar helpers; only ever called on scalar nodes with these tags.
        self.constructors: dict[str, Callable[[ScalarNode], Any]] = {
            _BOOL: loader.construct_yaml_bool,
            _INT: loader.construct_yaml_int,
            _FLOAT: loader.construct_yaml_float,
        }

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(Problem(_to_mark(node.start_mark), message))

    def count(self, node: Node) -> None:
        # Counted per visit, so a node reached through N aliases counts N times.
        self.visited += 1
        if self.visited > self.max_nodes:
            raise _TooManyNodes(node)

    def walk(self, node: Node, path: Path | None, depth: int) -> Any:
        """Plain data for node; path None means "check it but don't record positions"."""
        self.count(node)
        if path is not None:
            self.values[path] = _pos(node.start_mark)
        if isinstance(node, ScalarNode):
            if path is not None and node.start_mark.line == node.end_mark.line:
                shift = _CONTENT_SHIFT.get(node.style)
                if shift is not None:
                    self.shifts[path] = shift
            value = self.scalar(node)
            if path is not None and ":" in node.value and isinstance(value, int | float):
                if not isinstance(value, bool):
                    self.sexagesimal[path] = node.value
            return None if value is _BAD else value
        if depth >= self.max_depth:
            if not self.depth_reported:
                self.depth_reported = True
                self.problem(node, f"nesting is too deep (limit {self.max_depth})")
            return None
        if id(node) in self.open:
            self.problem(node, "an alias refers to a value that contains it (recursive alias)")
            return None
        self.open.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self.mapping(node, path, depth + 1)
            if isinstance(node, SequenceNode):
                return self.sequence(node, path, depth + 1)
            return None
        finally:
            self.open.discard(id(node))

    def sequence(self, node: SequenceNode, path: Path | None, depth: int) -> list[Any]:
        if node.tag != _SEQ:
            self.collection_tag_problem(node, "a list")
        return [
            self.walk(item, None if path is None else (*path, index), depth)
            for index, item in enumerate(node.value)
        ]

    def mapping(self, node: MappingNode, path: Path | None, depth: int) -> dict[str, Any]:
        if node.tag != _MAP:
            self.collection_tag_problem(node, "a mapping")
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node)
            if key is not None and key in first_line:
                self.problem(
                    key_node, f"duplicate key '{_show(key)}' (first at line {first_line[key]})"
                )
                key = None  # keep the first value, but still check this one
            if key is None:
                self.walk(value_node, None, depth)
                continue
            first_line[key] = key_node.start_mark.line + 1
            child = None if path is None else (*path, key)
            if child is not None:
                self.keys[child] = _pos(key_node.start_mark)
            result[key] = self.walk(value_node, child, depth)
        return result

    def collection_tag_problem(self, node: Node, kind: str) -> None:
        if node.tag in (_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _MAP, _SEQ):
            self.problem(node, f"tag '{_show_tag(node.tag)}' cannot be used on {kind}")
        else:
            self.problem(node, f"unsupported tag '{_show_tag(node.tag)}'")

    def key(self, node: Node) -> str | None:
        """The key's string, or None after reporting why it can't be one."""
        self.count(node)
        if not isinstance(node, ScalarNode):
            kind = "mapping" if isinstance(node, MappingNode) else "list"
            self.problem(node, f"a key must be a plain string, not a {kind}")
            return None
        if node.tag == _MERGE and node.style in _PLAIN_STYLES and node.value == "<<":
            self.problem(node, "merge keys (<<) are not supported")
            return None
        value = self.scalar(node)
        if value is _BAD:
            return None
        if isinstance(value, str):
            return value
        if value is None and node.value == "":
            self.problem(node, "a key is missing (empty key)")
            return None
        if isinstance(value, bool):
            what = "a boolean"
        elif value is None:
            what = "null"
        else:
            what = "a number"
        self.problem(node, f"key `{_show(node.value)}` is read as {what}: put it in quotes")
        return None

    def scalar(self, node: ScalarNode) -> Any:
        """Resolve a scalar with YAML 1.1 safe rules; _BAD after reporting a problem."""
        tag, text = node.tag, node.value
        if node.style == '"' and _SURROGATE.search(text):
            # The pure-Python scanner turns "\\ud800" into a lone surrogate, which later breaks
            # printing and encoding; libyaml refuses it outright.
            self.problem(node, "escaped character is not valid Unicode (a lone surrogate)")
            return _BAD
        if tag in (_STR, _TIMESTAMP):
            # Timestamps stay as written; the schema layer decides what a date means.
            risky = risky_char(text)
            if risky is not None:
                # Checked on the loaded text, so escapes like "\e[2J" or "\u202e" count too.
                self.problem(node, f"text contains {describe(risky[1])}, which is not allowed")
                return _BAD
            return text
        if tag == _NULL:
            return None
        if tag in (_VALUE, _MERGE) and node.style in _PLAIN_STYLES and text in ("=", "<<"):
            # PyYAML resolves a lone plain '=' or '<<' to these tags, which SafeConstructor
            # can't build; as values they are just text (a '<<' key is caught in key()).
            return text
        constructor = self.constructors.get(tag)
        if constructor is None:
            if tag in (_MAP, _SEQ):
                self.problem(node, f"tag '{_show_tag(tag)}' cannot be used on a single value")
            else:
                self.problem(node, f"unsupported tag '{_show_tag(tag)}'")
            return _BAD
        if tag != _BOOL and len(text) > _MAX_NUMBER_CHARS:
            self.problem(node, f"number is too long ({len(text)} characters)")
            return _BAD
        try:
            value = constructor(node)
        except (ValueError, LookupError, ArithmeticError, TypeError, yaml.YAMLError):
            # Explicit tags like `!!int abc` or `!!int ""`, or odd implicit ones like `0b_`.
            what = {_BOOL: "a boolean", _INT: "an integer", _FLOAT: "a number"}[tag]
            self.problem(node, f"cannot read `{_show(text)}` as {what}")
            return _BAD
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(node, "not-a-number and infinity are not allowed")
            return _BAD
        return value


def _bomb_problem(node: Node, max_nodes: int) -> Problem:
    message = f"too many values after expanding aliases (limit {max_nodes}): is this an alias bomb?"
    return Problem(_to_mark(node.start_mark), message)


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _expanded_sizes(root: Node, cap: int, char_cap: int) -> tuple[dict[int, int], dict[int, int]]:
    """Node id -> size of its subtree with aliases expanded: in values, and in characters of
    its scalars (each saturating at its cap + 1).

    Aliases make the node graph a DAG, so memoizing per node finds an alias bomb after looking
    at each distinct node once, instead of walking a billion expanded ones. Iterative, because
    alias chains can make the expanded tree far deeper than the file's own nesting.
    """
    sizes: dict[int, int] = {}
    chars: dict[int, int] = {}
    # (node, None) = still to open; (node, children) = children done, add them up.
    stack: list[tuple[Node, list[Node] | None]] = [(root, None)]
    if isinstance(root, ScalarNode):
        return {id(root): 1}, {id(root): min(len(root.value), char_cap + 1)}
    while stack:
        node, children = stack.pop()
        if children is not None:
            total, text = 1, 0
            for child in children:
                total += sizes[id(child)]
                text += chars[id(child)]
            sizes[id(node)] = min(total, cap + 1)
            chars[id(node)] = min(text, char_cap + 1)
        elif id(node) not in sizes:
            # Placeholder while in progress: a recursive alias counts as 1 here and is
            # reported by the walker.
            sizes[id(node)] = 1
            chars[id(node)] = 0
            children = _children(node)
            if children:
                stack.append((node, children))
                for child in children:
                    if isinstance(child, ScalarNode):
                        sizes[id(child)] = 1
                        chars[id(child)] = len(child.value)
                    elif id(child) not in sizes:
                        stack.append((child, None))
    return sizes, chars


def _bomb_site(root: Node, sizes: dict[int, int], max_nodes: int) -> Node:
    """The innermost node, following first-too-big children from the root, that is too big."""
    node, seen = root, {id(root)}
    while True:
        values = [v for _, v in node.value] if isinstance(node, MappingNode) else _children(node)
        big = [child for child in values if sizes[id(child)] > max_nodes and id(child) not in seen]
        if not big:
            return node
        node = big[0]
        seen.add(id(node))


def load_yaml(
    text: str | bytes,
    name: str = "<string>",
    *,
    max_bytes: int = 1_048_576,
    max_depth: int = 24,
    max_nodes: int = 200_000,
    max_chars: int | None = None,
) -> Located:
    """Safely load one YAML document into plain data with positions; raise YamlError if bad.

    `max_chars` bounds the characters of all text and numbers after expanding aliases
    (default: twice max_bytes), so one long string referenced many times is refused too.
    """
    source = _decode(text, name, max_bytes)
    limit = max(1, min(max_depth, _DEPTH_CAP))
    if _guarded(_LOADER) and not _DOC_MARKER.search(source):
        # libyaml refuses deep nesting itself and there is one document: skip the pre-scan
        # (it costs a sixth of the load of a large scenario)
        scan = _Scan(documents=1, problems=[])
    else:
        scan = _prescan(source, name, limit)
    problems = list(scan.problems)
    loader = _new_loader(source, name)
    try:
        try:
            if scan.documents == 1:
                node = loader.get_single_node()
            else:
                # A second document was already reported: still check the first one.
                loader.check_node()
                node = loader.get_node()
        except yaml.YAMLError as error:
            # Composer errors (undefined alias, duplicate anchor): nothing to walk.
            _nesting_position(error, source, name, limit, None)
            _fail(_syntax_problem(error, source, limit), name)
        except RecursionError:
            # Only the pure-Python composer gets here; the pre-scan kept the depth bounded.
            _fail(Problem(Mark(1, 1), f"nesting is too deep (limit {limit})"), name)
        except Exception as error:  # see _parser_crash
            _fail(_parser_crash(loader, error), name)
        if node is None:  # only comments or nothing: the pre-scan, when it runs, says so first
            _fail(Problem(Mark(1, 1), "the file is empty"), name)
        walker = _Walker(loader, limit, max_nodes)
        char_cap = 2 * max_bytes if max_chars is None else max_chars
        sizes, chars = _expanded_sizes(node, max_nodes, char_cap)
        if sizes[id(node)] > max_nodes:
            # Don't walk at all: the walker would need max_nodes steps to find out.
            problems.append(_bomb_problem(_bomb_site(node, sizes, max_nodes), max_nodes))
            raise YamlError(problems, name)
        if chars[id(node)] > char_cap:
            site = _bomb_site(node, chars, char_cap)
            message = (
                f"the document is too large after expanding aliases (more than {char_cap:,} "
                "characters of text): is one long value referenced many times?"
            )
            problems.append(Problem(_to_mark(site.start_mark), message))
            raise YamlError(problems, name)
        try:
            data = walker.walk(node, (), 0)
        except _TooManyNodes as stop:
            # The size pre-check counts keys and children the walker skips, so this is only a
            # backstop; keep it anyway in case the two ever disagree.
            walker.problems.append(_bomb_problem(stop.node, max_nodes))
    finally:
        loader.dispose()
    problems.extend(walker.problems)
    if problems:
        raise YamlError(problems, name)
    return Located(data, walker.values, walker.keys, walker.shifts, walker.sexagesimal)
