"""Compile untrusted scenario expressions into vectorised numpy closures, without eval or exec.

A scenario author writes small Python-like expressions (``turn >= 3 and us_tariff > 20``,
``uniform(2, 5)``, ``-3 if lac > 2 else 0``). :func:`compile_expr` parses them with
``ast.parse(mode="eval")``, walks a whitelist of node types and builds a tree of closures.
Each closure takes an ``env`` (see :class:`Env`) and returns either a float64/bool array of
shape ``(G,)`` (one value per simulated game) or a scalar; the root closure of a compiled
expression always returns a ``(G,)`` array unless the expression is constant, in which case it
returns a Python float or bool and never touches ``env``.

Semantics worth knowing:

* Truthiness is "nonzero" (NaN counts as true, as in Python). ``and``/``or``/``not``,
  comparisons and ``chance`` give bools; arithmetic on bools treats them as 0/1.
* ``a / 0`` and ``a % 0`` are 0. ``%`` takes the sign of the divisor, like Python.
* ``x ** e`` needs a constant exponent with ``|e| <= 8``. A fractional exponent reads the base
  as ``max(x, 0)`` (like ``sqrt``), and a negative exponent is a safe reciprocal, so
  ``0 ** -1`` is 0: powers never produce NaN by themselves.
* ``round`` rounds halves to even, like Python's ``round``.
* Results are never NaN or infinite: the only remaining source is float overflow (or NaN in the
  inputs), and the root replaces such values as ``np.nan_to_num`` does (NaN -> 0,
  +-inf -> +-1.797e308). Results never alias ``env`` arrays, so callers may write into them.
* Random draws: the k-th random call in source order (counting by where the call starts)
  draws from site ``site + k``; ``normal`` consumes two consecutive sites (Box-Muller), so
  ``random_sites`` counts sites, not calls, and at most 16 are allowed per expression.
  In ``env.mean_mode`` the random functions return their means: ``uniform`` -> (a+b)/2,
  ``normal`` -> mean, ``chance(p)`` -> p clipped to [0, 1] (a float, the mean of the bool).
* ``true``/``false``/``turn``/``turns`` win over an indicator of the same name, and an
  indicator wins over a ladder of the same name; the scenario checks should forbid both.
"""

from __future__ import annotations

import ast
import difflib
import math
import numbers
import operator
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

import numpy as np

from game.engine.expr_bounds import bounds_of
from game.engine.expr_runtime import (
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_NODES,
    MAX_RANDOM_SITES,
    MAX_SOURCE,
    Compiled,
    Env,
    ExprError,
    Fn,
    Scope,
    SimpleEnv,
    _all_n,
    _any_n,
    _clamp,
    _clean,
    _ladder_fn,
    _max_n,
    _min_n,
    _power,
    _py,
    _reader,
    _safe_div,
    _safe_mod,
    _sqrt,
    _truth,
    as_array,
    as_mask,
)

__all__ = [
    "Compiled",
    "Env",
    "ExprError",
    "Scope",
    "SimpleEnv",
    "as_array",
    "as_mask",
    "compile_expr",
]

_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
_ARITH: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
}
_BAD_BINOP = {
    ast.FloorDiv: "'//' is not supported; use floor(a / b)",
    ast.BitAnd: "'&' is not supported; use 'and'",
    ast.BitOr: "'|' is not supported; use 'or'",
    ast.BitXor: "'^' is not supported; use '**' for powers",
    ast.LShift: "'<<' is not supported",
    ast.RShift: "'>>' is not supported",
    ast.MatMult: "'@' is not supported",
}
_BAD_CMPOP = {
    ast.Is: "'is' is not supported; use '=='",
    ast.IsNot: "'is not' is not supported; use '!='",
    ast.In: "'in' is not supported",
    ast.NotIn: "'not in' is not supported",
}
_BAD_NODE = {
    ast.Attribute: "attribute access ('.{attr}') is not allowed",
    ast.Subscript: "indexing with [...] is not allowed",
    ast.Slice: "slices are not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.JoinedStr: "f-strings are not allowed",
    ast.FormattedValue: "f-strings are not allowed",
    ast.NamedExpr: "assignment (':=') is not allowed",
    ast.Dict: "dict literals are not allowed",
    ast.List: "list literals are not allowed",
    ast.Set: "set literals are not allowed",
    ast.Tuple: "tuples are not allowed",
    ast.Starred: "starred arguments are not allowed",
    ast.Await: "'await' is not allowed",
    ast.Yield: "'yield' is not allowed",
    ast.YieldFrom: "'yield' is not allowed",
}

# name -> (min args, max args or None, how the arguments read in messages)
_SIGNATURES: dict[str, tuple[int, int | None, str]] = {
    "min": (2, None, "a, b, ..."),
    "max": (2, None, "a, b, ..."),
    "clamp": (3, 3, "x, lo, hi"),
    "abs": (1, 1, "x"),
    "round": (1, 1, "x"),
    "floor": (1, 1, "x"),
    "ceil": (1, 1, "x"),
    "sqrt": (1, 1, "x"),
    "uniform": (2, 2, "a, b"),
    "normal": (2, 2, "mean, sd"),
    "chance": (1, 1, "p"),
    "fired": (1, 1, "'event_id'"),
    "since": (1, 1, "'event_id'"),
    "chose": (1, 1, "'event_id.option_id'"),
    "pledged": (1, 1, "'commitment_id'"),
    "broken": (1, 1, "'commitment_id'"),
}
# the calls that read the game's record (events, choices, commitments) by an id in quotes
REFERENCES = ("fired", "since", "chose", "pledged", "broken")
_MATH: dict[str, Callable[..., Any]] = {
    "clamp": _clamp,
    "abs": np.abs,
    "round": np.round,
    "floor": np.floor,
    "ceil": np.ceil,
    "sqrt": _sqrt,
}
# How many consecutive draw sites each random function consumes.
_RANDOM_SITES = {"uniform": 1, "normal": 2, "chance": 1}
_TWO_PI = 2.0 * math.pi


@dataclass(slots=True)
class _Node:
    """A compiled subtree: a closure, or (fn is None) a folded constant in value."""

    fn: Fn | None = None
    value: Any = None
    is_bool: bool = False
    # True if the result may be a view of env data, so the root must copy it before returning.
    alias: bool = False
    # True if computing it cannot raise a floating-point warning (reads of the state,
    # comparisons, logic, choices between such), so its root needs no error-state context.
    quiet: bool = False


def _const_fn(v: Any) -> Fn:
    def const(env: Any) -> Any:
        return v

    return const


def _np_scalar(v: Any) -> Any:
    # Fold with numpy scalars so constants follow the same overflow/NaN rules as arrays
    # (Python floats raise OverflowError on ** where numpy gives inf).
    return np.bool_(v) if isinstance(v, bool) else np.float64(v)


def _suggest(name: str, candidates: Sequence[str]) -> str:
    match = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


class _Compiler:
    """One compilation: walks the whitelisted AST and records what the expression uses."""

    def __init__(self, text: str, lead: int, scope: Scope, sites: dict[int, int]) -> None:
        self.text = text  # the parsed text (leading blanks stripped); columns add `lead`
        self.lead = lead
        self.scope = scope
        self.sites = sites
        self.names: set[str] = set()
        self.refs: set[tuple[str, str]] = set()
        self.uses_env = False

    # -- helpers -------------------------------------------------------------------------------

    def fail(self, message: str, node: ast.AST | None = None, col: int | None = None) -> NoReturn:
        if col is None:
            col = getattr(node, "col_offset", 0) + self.lead
        raise ExprError(message, col)

    def op_col(self, left: ast.expr, right: ast.expr) -> int:
        """Column of the operator between two operands (skipping blanks and closing parens)."""
        i = left.end_col_offset if left.end_col_offset is not None else left.col_offset
        while i < right.col_offset and self.text[i] in " \t)":
            i += 1
        return i + self.lead

    def dot_col(self, node: ast.Attribute) -> int:
        """Column of the '.' of an attribute access (skipping blanks and closing parens)."""
        i = node.value.end_col_offset if node.value.end_col_offset is not None else node.col_offset
        while i < len(self.text) - 1 and self.text[i] in " \t)":
            i += 1
        return i + self.lead

    @staticmethod
    def num(node: _Node) -> _Node:
        """Coerce a bool-valued node to float so arithmetic on it means 0/1 (numpy bool + bool
        would be logical or, and bool - bool raises)."""
        if not node.is_bool:
            return node
        if node.fn is None:
            return _Node(value=float(node.value))
        f = node.fn

        def to_float(env: Any) -> Any:
            x = f(env)
            return x.astype(np.float64) if isinstance(x, np.ndarray) else np.float64(x)

        return _Node(to_float, quiet=node.quiet)

    @staticmethod
    def apply(
        op: Callable[..., Any], args: list[_Node], *, is_bool: bool = False, quiet: bool = False
    ) -> _Node:
        """Node computing op(*args): folded if every arg is constant, else a lean closure.
        `quiet`: op never raises a floating-point warning (the node is quiet if its
        arguments are too)."""
        if all(a.fn is None for a in args):
            return _Node(value=_py(op(*[_np_scalar(a.value) for a in args])), is_bool=is_bool)
        node = _Compiler._apply(op, args, is_bool)
        node.quiet = quiet and all(a.quiet or a.fn is None for a in args)
        return node

    @staticmethod
    def _apply(op: Callable[..., Any], args: list[_Node], is_bool: bool) -> _Node:
        if len(args) == 1:
            f = args[0].fn
            assert f is not None

            def unary(env: Any) -> Any:
                return op(f(env))

            return _Node(unary, is_bool=is_bool)
        if len(args) == 2:
            a, b = args
            if a.fn is None:
                ca, fb = a.value, b.fn
                assert fb is not None

                def const_left(env: Any) -> Any:
                    return op(ca, fb(env))

                return _Node(const_left, is_bool=is_bool)
            fa = a.fn
            if b.fn is None:
                cb = b.value

                def const_right(env: Any) -> Any:
                    return op(fa(env), cb)

                return _Node(const_right, is_bool=is_bool)
            fb2 = b.fn

            def binary(env: Any) -> Any:
                return op(fa(env), fb2(env))

            return _Node(binary, is_bool=is_bool)
        fs = [a.fn if a.fn is not None else _const_fn(a.value) for a in args]

        def nary(env: Any) -> Any:
            return op(*[f(env) for f in fs])

        return _Node(nary, is_bool=is_bool)

    # -- the walk ------------------------------------------------------------------------------

    def build(self, node: ast.AST, depth: int) -> _Node:
        if depth > MAX_DEPTH:
            self.fail(f"expression is nested too deeply (more than {MAX_DEPTH} levels)", node)
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.BinOp):
            return self.binop(node, depth)
        if isinstance(node, ast.UnaryOp):
            return self.unaryop(node, depth)
        if isinstance(node, ast.BoolOp):
            return self.boolop(node, depth)
        if isinstance(node, ast.Compare):
            return self.compare(node, depth)
        if isinstance(node, ast.IfExp):
            return self.ifexp(node, depth)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        message = _BAD_NODE.get(type(node))
        if message is None:
            message = f"'{type(node).__name__}' is not allowed in expressions"
        col = self.dot_col(node) if isinstance(node, ast.Attribute) else None
        self.fail(message.format(attr=getattr(node, "attr", "")), node, col)

    def constant(self, node: ast.Constant) -> _Node:
        v = node.value
        if isinstance(v, bool):
            return _Node(value=v, is_bool=True)
        if isinstance(v, int | float):
            try:
                f = float(v)
            except OverflowError:
                f = math.inf
            if not math.isfinite(f):
                self.fail("number is too large", node)
            return _Node(value=f)
        if isinstance(v, str):
            self.fail(
                "text in quotes is only allowed as the argument of fired(), since(), chose(), "
                "pledged() or broken()",
                node,
            )
        if isinstance(v, complex):
            self.fail("complex numbers are not allowed", node)
        self.fail(f"'{v!r}' is not allowed in expressions", node)

    def known_names(self) -> list[str]:
        return sorted({*self.scope.indicators, *self.scope.ladders, "turn", "turns"})

    def name(self, node: ast.Name) -> _Node:
        name = node.id
        if name.startswith("_"):
            self.fail(f"names starting with '_' are not allowed ('{name}')", node)
        if name in ("true", "false"):
            return _Node(value=name == "true", is_bool=True)
        if name in ("turn", "turns"):
            self.uses_env = True

            if name == "turn":

                def turn(env: Any) -> Any:
                    return np.float64(env.turn)

                return _Node(turn, quiet=True)

            def turns(env: Any) -> Any:
                return np.float64(env.turns)

            return _Node(turns, quiet=True)
        if name in self.scope.indicators:
            col = int(self.scope.indicators[name])
            self.names.add(name)
            self.uses_env = True

            def indicator(env: Any) -> Any:
                return env.values[:, col]

            return _Node(indicator, alias=True, quiet=True)
        if name in self.scope.ladders:
            lcol, thresholds = self.scope.ladders[name]
            lcol = int(lcol)
            self.names.add(name)
            self.uses_env = True
            return _Node(_ladder_fn(lcol, thresholds), quiet=True)
        if name in _SIGNATURES:
            self.fail(f"'{name}' is a function: write {name}({_SIGNATURES[name][2]})", node)
        self.fail(f"unknown name '{name}'{_suggest(name, self.known_names())}", node)

    def binop(self, node: ast.BinOp, depth: int) -> _Node:
        op_type = type(node.op)
        if op_type in _BAD_BINOP:
            self.fail(_BAD_BINOP[op_type], col=self.op_col(node.left, node.right))
        left = self.num(self.build(node.left, depth + 1))
        right = self.num(self.build(node.right, depth + 1))
        if op_type in _ARITH:
            return self.apply(_ARITH[op_type], [left, right])
        if op_type is ast.Div or op_type is ast.Mod:
            if right.fn is None:
                if right.value == 0:
                    return _Node(value=0.0)
                # A known nonzero divisor needs no zero guard.
                op = operator.truediv if op_type is ast.Div else operator.mod
            else:
                op = _safe_div if op_type is ast.Div else _safe_mod
            return self.apply(op, [left, right])
        if op_type is ast.Pow:
            if right.fn is not None:
                self.fail("the exponent of '**' must be a constant number", node.right)
            e = float(right.value)
            if not abs(e) <= MAX_EXPONENT:
                self.fail(
                    f"the exponent of '**' must be between -{MAX_EXPONENT} and {MAX_EXPONENT}, "
                    f"got {e:g}",
                    node.right,
                )
            return self.apply(_power(e), [left])
        self.fail(f"operator '{op_type.__name__}' is not supported", node)

    def unaryop(self, node: ast.UnaryOp, depth: int) -> _Node:
        if isinstance(node.op, ast.Invert):
            self.fail("'~' is not supported; use 'not'", node)
        operand = self.build(node.operand, depth + 1)
        if isinstance(node.op, ast.Not):
            return self.apply(np.logical_not, [operand], is_bool=True, quiet=True)
        operand = self.num(operand)
        if isinstance(node.op, ast.UAdd):
            return operand
        return self.apply(operator.neg, [operand])

    def boolop(self, node: ast.BoolOp, depth: int) -> _Node:
        is_and = isinstance(node.op, ast.And)
        # Build every operand first so all of them are checked and their names recorded.
        parts = [self.build(value, depth + 1) for value in node.values]
        dynamic: list[_Node] = []
        for part in parts:
            if part.fn is None:
                # A constant that decides the result folds the whole chain; others drop out.
                if bool(part.value) != is_and:
                    return _Node(value=not is_and, is_bool=True)
                continue
            dynamic.append(part)
        if not dynamic:
            return _Node(value=is_and, is_bool=True)
        if len(dynamic) == 1:
            only = dynamic[0]
            return only if only.is_bool else self.apply(_truth, [only], is_bool=True, quiet=True)
        if len(dynamic) == 2:
            op: Callable[..., Any] = np.logical_and if is_and else np.logical_or
        else:
            op = _all_n if is_and else _any_n
        return self.apply(op, dynamic, is_bool=True, quiet=True)

    def compare(self, node: ast.Compare, depth: int) -> _Node:
        operands = [node.left, *node.comparators]
        ops: list[Callable[[Any, Any], Any]] = []
        for i, cmp in enumerate(node.ops):
            if type(cmp) in _BAD_CMPOP:
                self.fail(_BAD_CMPOP[type(cmp)], col=self.op_col(operands[i], operands[i + 1]))
            ops.append(_COMPARE[type(cmp)])
        parts = [self.build(x, depth + 1) for x in operands]
        if len(ops) == 1:
            return self.apply(ops[0], parts, is_bool=True, quiet=True)

        # A chain evaluates each operand once and ands the pairwise results, like Python.
        def chain(*vals: Any) -> Any:
            r = ops[0](vals[0], vals[1])
            for i in range(1, len(ops)):
                r = np.logical_and(r, ops[i](vals[i], vals[i + 1]))
            return r

        return self.apply(chain, parts, is_bool=True, quiet=True)

    def ifexp(self, node: ast.IfExp, depth: int) -> _Node:
        # Build in source order (body, test, orelse) so errors report the leftmost problem.
        body = self.build(node.body, depth + 1)
        test = self.build(node.test, depth + 1)
        orelse = self.build(node.orelse, depth + 1)
        if body.is_bool != orelse.is_bool:
            body, orelse = self.num(body), self.num(orelse)
        if test.fn is None:
            return body if bool(test.value) else orelse
        fc = test.fn
        fa = body.fn if body.fn is not None else _const_fn(body.value)
        fb = orelse.fn if orelse.fn is not None else _const_fn(orelse.value)

        def choose(env: Any) -> Any:
            c = fc(env)
            if isinstance(c, np.ndarray):
                return np.where(c, fa(env), fb(env))
            # A scalar condition (e.g. on turn) picks one branch and skips the other's work.
            return fa(env) if c else fb(env)

        return _Node(
            choose,
            is_bool=body.is_bool and orelse.is_bool,
            alias=body.alias or orelse.alias,
            quiet=all(x.quiet or x.fn is None for x in (body, test, orelse)),
        )

    def call(self, node: ast.Call, depth: int) -> _Node:
        func = node.func
        if isinstance(func, ast.Attribute):
            self.fail(_BAD_NODE[ast.Attribute].format(attr=func.attr), func, self.dot_col(func))
        if not isinstance(func, ast.Name):
            self.fail("only the built-in functions can be called, e.g. min(a, b)", func)
        name = func.id
        if name not in _SIGNATURES:
            if name in self.known_names() or name in ("true", "false"):
                self.fail(f"'{name}' is not a function", func)
            self.fail(f"unknown function '{name}'{_suggest(name, list(_SIGNATURES))}", func)
        if node.keywords:
            self.fail(f"{name}() takes positional arguments only", node.keywords[0])
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                self.fail(_BAD_NODE[ast.Starred], arg)
        lo, hi, shape = _SIGNATURES[name]
        n = len(node.args)
        if n < lo or (hi is not None and n > hi):
            if hi is None:
                expected = f"at least {lo} arguments"
            else:
                expected = f"{lo} argument{'s' if lo != 1 else ''}"
            self.fail(f"{name}() takes {expected} ({shape}), got {n}", node)
        if name in REFERENCES:
            return self.reference(name, node.args[0])
        args = [self.num(self.build(a, depth + 1)) for a in node.args]
        if name in _RANDOM_SITES:
            return self.random(name, args, self.sites[id(node)])
        if name in ("min", "max"):
            if n == 2:
                op: Callable[..., Any] = np.minimum if name == "min" else np.maximum
            else:
                op = _min_n if name == "min" else _max_n
            return self.apply(op, args)
        return self.apply(_MATH[name], args)

    def reference(self, name: str, arg: ast.expr) -> _Node:
        what = {"chose": "option", "pledged": "commitment", "broken": "commitment"}
        what_ = what.get(name, "event")
        example = f"{name}('{what_}_id')" if name != "chose" else "chose('event_id.option_id')"
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            self.fail(f"{name}() needs the {what_} id in quotes, e.g. {example}", arg)
        key = arg.value
        sc = self.scope
        table = {"option": sc.options, "commitment": sc.commitments}.get(what_, sc.events)
        if key not in table:
            self.fail(f"unknown {what_} '{key}'{_suggest(key, sorted(table))}", arg)
        self.refs.add((name, key))
        self.uses_env = True
        return _Node(_reader(name, int(table[key])), quiet=True)

    def random(self, name: str, args: list[_Node], s: int) -> _Node:
        self.uses_env = True
        fs = [a.fn if a.fn is not None else _const_fn(a.value) for a in args]
        if name == "uniform":
            fa, fb = fs

            def uniform(env: Any) -> Any:
                a = fa(env)
                b = fb(env)
                if env.mean_mode:
                    return (a + b) * 0.5
                return a + (b - a) * env.draw(s)

            return _Node(uniform)
        if name == "normal":
            fm, fsd = fs

            def normal(env: Any) -> Any:
                m = fm(env)
                if env.mean_mode:
                    return m
                u1 = env.draw(s)
                u2 = env.draw(s + 1)
                # Box-Muller; log1p(-u1) is finite for u1 in [0, 1). The clip keeps one
                # unlucky draw from moving an indicator by an absurd amount.
                z = np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(_TWO_PI * u2)
                np.clip(z, -4.0, 4.0, out=z)
                return m + fsd(env) * z

            return _Node(normal, alias=args[0].alias)
        (fp,) = fs

        def chance(env: Any) -> Any:
            p = fp(env)
            if env.mean_mode:
                # The mean of (draw < p) is p clipped to [0, 1].
                return np.clip(p, 0.0, 1.0)
            return env.draw(s) < p

        return _Node(chance, is_bool=True)


def _scan(text: str) -> None:
    """Reject characters the language never uses and bracket nesting the parser chokes on.

    Runs before ast.parse so hostile input cannot reach the parser's own limits, and so
    columns are exact (ast columns count UTF-8 bytes; with ASCII-only input bytes = chars).
    """
    depth = 0
    quote = ""
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        o = ord(ch)
        if o > 126:
            raise ExprError(f"non-ASCII character {ch!r} is not allowed", i)
        if o < 32 and ch != "\t":
            raise ExprError(f"control character {ch!r} is not allowed", i)
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "#":
            # Newlines become spaces, so a comment would silently swallow the rest.
            raise ExprError("comments ('#') are not allowed", i)
        elif ch in "([{":
            depth += 1
            if depth > MAX_DEPTH:
                raise ExprError(
                    f"expression is nested too deeply (more than {MAX_DEPTH} brackets)", i
                )
        elif ch in ")]}":
            depth -= 1
        i += 1


def _finish(node: _Node, constant: bool) -> Fn:
    """Wrap the root so callers always get (G,) arrays (or a Python scalar if constant)."""
    if constant:
        v = _clean(node.value)

        def const_root(env: Any) -> Any:
            return v

        return const_root
    if node.fn is None:
        # Depends on env in the source but folded away (e.g. `x / 0`): still one value per game.
        folded = _clean(node.value)
        dtype = np.bool_ if isinstance(folded, bool) else np.float64

        def full_root(env: Any) -> Any:
            return np.full(env.values.shape[0], folded, dtype=dtype)

        return full_root
    f = node.fn
    copy = node.alias
    if node.quiet:

        def quiet_root(env: Any) -> Any:
            r = f(env)
            if not isinstance(r, np.ndarray) or r.ndim == 0:
                r = np.full(env.values.shape[0], r)
            elif copy:
                r = r.copy()
            if r.dtype.kind == "f":  # a state value may still be a NaN: as `root` does
                with np.errstate(all="ignore"):
                    if not math.isfinite(r.sum()):
                        np.nan_to_num(r, copy=False)
            return r

        return quiet_root

    def root(env: Any) -> Any:
        with np.errstate(all="ignore"):
            r = f(env)
            if not isinstance(r, np.ndarray) or r.ndim == 0:
                r = np.full(env.values.shape[0], r)
            elif copy:
                r = r.copy()
            # One cheap reduction finds any NaN/inf; the fix-up pass runs only then.
            if r.dtype.kind == "f" and not math.isfinite(r.sum()):
                np.nan_to_num(r, copy=False)
        return r

    return root


def _constant_compiled(source: str, value: float | bool) -> Compiled:
    def const_root(env: Any) -> Any:
        return value

    return Compiled(source, const_root, frozenset(), frozenset(), 0, True)


def _compile_text(source: str, scope: Scope, site: int) -> Compiled:
    if len(source) > MAX_SOURCE:
        raise ExprError(
            f"expression is too long ({len(source)} characters; the limit is {MAX_SOURCE})",
            MAX_SOURCE,
        )
    # YAML folded text: newlines are just spaces, and keep every column where it was.
    text = source.replace("\r", " ").replace("\n", " ")
    _scan(text)
    stripped = text.lstrip(" \t")
    lead = len(text) - len(stripped)
    if not stripped.strip():
        raise ExprError("empty expression", 0)
    try:
        with warnings.catch_warnings():
            # Python warns about things like `1and` on stderr; authors get our message instead
            warnings.simplefilter("ignore", SyntaxWarning)
            tree = ast.parse(stripped, mode="eval")
    except SyntaxError as exc:
        offset = exc.offset
        if exc.lineno not in (None, 1) or not offset or offset < 1:
            col = len(text)  # Python reports errors at end of input without a usable offset
        else:
            col = min(lead + offset - 1, len(text))
        hint = ""
        single = re.search(r"(?<![<>=!])=(?![=>])|=>", stripped)
        if single is not None:
            hint = " (compare with ==, <=, >= or !=)"
            col = lead + single.start()
        raise ExprError(f"syntax error: {exc.msg}{hint}", col) from None

    count = 0
    random_calls: list[ast.Call] = []
    for sub in ast.walk(tree):
        if isinstance(sub, ast.expr):
            count += 1
            if count > MAX_NODES:
                raise ExprError(f"expression is too complex (more than {MAX_NODES} parts)", 0)
        if (
            isinstance(sub, ast.Call)
            and isinstance(sub.func, ast.Name)
            and sub.func.id in _RANDOM_SITES
        ):
            random_calls.append(sub)

    # Sites follow where each call starts in the text, so the numbering is stable under edits
    # elsewhere in the tree and matches what an author reads left to right.
    sites: dict[int, int] = {}
    used = 0
    for call in sorted(random_calls, key=lambda c: c.col_offset):
        need = _RANDOM_SITES[call.func.id]  # type: ignore[attr-defined]
        if used + need > MAX_RANDOM_SITES:
            raise ExprError(
                f"too many random draws (at most {MAX_RANDOM_SITES} per expression; "
                "normal() uses two)",
                call.col_offset + lead,
            )
        sites[id(call)] = site + used
        used += need

    compiler = _Compiler(stripped, lead, scope, sites)
    node = compiler.build(tree.body, 1)
    constant = not compiler.uses_env
    return Compiled(
        source=source,
        fn=_finish(node, constant),
        names=frozenset(compiler.names),
        refs=frozenset(compiler.refs),
        random_sites=used,
        constant=constant,
        bounds=bounds_of(tree.body, scope.indicators),
    )


def compile_expr(source: str | int | float | bool, scope: Scope, *, site: int = 0) -> Compiled:
    """Compile an untrusted expression (or a plain number/bool) into a vectorised closure."""
    if isinstance(source, bool | np.bool_):
        flag = bool(source)
        return _constant_compiled("true" if flag else "false", flag)
    if isinstance(source, numbers.Real):
        try:
            value = float(source)
        except OverflowError:
            value = math.inf
        if not math.isfinite(value):
            raise ExprError(f"number must be finite, got {source!r}", 0)
        return _constant_compiled(str(source), value)
    if not isinstance(source, str):
        raise ExprError(f"expected an expression or a number, got {type(source).__name__}", 0)
    try:
        # Folding runs numpy on constants; overflow there is handled, not worth a warning.
        with np.errstate(all="ignore"):
            return _compile_text(source, scope, site)
    except ExprError:
        raise
    except (RecursionError, MemoryError):
        raise ExprError("expression is too complex", 0) from None
    except Exception as exc:  # untrusted input must only ever produce ExprError
        raise ExprError(f"could not compile expression ({type(exc).__name__}: {exc})", 0) from exc
