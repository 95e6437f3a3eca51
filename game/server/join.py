"""`python -m game join URL --code CODE --group NAME --text`: a seat of a hosted class in
the terminal, scriptable through stdin like `play --text` (one answer per line).

It speaks the same WebSocket protocol as the browser page; a dropped connection (the
host restarted, the Wi-Fi went) is retried and the seat rejoined with its key.
"""

from __future__ import annotations

import json
import sys
import textwrap
import time
from collections.abc import Callable
from typing import Any, TextIO
from urllib.parse import urlsplit

WIDTH = 78
RECONNECT_FOR = 120.0  # seconds a dropped connection is retried
HELP = """\
At a decision prompt type:
  1-4   choose that option (a reason may follow: "2 protects farmers")
  f     forecast: each option played forward; hear the advisors
  d     show the dashboard again
  h     this help
  q     leave (your group's game stays on the server)"""


class JoinError(Exception):
    """Joining failed; the message says why."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


class Quit(Exception):
    """Input ran out or the player left."""


def ws_url(url: str) -> str:
    """The WebSocket address of a student URL (`http://host:port/` -> `ws://host:port/ws`)."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if parts.scheme not in ("http", "https", "ws", "wss") or not parts.netloc:
        raise JoinError(
            f"{url!r} is not the students' address (it looks like http://HOST:PORT/)", 2
        )
    scheme = "wss" if parts.scheme in ("https", "wss") else "ws"
    return f"{scheme}://{parts.netloc}/ws"


class Client:
    """One seat: connects, joins, answers decisions from `read`, prints to `out`."""

    def __init__(
        self,
        url: str,
        join: dict[str, Any],
        out: TextIO | None = None,
        read: Callable[[str], str] | None = None,
        reconnect_for: float = RECONNECT_FOR,
    ) -> None:
        self.url = ws_url(url)
        self.join_msg = join
        self.out = out or sys.stdout
        self.read = read or _reader()
        self.reconnect_for = reconnect_for
        self.ws: Any = None
        self.key: str | None = None
        self.roles: list[str] = []
        self.shown_turn = 0
        self.next_id = 1
        self.state: dict[str, Any] = {}
        self.reconnected = False
        self.waited = 0  # the turn a "waiting for" line was printed for

    # -- output ---------------------------------------------------------------------------

    def say(self, text: str = "", indent: int = 0) -> None:
        pad = " " * indent
        for para in (text or "").split("\n") or [""]:
            print(
                textwrap.fill(para, WIDTH, initial_indent=pad, subsequent_indent=pad), file=self.out
            )

    def rule(self, title: str) -> None:
        line = f"== {title} "
        print(line + "=" * max(0, WIDTH - len(line)), file=self.out)

    # -- connection -----------------------------------------------------------------------

    def connect(self, first: bool) -> None:
        from websockets.sync.client import connect

        deadline = time.monotonic() + (5.0 if first else self.reconnect_for)
        while True:
            try:
                self.ws = connect(self.url, open_timeout=5, max_size=2**22, legacy=True)
                break
            except (OSError, TimeoutError) as err:
                if time.monotonic() > deadline:
                    raise JoinError(f"cannot reach the server at {self.url}: {err}") from None
                time.sleep(0.5)
            except Exception as err:  # noqa: BLE001 - e.g. an HTTP error from a wrong address
                raise JoinError(f"the server at {self.url} refused the connection: {err}") from None
        msg = dict(self.join_msg, t="join")
        if self.key:
            msg["key"] = self.key
        self.send(msg)
        reply = self.recv()
        if reply.get("t") == "error":
            raise JoinError(str(reply.get("message")))
        if reply.get("t") != "joined":
            raise JoinError("the server answered something unexpected")
        if first:
            self.say(f"Joined class {reply['code']} as group {reply['group']!r}.")
        else:
            self.say("(reconnected: your group's game goes on where it was)")
            self.reconnected = True
        self.key = reply["key"]
        self.roles = list(reply["roles"])

    def send(self, msg: dict[str, Any]) -> None:
        self.ws.send(json.dumps(msg))

    def recv(self) -> dict[str, Any]:
        data = json.loads(self.ws.recv())
        return data if isinstance(data, dict) else {}

    def next_message(self) -> dict[str, Any]:
        """The next message; a dropped connection is reconnected and rejoined."""
        from websockets.exceptions import ConnectionClosed

        while True:
            try:
                return self.recv()
            except (ConnectionClosed, OSError):
                self.say("(connection lost; reconnecting...)")
                self.connect(first=False)

    # -- the game -------------------------------------------------------------------------

    def run(self) -> int:
        self.connect(first=True)
        try:
            while True:
                msg = self.next_message()
                if msg.get("t") == "error":
                    self.say(f"Server: {msg.get('message')}")
                    continue
                if msg.get("t") != "state":
                    continue
                self.state = msg
                if msg["over"]:
                    self.show_end(msg)
                    return 0
                if msg["turn"] != self.shown_turn:
                    self.show_turn(msg)
                for role in self.roles:
                    decisions = msg["decisions"].get(role)
                    if decisions:
                        if len(self.roles) > 1:
                            self.hand_over(role)
                        self.decide(role, msg["turn"], decisions)
                        break
                else:
                    if msg["paused"]:
                        self.say("(your teacher has paused the class)")
                    elif msg["waiting"] and self.waited != msg["turn"]:
                        self.waited = msg["turn"]
                        self.say(f"Waiting for {', '.join(msg['waiting'])}...")
        except Quit as stop:
            self.say(f"{stop} Your group's game stays on the server.")
            return 0
        finally:
            try:
                self.ws.close()
            except Exception:  # noqa: BLE001
                pass

    def show_turn(self, st: dict[str, Any]) -> None:
        self.shown_turn = st["turn"]
        if st["turn"] == 1 and st["last"]["turn"] == 0:
            self.rule(st["scenario"]["title"])
            self.say(st["scenario"]["summary"])
            for b in st["briefings"]:
                self.say()
                self.say(f"You play {b['name']}.")
                self.say(b["text"], indent=2)
        last = st["last"]
        if last["choices"]:
            self.say()
            self.say(f"CHOICES IN TURN {last['turn']}")
            for c in last["choices"]:
                self.say(f"- {c['role']}: {c['title']} -> {c['option']}", indent=2)
        if last["changes"]:
            self.say(f"WHAT CHANGED IN TURN {last['turn']}, AND WHY")
            for ch in last["changes"]:
                dec = ch["decimals"]
                self.say(f"  {ch['label']}: {ch['total']:+.{dec}f} {ch['unit']}")
                for c in ch["causes"]:
                    self.say(f"{c['amount']:+.{dec}f}  {c['label']}", indent=6)
        self.say()
        self.rule(f"Turn {st['turn']}/{st['turns']} - {st['label']}")
        if st["news"]:
            self.say("NEWS")
            for n in st["news"]:
                src = f"[{n['actor']}] " if n["actor"] else ""
                text = f"{n['title']}: {n['text']}" if n["text"] else n["title"]
                self.say(f"- {src}{text}", indent=2)
        self.show_dashboard(st)

    def show_dashboard(self, st: dict[str, Any]) -> None:
        self.say("DASHBOARD")
        for ind in st["indicators"]:
            dec = ind["decimals"]
            change = f"{ind['change']:+.{dec}f}" if ind["change"] else ""
            aim = {1: "want up", -1: "want down"}.get(ind["want"], "")
            label = ind["label"][:36]
            self.say(f"  {label:<36} {ind['value']:>9.{dec}f} {ind['unit']:<6} {change:>8}  {aim}")

    def hand_over(self, role: str) -> None:
        name = self.state["role_names"][role]
        self.say()
        self.say(f"--- Hand the keyboard to {name}. The other side looks away. ---")
        if self.read(f"{name}, press Enter when ready > ").strip().lower() == "q":
            raise Quit("You left.")

    def decide(self, role: str, turn: int, decisions: list[dict[str, Any]]) -> None:
        answers = [self.ask(role, d) for d in decisions]
        while True:
            mid = self.next_id
            self.next_id += 1
            self.reconnected = False
            try:
                self.send(
                    {"t": "decide", "id": mid, "role": role, "turn": turn, "answers": answers}
                )
            except Exception:  # noqa: BLE001 - the connection dropped: rejoin, then look again
                self.say("(connection lost; reconnecting...)")
                self.connect(first=False)
            while True:
                reply = self.next_message()
                if reply.get("t") == "ack" and reply.get("id") == mid:
                    self.say("Decision sent.")
                    return
                if reply.get("t") == "error" and reply.get("id") == mid:
                    break
                if reply.get("t") == "state":
                    self.state = reply
                    if reply["turn"] != turn or reply["over"] or role in reply["decided"]:
                        return  # the game moved on, or the server had it before the drop
                    if self.reconnected:
                        break  # the answers never arrived: send them again
            if reply.get("t") == "state":
                continue
            message = str(reply.get("message"))
            self.say(f"Server: {message}")
            if "paused" in message:
                self.wait_resumed()
                continue
            return

    def wait_resumed(self) -> None:
        self.say("(waiting for your teacher to resume the class)")
        while True:
            msg = self.next_message()
            if msg.get("t") == "state" and not msg["paused"]:
                self.state = msg
                return

    def ask(self, role: str, dec: dict[str, Any]) -> dict[str, Any]:
        st = self.state
        self.say()
        name = st["role_names"][role]
        source = f" [{dec['actor']}]" if dec["actor"] and dec["actor"] != name else ""
        self.say(f"DECISION for {name}{source}: {dec['title']}")
        if dec["text"]:
            self.say(dec["text"], indent=2)
        opts = dec["options"]
        for k, o in enumerate(opts, 1):
            tag = "" if o["legal"] else "  (not available now)"
            self.say(f"  {k}. {o['label']}{tag}")
            if o["text"]:
                self.say(o["text"], indent=6)
        need_note = st["settings"]["notes_required"]
        hint = " (a reason may follow the number)"
        while True:
            raw = self.read(f"Choose 1-{len(opts)}{hint} > ").strip()
            answer, _, note = raw.partition(" ")
            answer = answer.lower().rstrip(".")
            if answer in ("q", "quit", "exit"):
                raise Quit("You left.")
            if answer in ("h", "help", "?"):
                self.say(HELP)
                continue
            if answer == "d":
                self.show_dashboard(st)
                continue
            if answer in ("f", "a"):
                self.forecast(role, dec)
                continue
            if answer.isdigit() and 1 <= int(answer) <= len(opts):
                k = int(answer) - 1
                if not opts[k]["legal"]:
                    self.say(f"Option {answer} is not available now.")
                    continue
                note = note.strip()
                while need_note and not note:
                    note = self.read("Your teacher asks why: one line > ").strip()
                return {"option": k, "note": note[:300]}
            self.say(f"Please type a number from 1 to {len(opts)} (h for help).")

    def forecast(self, role: str, dec: dict[str, Any]) -> None:
        if not self.state["settings"]["forecasts"]:
            self.say("Forecasts are switched off for this class.")
            return
        self.send({"t": "forecast", "role": role, "slot": dec["slot"]})
        while True:
            msg = self.next_message()
            if msg.get("t") == "forecast":
                break
            if msg.get("t") == "error":
                self.say(f"Server: {msg.get('message')}")
                return
        self.say(f"ASSESSMENT ({msg['rollouts']:,} futures per option)")
        left = msg.get("assessments")
        if left:
            self.say(f"{left['left']} of {left['per_turn']} assessments left this turn", indent=2)
        for k, o in enumerate(msg["options"], 1):
            if not o["legal"]:
                continue
            chances = ", ".join(f"{x['label']} {x['chance']:.0%}" for x in o["objectives"])
            self.say(f"  {k}. {o['label']}")
            if chances:
                self.say(f"objectives met: {chances}", indent=6)
        for a in msg["advisors"]:
            self.say(f"- {a['label']} recommends {a['option'] + 1}: {a['reason']}", indent=2)

    def show_end(self, st: dict[str, Any]) -> None:
        end = st["ending"]
        last = st["last"]
        if last["choices"]:
            self.say()
            self.say(f"CHOICES IN TURN {last['turn']}")
            for c in last["choices"]:
                self.say(f"- {c['role']}: {c['title']} -> {c['option']}", indent=2)
        self.say()
        self.rule("The end")
        self.say(end["title"].upper())
        self.say(end["epilogue"], indent=2)
        for r in end["roles"]:
            self.say()
            self.say(f"{r['name']}: score {r['score']}/100")
            for o in r["objectives"]:
                self.say(f"  {'[x]' if o['met'] else '[ ]'} {o['label']}")
        if end["questions"]:
            self.say()
            self.say("QUESTIONS FOR THE DEBRIEF")
            for k, q in enumerate(end["questions"], 1):
                self.say(f"{k}. {q}", indent=2)


def _reader() -> Callable[[str], str]:
    """Read a line for a prompt; on a pipe, echo the answer so transcripts read well."""
    interactive = sys.stdin.isatty()

    def read(prompt: str) -> str:
        if interactive:
            try:
                return input(prompt)
            except (EOFError, KeyboardInterrupt):
                raise Quit("End of input.") from None
        sys.stdout.write(prompt)
        line = sys.stdin.readline()
        if not line:
            sys.stdout.write("\n")
            raise Quit("End of input.")
        sys.stdout.write(line if line.endswith("\n") else line + "\n")
        return line.rstrip("\n")

    return read


def run_join(
    url: str,
    *,
    code: str,
    group: str,
    role: str = "india",
    opponent: str = "computer",
    players: str = "",
    text: bool = True,
) -> int:
    """`python -m game join`: play a seat in the terminal (JoinError if it cannot)."""
    if not text:
        print(f"Open {url} in a browser to play there, or add --text to play in this terminal.")
        return 0
    join = {"code": code, "group": group, "role": role, "opponent": opponent, "players": players}
    return Client(url, join).run()
