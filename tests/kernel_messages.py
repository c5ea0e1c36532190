"""Run code in a Jupyter kernel over its websocket, as a browser's notebook does (tests of the server and the hub)."""

import json
import time
import uuid

import websocket


def run_cell(ws: websocket.WebSocket, code: str, timeout: float = 300) -> tuple[dict, list[dict]]:
    """Send one execute_request; return the execute_reply's content and the iopub outputs once the kernel is idle."""
    msg_id = uuid.uuid4().hex
    ws.send(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test", "session": uuid.uuid4().hex,
                   "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }))
    outputs, replied, idle = [], None, False
    deadline = time.monotonic() + timeout
    while replied is None or not idle:
        ws.settimeout(max(1.0, deadline - time.monotonic()))
        assert time.monotonic() < deadline, f"cell did not finish within {timeout} s:\n{code[:200]}"
        message = json.loads(ws.recv())
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = message["header"]["msg_type"]
        if kind == "execute_reply":
            replied = message["content"]
        elif kind == "status" and message["content"]["execution_state"] == "idle":
            idle = True
        elif kind in ("stream", "display_data", "execute_result", "error"):
            outputs.append({"type": kind, **message["content"]})
    return replied, outputs


def execute(ws: websocket.WebSocket, code: str, timeout: float = 300) -> list[dict]:
    """Run one cell that must succeed; return its outputs."""
    replied, outputs = run_cell(ws, code, timeout)
    assert replied["status"] == "ok", f"{replied.get('ename')}: {replied.get('evalue')}\n{code[:300]}"
    return outputs
