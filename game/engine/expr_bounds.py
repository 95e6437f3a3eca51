"""The thresholds a condition sets, read from its syntax tree: `trade_bn >= 265 and
energy_cost <= 50` requires trade_bn >= 265 and energy_cost <= 50. Dashboards and charts
draw them (Compiled.bounds); a clause inside `or`, `not` or arithmetic sets none."""

from __future__ import annotations

import ast
from collections.abc import Container

_FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">"}
_OPS = {ast.GtE: ">=", ast.LtE: "<=", ast.Gt: ">", ast.Lt: "<"}


def bounds_of(node: ast.expr, indicators: Container[str]) -> tuple[tuple[str, str, float], ...]:
    """The `indicator op number` clauses an expression's top-level `and` requires."""
    clauses = (
        node.values if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And) else [node]
    )
    out = []
    for c in clauses:
        if not (isinstance(c, ast.Compare) and len(c.ops) == 1 and type(c.ops[0]) in _OPS):
            continue
        op, left, right = _OPS[type(c.ops[0])], c.left, c.comparators[0]
        if isinstance(right, ast.Name):  # `265 <= trade_bn`
            left, right, op = right, left, _FLIP[op]
        sign = 1.0
        if isinstance(right, ast.UnaryOp) and isinstance(right.op, ast.USub):
            right, sign = right.operand, -1.0
        if (
            isinstance(left, ast.Name)
            and left.id in indicators
            and isinstance(right, ast.Constant)
            and isinstance(right.value, int | float)
            and not isinstance(right.value, bool)
        ):
            out.append((left.id, op, sign * float(right.value)))
    return tuple(out)


def rest_of(source: object, indicators: Container[str]) -> str | None:
    """The source of the top-level and-clauses of a condition that are not thresholds
    (`war == 0` in `war == 0 and lac_tension < 50`): "" when every clause is one, None
    when the condition sets no threshold or is not an expression."""
    if not isinstance(source, str):
        return None
    try:
        node = ast.parse(source.replace("\r", " ").replace("\n", " ").strip(), mode="eval").body
    except SyntaxError:
        return None
    clauses = (
        node.values if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And) else [node]
    )
    rest = [c for c in clauses if isinstance(c, ast.BoolOp) or not bounds_of(c, indicators)]
    if len(rest) == len(clauses):
        return None
    return " and ".join(f"({ast.unparse(c)})" for c in rest)
