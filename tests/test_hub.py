"""The class's JupyterHub (hub/jupyterhub_config.py), started for real on localhost with its npm proxy.

Two students log in through the hub's login form and ask the REST API for their own tokens, start their servers
over the REST API, list the lectures the hub copied into their homes, and one of them runs a lecture through a
kernel of her server; then both servers and the hub stop. Only the authenticator (a password for everyone) and the
spawner (every student a folder under the test's temporary directory, as this Unix account) differ from a class's
hub: PAM accounts and per-account processes need a machine's users, which a test does not create.
"""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
import websocket
from kernel_messages import execute, run_cell

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PROXY = ROOT / "build" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
STUDENTS = ["ada", "ben"]
LECTURE = "02_bayes_and_naive_bayes.ipynb"
ASSIGNMENT = LECTURE.removesuffix(".ipynb")
TIMEOUT = 20  # seconds for any one HTTP request
START_TIMEOUT = 120  # seconds for the hub, or a student's server, to answer

TEST_CONFIG = """\
load_subconfig({config!r})
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.JupyterHub.services = [{{"name": "course-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "course-test", "services": ["course-test"],
                            "scopes": ["admin:users", "admin:servers", "shutdown"]}}]
c.Spawner.environment.update({{"COURSE_FAST": "1", "COURSE_ARTIFACTS": {artifacts!r}}})
c.Spawner.args = {args!r}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, what: str, log: Path, timeout: float = START_TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = condition()
            if result:
                return result
        except requests.ConnectionError:
            pass
        assert time.monotonic() < deadline, f"{what} within {timeout} s; hub log:\n{log.read_text()[-3000:]}"
        time.sleep(0.5)


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """A running hub: (base URL, service token, password, homes, log, course folder, env); stopped at the end."""
    if not PROXY.exists():
        done = subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", "hub-proxy", f"BIN={BIN}"],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"make hub-proxy (npm ci) failed:\n{done.stdout}{done.stderr}"
    base_dir = tmp_path_factory.mktemp("hub")
    state, homes = base_dir / "state", base_dir / "homes"
    state.mkdir()
    port, token, password = free_port(), secrets.token_hex(16), secrets.token_hex(8)
    config = base_dir / "test_config.py"
    config.write_text(TEST_CONFIG.format(
        config=str(ROOT / "hub" / "jupyterhub_config.py"), password=password, homes=str(homes), hub_port=free_port(),
        api_port=free_port(), token=token, artifacts=str(base_dir / "artifacts"),
        args=["--allow-root"] if os.geteuid() == 0 else []))
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "COURSE_HUB_STATE": str(state), "COURSE_HUB_URL": f"http://127.0.0.1:{port}",
           "COURSE_HUB_ADMINS": "teacher", "COURSE_HUB_STUDENTS": ",".join(["teacher", *STUDENTS]),
           "NBGRADER_EXCHANGE": str(base_dir / "exchange")}
    course = base_dir / "course"  # the instructor's: one lecture released into the hub's exchange
    (base_dir / "exchange").mkdir()
    for command in ([sys.executable, str(ROOT / "scripts" / "make_assignments.py"), "--course-dir", str(course),
                     "--generate", str(ROOT / "notebooks" / LECTURE)],
                    [str(BIN / "nbgrader"), "release_assignment", ASSIGNMENT]):
        done = subprocess.run(command, cwd=course if course.exists() else ROOT, env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
    log_path = base_dir / "hub.log"
    log = log_path.open("w")
    process = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(config)], cwd=state, env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: process.poll() is None and requests.get(f"{base}/hub/api/", timeout=2).ok,
                 "the hub did not answer", log_path)
        yield base, token, password, homes, log_path, course, env
    finally:
        try:
            requests.post(f"{base}/hub/api/shutdown", json={"servers": True, "proxy": True},
                          headers={"Authorization": f"token {token}"}, timeout=TIMEOUT)
            process.wait(timeout=60)
        except (requests.RequestException, subprocess.TimeoutExpired):
            pass
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        log.close()


def log_in(base: str, name: str, password: str) -> requests.Session:
    """The login form, as a browser fills it; then an API token of the student's own, asked for over REST."""
    session = requests.Session()
    page = session.get(f"{base}/hub/login", timeout=TIMEOUT)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
    done = session.post(f"{base}/hub/login", data={"username": name, "password": password, "_xsrf": xsrf},
                        timeout=TIMEOUT, allow_redirects=False)
    assert done.status_code == 302, f"{name}: login refused ({done.status_code})"
    session.get(f"{base}/hub/home", timeout=TIMEOUT)  # a page after login sets the session's own XSRF cookie
    xsrf = [cookie.value for cookie in session.cookies if cookie.name == "_xsrf"][-1]
    who = session.get(f"{base}/hub/api/user", timeout=TIMEOUT, headers={"X-XSRFToken": xsrf})
    assert who.status_code == 200 and who.json()["name"] == name, who.text
    made = session.post(f"{base}/hub/api/users/{name}/tokens", json={"note": "course test", "expires_in": 600},
                        timeout=TIMEOUT, headers={"X-XSRFToken": xsrf})
    assert made.status_code == 201, made.text
    api = requests.Session()
    api.headers["Authorization"] = f"token {made.json()['token']}"
    return api


@pytest.fixture(scope="module")
def students(hub):
    """Both students logged in, their servers started; {name: token session}. Servers stopped at the end."""
    base, _, password, _, log, _, _ = hub
    sessions = {name: log_in(base, name, password) for name in STUDENTS}
    for name, api in sessions.items():
        started = api.post(f"{base}/hub/api/users/{name}/server", timeout=TIMEOUT)
        assert started.status_code in (201, 202), started.text
    for name, api in sessions.items():
        wait_for(lambda api=api, name=name: api.get(f"{base}/hub/api/users/{name}", timeout=TIMEOUT).json()
                 .get("servers", {}).get("", {}).get("ready"), f"{name}'s server was not ready", log)
    yield sessions
    for name, api in sessions.items():
        stopped = api.delete(f"{base}/hub/api/users/{name}/server", timeout=TIMEOUT)
        assert stopped.status_code in (202, 204), stopped.text
        wait_for(lambda api=api, name=name: not api.get(f"{base}/hub/api/users/{name}", timeout=TIMEOUT).json()
                 .get("servers"), f"{name}'s server did not stop", log)


def test_a_wrong_password_is_refused(hub):
    base, *_ = hub
    session = requests.Session()
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', session.get(f"{base}/hub/login", timeout=TIMEOUT).text).group(1)
    done = session.post(f"{base}/hub/login", data={"username": "ada", "password": "wrong", "_xsrf": xsrf},
                        timeout=TIMEOUT, allow_redirects=False)
    assert done.status_code != 302 and session.get(f"{base}/hub/api/user", timeout=TIMEOUT).status_code == 403


def test_each_student_finds_the_lectures_in_their_own_server(hub, students):
    base, _, _, homes, *_ = hub
    expected = sorted(p.name for p in (ROOT / "student").glob("*.ipynb"))
    for name, api in students.items():
        listing = api.get(f"{base}/user/{name}/api/contents/lectures", timeout=TIMEOUT)
        assert listing.status_code == 200, listing.text
        assert sorted(item["name"] for item in listing.json()["content"]) == expected
        assert (homes / name / "lectures" / LECTURE).is_file()
    other = students["ben"].get(f"{base}/user/ada/api/contents/lectures", timeout=TIMEOUT, allow_redirects=False)
    assert other.status_code in (302, 403), "one student's token must not open another's server"


def test_a_student_runs_a_lecture_through_her_server(hub, students):
    """ada runs the student copy of a lecture top to bottom: only its exercise cells (stubs, checks) fail."""
    base, _, _, homes, *_ = hub
    api = students["ada"]
    token = api.headers["Authorization"].split()[1]
    started = api.post(f"{base}/user/ada/api/kernels", json={"name": "python3", "path": "lectures"}, timeout=TIMEOUT)
    assert started.status_code == 201, started.text
    kernel = started.json()["id"]
    cells = json.loads((homes / "ada" / "lectures" / LECTURE).read_text())["cells"]
    exercise_cells = {i for i, c in enumerate(cells) if "Exercise not done yet" in "".join(c["source"])}
    exercise_cells |= {i + 1 for i in exercise_cells}  # each stub's check cell
    ws = websocket.create_connection(
        f"{base.replace('http', 'ws')}/user/ada/api/kernels/{kernel}/channels?session_id={uuid.uuid4().hex}",
        header=[f"Authorization: token {token}"], timeout=60)
    try:
        printed, failed = [], []
        for index, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            replied, outputs = run_cell(ws, "".join(cell["source"]))
            printed += [o.get("text", "") for o in outputs if o["type"] == "stream"]
            if replied["status"] != "ok":
                failed.append(index)
        assert exercise_cells and set(failed) <= exercise_cells, f"cells {sorted(set(failed) - exercise_cells)} failed"
        assert any("Fast mode" in text for text in printed), "the kernel did not run in fast mode"
        where = execute(ws, "import os; print(os.getcwd())")
        assert where[0]["text"].strip() == str(homes / "ada" / "lectures")
    finally:
        ws.close()
        api.delete(f"{base}/user/ada/api/kernels/{kernel}", timeout=TIMEOUT)


def test_a_student_fetches_and_submits_an_assignment_through_nbgrader_on_the_hub(hub, students):
    """The Assignments tab's requests: list, fetch, submit; then the instructor collects the submission."""
    base, _, _, homes, _, course, env = hub
    api, query = students["ben"], {"course_id": "generative-models"}
    listed = api.get(f"{base}/user/ben/assignments", params=query, timeout=TIMEOUT)
    assert listed.status_code == 200, listed.text
    assert [(a["assignment_id"], a["status"]) for a in listed.json()["value"]] == [(ASSIGNMENT, "released")]
    assert api.get(f"{base}/user/ben/formgrader", timeout=TIMEOUT).status_code == 404, "students get no formgrader"
    for action in ("fetch", "submit"):
        done = api.post(f"{base}/user/ben/assignments/{action}", data={**query, "assignment_id": ASSIGNMENT},
                        timeout=60)
        assert done.status_code == 200 and done.json()["success"], done.text
    assert (homes / "ben" / ASSIGNMENT / LECTURE).is_file()
    collected = subprocess.run([str(BIN / "nbgrader"), "collect", ASSIGNMENT], cwd=course, env=env,
                               capture_output=True, text=True, timeout=120)
    assert collected.returncode == 0, collected.stdout + collected.stderr
    assert (course / "submitted" / "ben" / ASSIGNMENT / LECTURE).is_file()
