"""The classroom server: a Starlette application with one WebSocket for students and one
for the teacher, the student and teacher pages, and the class report downloads.

Every message is JSON text, size-capped and rate-limited per connection; nothing a
client sends is evaluated or unpickled. A decision is acknowledged only after the
database has committed it. Game work runs in worker threads, one group at a time
under that group's lock, so a slow turn of one group never holds up the others.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
import tempfile
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect

from game.engine.definitions import ROLES
from game.engine.game import Rejected
from game.presentation import reason
from game.server.groups import ClassRoom, Group, Refused, open_class, rebuild
from game.server.store import Store
from game.server.views import class_view, group_row, human_choices, seat_view

MAX_MESSAGE = 8192  # bytes of one client message
MAX_GROUPS = 400  # groups on one server
MAX_CLASSES = 40
MAX_CONNECTIONS = 1200
RATE_WINDOW, RATE_MAX = 10.0, 60  # messages per connection per window
NAME_RE = re.compile(r"^[\w][\w .'&-]{0,39}$", re.UNICODE)
PLAYERS_MAX = 120
FORECAST_ROLLOUTS = 300
DASHBOARD_EVERY = 0.5  # seconds between teacher dashboard pushes at most

# Short work (joining, staging an answer, a seat's view) never waits behind long work
# (resolving a turn with its bots, forecasts, reports), which runs one job at a time.
FAST = ThreadPoolExecutor(max_workers=4, thread_name_prefix="seat")
SLOW = ThreadPoolExecutor(max_workers=1, thread_name_prefix="turn")


async def fast(fn: Any, *args: Any) -> Any:
    return await asyncio.get_running_loop().run_in_executor(FAST, fn, *args)


async def slow(fn: Any, *args: Any) -> Any:
    return await asyncio.get_running_loop().run_in_executor(SLOW, fn, *args)


STATIC = Path(str(resources.files("game.server").joinpath("static")))
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
    "style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class Seat:
    """One live student connection and the roles it sits in."""

    def __init__(self, ws: WebSocket) -> None:
        self.ws = ws
        self.group: Group | None = None
        self.roles: list[str] = []
        self.times: list[float] = []
        self.send_lock = asyncio.Lock()

    async def send(self, data: dict[str, Any]) -> None:
        async with self.send_lock:
            try:
                await self.ws.send_text(json.dumps(data))
            except Exception:  # noqa: BLE001 - a closed socket is the reader's business
                pass


class Server:
    """The state of a running classroom server."""

    def __init__(self, store: Store, length: str = "full") -> None:
        self.store = store
        self.length = length  # the length the teacher's New class form starts on
        self.token = store.teacher_token()
        self.rooms: dict[str, ClassRoom] = {}
        self.groups: dict[int, Group] = {}
        self.by_name: dict[tuple[str, str], int] = {}
        self.seats: dict[int, set[Seat]] = {}
        self.teachers: set[WebSocket] = set()
        self.paused = store.get_setting("paused") == "1"
        self.dirty = asyncio.Event()
        self.connections = 0
        self.joining = threading.Lock()  # one join at a time: group names stay unique
        self.decision_ms: list[float] = []  # decision received -> acknowledged (for the bench)

    # -- start-up -------------------------------------------------------------------------

    def load(self) -> None:
        """Open every stored class and rebuild every stored game."""
        for code, ref in self.store.classes():
            self.rooms[code] = open_class(code, ref)
        for row in self.store.groups():
            room = self.rooms.get(row.class_code)
            if room is None:
                continue
            group = rebuild(row, room, self.paused)
            while group.ready():  # a turn every human had answered when the server stopped
                group.resolve(self.store)
            self.groups[group.id] = group
            self.by_name[(room.code, row.name.casefold())] = group.id

    def add_class(self, code: str, ref: str | None = None) -> ClassRoom:
        room = open_class(code, ref)  # ValueError
        if room.code not in self.rooms:
            if len(self.rooms) >= MAX_CLASSES:
                raise Refused("this server holds no more classes")
            self.store.add_class(room.code, room.ref)
            self.rooms[room.code] = room
        return self.rooms[room.code]

    # -- students -------------------------------------------------------------------------

    def join(self, seat: Seat, msg: dict[str, Any]) -> tuple[Group, list[str], str]:
        """Seat a connection in a group (new, paired or rejoined); returns group, roles, key."""
        with self.joining:
            return self._join(msg)

    def _join(self, msg: dict[str, Any]) -> tuple[Group, list[str], str]:
        from game.classcode import parse_code

        try:
            code = parse_code(_text(msg, "code", 40)).code()
        except ValueError as err:
            raise Refused(str(err)) from None
        room = self.rooms.get(code)
        if room is None:
            raise Refused(f"there is no class {code} on this server: check the code on the board")
        name = " ".join(_text(msg, "group", 40).split())
        if not NAME_RE.match(name):
            raise Refused("a group name has 1 to 40 letters, digits, spaces or . ' & -")
        players = " ".join(str(msg.get("players", "") or "").split())[:PLAYERS_MAX]
        role = msg.get("role", "india")
        opponent = msg.get("opponent", "computer")
        key = msg.get("key")
        if role not in ("india", "us", "both") or opponent not in ("computer", "group"):
            raise Refused("role is india, us or both; opponent is computer or group")
        gid = self.by_name.get((code, name.casefold()))
        if gid is not None:
            group = self.groups[gid]
            if isinstance(key, str) and group.roles_of(key):
                return group, group.roles_of(key), key
            wanted = list(ROLES) if role == "both" else [role]
            free = group.free_roles()
            if all(r in free for r in wanted):
                key = self.store.add_seat(group.id, wanted[0], players)
                group.seats[wanted[0]] = (key, players)
                return group, wanted, key
            taken = ", ".join(group.room.scenario.definition.roles[r].name for r in wanted)
            raise Refused(
                f"group {name!r} already plays {taken}: choose another group name "
                "(a browser that was in this group rejoins by itself)"
            )
        if len(self.groups) >= MAX_GROUPS:
            raise Refused("this server holds no more groups")
        if role == "both":
            humans, seated = tuple(ROLES), list(ROLES)
        elif opponent == "group":
            humans, seated = tuple(ROLES), [role]
        else:
            humans, seated = (role,), [role]
        row = self.store.add_group(code, name, humans, {r: players for r in seated})
        group = rebuild(row, room, self.paused)
        self.groups[group.id] = group
        self.by_name[(code, name.casefold())] = group.id
        return group, seated, row.seats[seated[0]][0]

    def decide(self, seat: Seat, msg: dict[str, Any]) -> bool:
        """Stage a seat's answers (committed before this returns); True if the turn can resolve."""
        group = seat.group
        if group is None:
            raise Refused("join a group first")
        role = msg.get("role")
        if role not in seat.roles:
            raise Refused("you do not sit in that role")
        if self.paused:
            raise Refused("your teacher has paused the class: wait a moment")
        turn = msg.get("turn")
        if not isinstance(turn, int):
            raise Refused("say which turn the answers are for")
        with group.lock:
            group.stage(self.store, role, turn, msg.get("answers"))
            return group.ready()

    def resolve(self, group: Group) -> None:
        with group.lock:
            while group.ready():
                group.resolve(self.store)

    def forecast(self, seat: Seat, msg: dict[str, Any]) -> dict[str, Any]:
        group = seat.group
        if group is None:
            raise Refused("join a group first")
        if "no_forecasts" in group.room.flags:
            raise Refused("forecasts are switched off for this class")
        role, slot = msg.get("role"), msg.get("slot")
        if role not in seat.roles or not isinstance(slot, int):
            raise Refused("ask for a forecast of one of your decisions")
        with group.lock:
            g = group.game
            due = g.pending(role)
            dec = next((d for d in due if d.slot == slot), None)
            if dec is None:
                raise Refused("that decision is not due now")
            fc = group.table.assess(role, slot, rollouts=FORECAST_ROLLOUTS)
            if isinstance(fc, Rejected):
                raise Refused(reason(fc))
            left, per_turn = group.table.assessments_left(role), group.table.assessments_per_turn()
            advice = g.advice(fc) if "no_advisors" not in group.room.flags else []
            objs = {
                f"{o.id}": g.text(o.label)
                for o in list(getattr(g.definition.objectives, role))
                + list(g.definition.objectives.shared)
            }
        return {
            "t": "forecast",
            "role": role,
            "slot": slot,
            "rollouts": fc.rollouts,
            "assessments": {"left": left, "per_turn": per_turn},
            "options": [
                {
                    "label": opt.label,
                    "legal": of.legal,
                    "objectives": [
                        {"label": objs[k], "chance": round(p, 2)}
                        for k, p in of.objectives.items()
                        if k in objs
                    ],
                }
                for opt, of in zip(dec.options, fc.options, strict=False)
            ],
            "advisors": [
                {"label": a.label, "option": a.option, "reason": a.reason} for a in advice
            ],
        }

    def view(self, group: Group, roles: list[str]) -> dict[str, Any]:
        with group.lock:
            return seat_view(group, roles, self.paused)

    async def push(self, group: Group) -> None:
        """Send every seat of a group its view."""
        for seat in list(self.seats.get(group.id, ())):
            view = await fast(self.view, group, seat.roles)
            await seat.send(view)
        self.dirty.set()

    # -- teacher --------------------------------------------------------------------------

    def dashboard(self) -> dict[str, Any]:
        """The teacher's view; each group is read under its own lock, one at a time."""
        connected = {gid: len(s) for gid, s in self.seats.items()}
        classes = []
        for room in list(self.rooms.values()):
            rows, choices = [], []
            for g in [g for g in list(self.groups.values()) if g.room is room]:
                with g.lock:
                    rows.append(group_row(g, connected.get(g.id, 0)))
                    choices += human_choices(g)
            classes.append(class_view(room, rows, choices))
        from game.scenario.loader import bundled_ids

        return {
            "t": "dashboard",
            "paused": self.paused,
            "classes": classes,
            "scenarios": bundled_ids(),
            "length": self.length,
        }

    def teacher_command(self, msg: dict[str, Any]) -> list[Group]:
        """Carry out a dashboard command; returns the groups whose games changed."""
        kind = msg.get("t")
        if kind in ("pause", "resume"):
            self.paused = kind == "pause"
            self.store.set_setting("paused", "1" if self.paused else "0")
            for g in list(self.groups.values()):
                with g.lock:
                    g.pause(self.paused)
            return list(self.groups.values())
        if kind == "inject":
            event_id = _text(msg, "event", 100)
            target = msg.get("group")
            code = msg.get("code")
            if target == "all":
                targets = [g for g in self.groups.values() if code is None or g.room.code == code]
            elif isinstance(target, int) and target in self.groups:
                targets = [self.groups[target]]
            else:
                raise Refused("inject into a group (by id) or into all")
            done = []
            for g in targets:
                with g.lock:
                    if g.game.is_over():
                        continue
                    g.inject(self.store, event_id)
                    done.append(g)
            return done
        if kind == "end_all":
            for g in self.groups.values():
                with g.lock:
                    g.end(self.store)
            return list(self.groups.values())
        if kind == "new_class":
            from game.classcode import make_code
            from game.scenario.loader import bundled_ids, load

            scenario = msg.get("scenario")
            if scenario not in bundled_ids():
                raise Refused("choose a bundled scenario")
            flags = msg.get("flags", [])
            difficulty = msg.get("difficulty", "normal")
            length = msg.get("length", "full")
            if length not in ("full", "lesson"):
                raise Refused("length is full or lesson")
            if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags):
                raise Refused("flags is a list of names")
            try:
                code = make_code(
                    load(scenario).id,
                    secrets.randbelow(1_000_000),
                    difficulty,
                    set(flags),
                    length,
                )
                self.add_class(code, scenario)
            except ValueError as err:
                raise Refused(str(err)) from None
            return []
        raise Refused(f"unknown command {kind!r}")

    # -- reports --------------------------------------------------------------------------

    def export(self, folder: Path, code: str | None = None) -> list[Path]:
        """Every group's game as a save file in `folder` (the files `report` reads)."""
        from game.saves import write_save

        files = []
        for g in self.groups.values():
            if code and g.room.code != code:
                continue
            with g.lock:
                data = g.save()
            slug = re.sub(r"[^A-Za-z0-9_-]+", "-", g.name).strip("-") or "group"
            path = folder / f"{g.id:03d}-{slug}.json"
            write_save(path, data)
            files.append(path)
        return files

    def saves_zip(self, code: str | None = None) -> bytes:
        """Every group's save file in a zip (what `replay` and `report` read)."""
        import io
        import zipfile

        with tempfile.TemporaryDirectory(prefix="convergence-saves-") as tmp:
            files = self.export(Path(tmp), code)
            if not files:
                raise Refused("no group has joined yet")
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
                for f in files:
                    z.write(f, f.name)
        return buf.getvalue()

    def report(self, kind: str, code: str | None = None) -> bytes:
        """The class report (html) or gradebook (csv), made by `report` from exported saves."""
        from game.report import ReportError, write_class_report

        with tempfile.TemporaryDirectory(prefix="convergence-report-") as tmp:
            folder = Path(tmp)
            saves = folder / "saves"
            files = self.export(saves, code)
            if not files:
                raise Refused("no group has joined yet")
            out, csv_path = folder / "class-report.html", folder / "grades.csv"
            try:
                write_class_report(files, out, csv_path)
            except ReportError as err:
                raise Refused(str(err)) from None
            return (out if kind == "html" else csv_path).read_bytes()


def _text(msg: dict[str, Any], key: str, limit: int) -> str:
    value = msg.get(key)
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise Refused(f"{key} must be text of 1 to {limit} characters")
    return value.strip()


# -- the ASGI application -------------------------------------------------------------------


def create_app(store: Store, codes: list[str] | None = None, length: str = "full") -> Starlette:
    """The server for a store, with the classes of `codes` open from the start; `length` is
    the length the teacher's New class form starts on."""
    server = Server(store, length)
    server.load()
    for code in codes or []:
        server.add_class(code)

    @asynccontextmanager
    async def lifespan(app: Starlette):  # noqa: ANN202
        task = asyncio.create_task(_teacher_pushes(server))
        try:
            yield
        finally:
            task.cancel()

    def page(name: str) -> Response:
        return FileResponse(STATIC / name, headers=SECURITY_HEADERS, media_type="text/html")

    async def student_page(request: Request) -> Response:
        return page("index.html")

    def teacher_ok(request: Request) -> bool:
        given = request.query_params.get("token") or request.headers.get("x-teacher-token") or ""
        return secrets.compare_digest(given.encode(), server.token.encode())

    async def teacher_page(request: Request) -> Response:
        if not teacher_ok(request):
            return HTMLResponse("<h1>Teacher token missing or wrong</h1>", 403, SECURITY_HEADERS)
        return page("teacher.html")

    async def download(request: Request) -> Response:
        if not teacher_ok(request):
            return JSONResponse({"error": "teacher token missing or wrong"}, 403)
        kind = "html" if request.url.path.endswith(".html") else "csv"
        code = request.query_params.get("code") or None
        try:
            body = await slow(server.report, kind, code)
        except Refused as err:
            return JSONResponse({"error": str(err)}, 404)
        media = "text/html; charset=utf-8" if kind == "html" else "text/csv; charset=utf-8"
        headers = dict(SECURITY_HEADERS)
        headers["Content-Security-Policy"] = (
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
        )
        if kind == "csv":
            headers["Content-Disposition"] = 'attachment; filename="grades.csv"'
        return Response(body, media_type=media, headers=headers)

    async def saves_zip(request: Request) -> Response:
        if not teacher_ok(request):
            return JSONResponse({"error": "teacher token missing or wrong"}, 403)
        code = request.query_params.get("code") or None
        try:
            body = await slow(server.saves_zip, code)
        except Refused as err:
            return JSONResponse({"error": str(err)}, 404)
        headers = dict(SECURITY_HEADERS)
        headers["Content-Disposition"] = 'attachment; filename="saves.zip"'
        return Response(body, media_type="application/zip", headers=headers)

    async def health(request: Request) -> Response:
        return JSONResponse(
            {"ok": True, "groups": len(server.groups), "classes": list(server.rooms)}
        )

    async def student_ws(ws: WebSocket) -> None:
        if server.connections >= MAX_CONNECTIONS:
            await ws.close(code=1013)
            return
        await ws.accept()
        server.connections += 1
        seat = Seat(ws)
        try:
            while True:
                raw = await ws.receive_text()
                msg = _parse(raw)
                if msg is None or not _rate_ok(seat.times):
                    await seat.send(
                        {"t": "error", "message": "message too large, malformed or too frequent"}
                    )
                    if msg is not None:
                        continue
                    continue
                await _student_message(server, seat, msg)
        except WebSocketDisconnect:
            pass
        finally:
            server.connections -= 1
            if seat.group is not None:
                server.seats.get(seat.group.id, set()).discard(seat)
                server.dirty.set()

    async def teacher_ws(ws: WebSocket) -> None:
        given = ws.query_params.get("token") or ""
        if not secrets.compare_digest(given.encode(), server.token.encode()):
            await ws.close(code=1008)
            return
        await ws.accept()
        server.teachers.add(ws)
        times: list[float] = []
        try:
            await ws.send_text(json.dumps(await slow(server.dashboard)))
            while True:
                msg = _parse(await ws.receive_text())
                if msg is None or not _rate_ok(times):
                    await ws.send_text(json.dumps({"t": "error", "message": "bad message"}))
                    continue
                try:
                    changed = await slow(server.teacher_command, msg)
                except Refused as err:
                    await ws.send_text(json.dumps({"t": "error", "message": str(err)}))
                    continue
                await ws.send_text(json.dumps({"t": "ok", "command": msg.get("t")}))
                for g in changed:
                    await server.push(g)
                server.dirty.set()
        except WebSocketDisconnect:
            pass
        finally:
            server.teachers.discard(ws)

    async def map_data(request: Request) -> Response:
        from game.paths import assets_dir

        return FileResponse(
            assets_dir() / "map" / "indo_pacific.json",
            media_type="application/json",
            headers={"Cache-Control": "max-age=3600"},
        )

    async def no_icon(request: Request) -> Response:
        return Response(status_code=204)

    routes = [
        Route("/", student_page),
        Route("/favicon.ico", no_icon),
        Route("/map.json", map_data),
        Route("/teacher", teacher_page),
        Route("/teacher/report.html", download),
        Route("/teacher/grades.csv", download),
        Route("/teacher/saves.zip", saves_zip),
        Route("/health", health),
        WebSocketRoute("/ws", student_ws),
        WebSocketRoute("/ws/teacher", teacher_ws),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.server = server
    return app


async def _student_message(server: Server, seat: Seat, msg: dict[str, Any]) -> None:
    kind = msg.get("t")
    mid = msg.get("id") if isinstance(msg.get("id"), int) else None
    try:
        if kind == "join":
            if seat.group is not None:
                raise Refused("this connection has joined already")
            group, roles, key = await fast(server.join, seat, msg)
            seat.group, seat.roles = group, roles
            server.seats.setdefault(group.id, set()).add(seat)
            await seat.send(
                {
                    "t": "joined",
                    "key": key,
                    "group": group.name,
                    "roles": roles,
                    "code": group.room.code,
                }
            )
            await seat.send(await fast(server.view, group, roles))
            server.dirty.set()
        elif kind == "decide":
            start = time.perf_counter()
            ready = await fast(server.decide, seat, msg)
            await seat.send({"t": "ack", "id": mid})
            server.decision_ms.append((time.perf_counter() - start) * 1000)
            assert seat.group is not None
            if ready:
                await slow(server.resolve, seat.group)
            await server.push(seat.group)
        elif kind == "forecast":
            await seat.send(await slow(server.forecast, seat, msg))
        elif kind == "ping":
            await seat.send({"t": "pong", "id": mid})
        else:
            raise Refused(f"unknown message {kind!r}")
    except Refused as err:
        await seat.send({"t": "error", "id": mid, "message": str(err)})
    except Exception:  # noqa: BLE001 - a fault of ours must not cost the seat its connection
        traceback.print_exc()
        await seat.send({"t": "error", "id": mid, "message": "the server could not do that now"})


def _parse(raw: str) -> dict[str, Any] | None:
    if len(raw) > MAX_MESSAGE:
        return None
    try:
        msg = json.loads(raw)
    except ValueError:
        return None
    return msg if isinstance(msg, dict) else None


def _rate_ok(times: list[float]) -> bool:
    now = time.monotonic()
    while times and now - times[0] > RATE_WINDOW:
        times.pop(0)
    times.append(now)
    return len(times) <= RATE_MAX


async def _teacher_pushes(server: Server) -> None:
    """Send the dashboard to every teacher page when something changed, at most twice a second."""
    while True:
        await server.dirty.wait()
        server.dirty.clear()
        if server.teachers:
            data = json.dumps(await slow(server.dashboard))
            for ws in list(server.teachers):
                try:
                    await ws.send_text(data)
                except Exception:  # noqa: BLE001 - the page went away
                    server.teachers.discard(ws)
        await asyncio.sleep(DASHBOARD_EVERY)
