"""`make lab` gives students a plain JupyterLab: nbgrader's menus and server extensions are off (INSTRUCTOR=1: on)."""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_make_lab_switches_nbgrader_off(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg")}
    env.pop("JUPYTER_CONFIG_PATH", None)
    args = f"--no-browser --port={port} --ip=127.0.0.1 --IdentityProvider.token={token} --ServerApp.port_retries=0"
    log = (tmp_path / "lab.log").open("w")
    process = subprocess.Popen(["make", "--no-print-directory", "-o", ".venv/.installed", "lab", f"BIN={BIN}",
                                f"LAB_ARGS={args}"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    base, headers = f"http://127.0.0.1:{port}", {"Authorization": f"token {token}"}
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, (tmp_path / "lab.log").read_text()[-2000:]
            try:
                if requests.get(f"{base}/api/status", headers=headers, timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, (tmp_path / "lab.log").read_text()[-2000:]
            time.sleep(0.5)
        page = requests.get(f"{base}/lab?token={token}", timeout=20).text
        config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                      page, re.S).group(1))
        assert "@jupyter/nbgrader" in json.dumps(config.get("disabledExtensions")), config.get("disabledExtensions")
        assert requests.get(f"{base}/formgrader", headers=headers, timeout=20).status_code == 404
        assert requests.get(f"{base}/api/contents/01_discriminative_vs_generative.ipynb?content=0", headers=headers,
                            timeout=20).ok, "make lab should open on notebooks/"
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)
        log.close()


def test_instructor_lab_keeps_nbgrader():
    dry = subprocess.run(["make", "-n", "--no-print-directory", "-o", ".venv/.installed", "lab", "INSTRUCTOR=1"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "jupyter lab" in dry and "JUPYTER_CONFIG_PATH" not in dry
