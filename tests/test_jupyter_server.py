"""JupyterLab's server from the project's environment: list the lectures over REST, run one through a kernel."""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
import websocket
from kernel_messages import execute

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LECTURE = "02_bayes_and_naive_bayes.ipynb"
TIMEOUT = 20  # seconds for any one HTTP request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A Jupyter server on localhost with a token, rooted at the checkout; stopped however the test ends."""
    port, token = free_port(), secrets.token_hex(16)
    home = tmp_path_factory.mktemp("jupyter")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTER_CONFIG_DIR": str(home / "config"),
           "COURSE_FAST": "1", "COURSE_ARTIFACTS": str(home / "artifacts")}
    command = [str(BIN / "jupyter"), "server", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}", "--ServerApp.port_retries=0"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = (home / "server.log").open("w")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    session = requests.Session()
    session.headers["Authorization"] = f"token {token}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, f"the server exited: {(home / 'server.log').read_text()[-2000:]}"
            try:
                if session.get(f"{base}/api/status", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, f"no answer within 60 s: {(home / 'server.log').read_text()[-2000:]}"
            time.sleep(0.5)
        yield base, token, session
    finally:
        try:
            session.post(f"{base}/api/shutdown", timeout=5)
            process.wait(timeout=20)
        except (requests.RequestException, subprocess.TimeoutExpired):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        log.close()


def test_rest_api_lists_the_lectures(server):
    base, _, session = server
    listing = session.get(f"{base}/api/contents/notebooks", timeout=TIMEOUT)
    assert listing.status_code == 200, listing.text
    names = sorted(item["name"] for item in listing.json()["content"] if item["type"] == "notebook")
    assert names == sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert LECTURE in names


def test_a_kernel_started_over_rest_runs_a_lecture(server):
    base, token, session = server
    started = session.post(f"{base}/api/kernels", json={"name": "python3", "path": "notebooks"}, timeout=TIMEOUT)
    assert started.status_code == 201, started.text
    kernel = started.json()["id"]
    try:
        ws = websocket.create_connection(
            f"{base.replace('http', 'ws')}/api/kernels/{kernel}/channels?session_id={uuid.uuid4().hex}",
            header=[f"Authorization: token {token}"], timeout=60,
        )
        try:
            cells = json.loads((ROOT / "notebooks" / LECTURE).read_text())["cells"]
            code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
            printed = []
            for source in code:
                printed += [o.get("text", "") for o in execute(ws, source) if o["type"] == "stream"]
            assert any("Fast mode" in text for text in printed), "the kernel did not run in fast mode"
            where = execute(ws, "import os; print(os.getcwd())")
            assert where[0]["text"].strip() == str(ROOT / "notebooks"), "the kernel should start in notebooks/"
        finally:
            ws.close()
    finally:
        deleted = session.delete(f"{base}/api/kernels/{kernel}", timeout=TIMEOUT)
        assert deleted.status_code == 204, deleted.text
    assert session.get(f"{base}/api/kernels", timeout=TIMEOUT).json() == []
