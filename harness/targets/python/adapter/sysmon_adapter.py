"""The reference CPython adapter for trace-harness: a sys.monitoring frame-event recorder (protocol 1).

    npx trace-harness check --tracer-cmd "$(pyenv prefix 3.12.1)/bin/python3 sysmon_adapter.py" --lang python

Spec: harness/targets/process/PROTOCOL.md (cited as §N below). CPython docs: "sys.monitoring — Execution event
monitoring", https://docs.python.org/3.12/library/sys.monitoring.html (cited as [mon]). Stdlib only; the file
parses on older interpreters so it can refuse them politely (§2).
"""
import asyncio
import inspect
import json
import os
import sys

MONITORING = getattr(sys, "monitoring", None)  # [mon]: new in 3.12
DISABLE = getattr(MONITORING, "DISABLE", None)  # [mon] "Disabling events": a callback may return it
HELLO = {
    "type": "hello", "protocol": 1, "tracer": {"name": "sysmon-reference", "version": "1"},
    "language": "python", "semantics": "cpython-3.12",
    "supports": {"suites": ["generators", "coroutines"],
                 "statements": ["call", "yield", "yield*", "for-of", "drive", "try", "throw", "return", "reenter", "await"]},
    "trace": "jsonl",
}
JSONL_HEADER = '{"format":"trace-harness-jsonl","version":1}'  # README "JSONL": header line, then one event a line


class Recorder:
    """Turns the six frame events of one program run into JSONL lines (§3 `trace`)."""

    def __init__(self):
        self.filename = None  # the file name this run compiled its program under (§6 step 1)
        self.functions = frozenset()  # the request's `functions`: record these names only (§3)
        self.lines = []  # the JSONL event lines of this run, seq = index
        self.ids = {}  # frame object -> activation id; a generator keeps one frame for its whole life
        self.next_id = 1

    def reset(self, filename, functions):
        self.filename, self.functions = filename, frozenset(functions)
        self.lines, self.ids, self.next_id = [], {}, 1

    def wanted(self, code):
        # §6 step 2: the program's own functions, in the file we compiled; not the prelude, not the stdlib.
        return code.co_filename == self.filename and code.co_name in self.functions

    def emit(self, kind, activation, code):
        # One line, keys in the order seq, kind, activation, code, flags (README "JSONL"); flags 0 (§3).
        self.lines.append('{"seq":%d,"kind":"%s","activation":%d,"code":%s,"flags":0}'
                          % (len(self.lines), kind, activation, json.dumps(code.co_name)))

    def start(self, frame):
        # A new invocation: a new activation id (§3 "one activation id per invocation").
        self.ids[frame] = aid = self.next_id
        self.next_id += 1
        return aid

    def known(self, frame):
        # The id of a live invocation; a frame never seen gets a new one (PY_THROW into a never-started
        # generator: CPython 3.12 fires PY_THROW then PY_UNWIND without any PY_START).
        aid = self.ids.get(frame)
        return self.start(frame) if aid is None else aid

    def end(self, frame):
        # Terminal event: forget the frame. A dead frame's object may be reused by a later frame; while it is
        # a key here we hold it alive, so no two live invocations can share a key.
        aid = self.known(frame)
        del self.ids[frame]
        return aid

    # Callbacks, one per event ([mon] "Events": signatures). sys._getframe(0) is the callback itself, (1) the
    # frame of the instrumented code object. Local events may return DISABLE for code we do not record, so
    # CPython stops calling us at that location until restart_events() ([mon] "Disabling events").
    def py_start(self, code, offset):  # PY_START: a function starts, a generator's first next()
        if not self.wanted(code):
            return DISABLE
        self.emit("call", self.start(sys._getframe(1)), code)

    def py_resume(self, code, offset):  # PY_RESUME: next()/send() re-enters a suspended generator
        if not self.wanted(code):
            return DISABLE
        self.emit("resume", self.known(sys._getframe(1)), code)

    def py_yield(self, code, offset, value):  # PY_YIELD: a generator suspends (not terminal)
        if not self.wanted(code):
            return DISABLE
        self.emit("yield", self.known(sys._getframe(1)), code)

    def py_return(self, code, offset, value):  # PY_RETURN: terminal, the activation ends normally
        if not self.wanted(code):
            return DISABLE
        self.emit("return", self.end(sys._getframe(1)), code)

    def py_throw(self, code, offset, exc):  # PY_THROW: throw()/close() re-enters a generator. Cannot be
        if self.wanted(code):  # disabled: returning DISABLE here raises ValueError and removes the callback
            self.emit("throw", self.known(sys._getframe(1)), code)

    def py_unwind(self, code, offset, exc):  # PY_UNWIND: terminal, an exception leaves the frame (no DISABLE)
        if self.wanted(code):
            self.emit("unwind", self.end(sys._getframe(1)), code)

    EVENTS = ("PY_START", "PY_RESUME", "PY_YIELD", "PY_RETURN", "PY_THROW", "PY_UNWIND")


def claim_tool_id(name):
    # [mon] "Registering and using tools": ids 0-5; take the first free one, the profiler's first.
    M = MONITORING
    for tool in (M.PROFILER_ID, M.OPTIMIZER_ID, 3, 4, M.DEBUGGER_ID, M.COVERAGE_ID):
        try:
            M.use_tool_id(tool, name)
            return tool
        except ValueError:  # in use by another tool (a debugger, coverage)
            continue
    raise RuntimeError("no free sys.monitoring tool id")


def run(recorder, tool, mask, request):
    """§6 steps 1-4 for one `run` request; returns the response."""
    rid = request.get("id")
    filename = "<trace-harness %s>" % rid
    try:
        compiled = compile(request["source"], filename, "exec")  # §6.1; a SyntaxError -> error (§3)
        namespace = {}
        exec(compiled, namespace)  # nothing runs yet but the prelude
        entry = namespace[request["entry"]]
        tagged = namespace.get("Tagged")
    except BaseException as e:  # compile errors, a missing entry: the program could not run at all (§3)
        return {"type": "error", "id": rid, "message": "%s: %s" % (type(e).__name__, e)}
    hook, sys.unraisablehook = sys.unraisablehook, lambda unraisable: None  # §6.4: ignore unraisables
    try:  # ...and put the hook back whatever happens
        recorder.reset(filename, request.get("functions", ()))
        MONITORING.set_events(tool, mask)  # §6.2: start recording...
        try:
            result = entry()
            if inspect.iscoroutine(result):  # §6.2: an async entry (the coroutines suite) runs to its end under asyncio
                asyncio.run(result)
            outcome = {"kind": "return"}
        except BaseException as e:  # §6.3: the program's tag, else the class name
            tag = e.args[0] if tagged is not None and isinstance(e, tagged) and e.args else type(e).__name__
            outcome = {"kind": "throw", "tag": tag}
        finally:
            MONITORING.set_events(tool, 0)  # ...and stop whatever happens
        MONITORING.restart_events()  # undo our DISABLEs so the next program's stdlib calls are seen afresh
        lines, recorder.ids = recorder.lines, {}  # drop the frames we held
        # §6.4: finalise leftovers after recording stopped, unrecorded. Clearing the namespace breaks the
        # function <-> globals cycles, so refcounting frees the program now (with unraisables still silenced)
        # instead of leaving it to a cyclic collection in the middle of a later program.
        namespace.clear()
        del namespace, entry, tagged
    finally:
        sys.unraisablehook = hook
    return {"type": "result", "id": rid, "outcome": outcome, "trace": "\n".join([JSONL_HEADER] + lines) + "\n"}


def main(recorder_class=Recorder, hello=HELLO):
    # §1: stdout is ours alone. Keep a private copy of fd 1, then point fd 1 and sys.stdout at stderr, so a
    # program's print() (or a C extension writing to fd 1) can never corrupt the protocol stream.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", newline="\n")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    stdin = sys.stdin.buffer

    def send(message):
        out.write(json.dumps(message) + "\n")  # one JSON object a line (§1), ASCII-escaped
        out.flush()

    stdin.readline()  # §2: the harness writes its hello first; we answer whatever it says (it decides)
    if MONITORING is None:  # §2: cannot start -> a hello with "error", exit
        send({"type": "hello", "protocol": 1, "error": "CPython 3.12 or newer is needed for sys.monitoring; "
              "this is %s at %s (try $(pyenv prefix 3.12.1)/bin/python3)" % (sys.version.split()[0], sys.executable)})
        return 1
    recorder = recorder_class()
    tool = claim_tool_id(hello["tracer"]["name"])
    mask = 0
    for name in Recorder.EVENTS:  # register bound methods: a subclass's overrides take effect
        event = getattr(MONITORING.events, name)
        MONITORING.register_callback(tool, event, getattr(recorder, name.lower()))
        mask |= event
    send(hello)
    for line in iter(stdin.readline, b""):  # §1: until end of file...
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except ValueError as e:
            send({"type": "error", "message": "not JSON: %s" % e})
            continue
        if not isinstance(request, dict):  # §1: a line that is not a JSON object -> error, and go on
            send({"type": "error", "message": "want a JSON object, got %s" % type(request).__name__})
            continue
        kind = request.get("type")
        if kind == "bye":  # ...or a bye
            break
        if kind == "run":
            send(run(recorder, tool, mask, request))
        else:  # §1: unknown types are errors (an id only when the message had one)
            reply = {"type": "error", "message": "unknown message type %r" % (kind,)}
            if "id" in request:
                reply["id"] = request["id"]
            send(reply)
    MONITORING.free_tool_id(tool)
    return 0


if __name__ == "__main__":
    sys.exit(main())
