# JupyterHub for a class on one machine: every student logs in with their Unix account (JupyterHub's default PAM
# authenticator), gets a JupyterLab server running as that account (the default local process spawner), and finds
# the student copies of the lectures in ~/lectures on first login. nbgrader's exchange is the folder
# /srv/nbgrader/exchange shared by all accounts. hub/README.md walks through setting it up; The Littlest JupyterHub
# is the supported way to run the same on a fresh server (it installs JupyterHub, the proxy and systemd units).
#
# Settings come from the environment, so one file serves a class and the course's own test (tests/test_hub.py):
#   COURSE_HUB_ADMINS     instructors' account names, comma-separated (they see the admin page)
#   COURSE_HUB_STUDENTS   optional: only these account names may log in, comma-separated (default: any account)
#   COURSE_LECTURES_DIR   the folder of lectures copied into each new home (default: this checkout's student/)
#   COURSE_HUB_PROXY      the configurable-http-proxy command (default: the one `make hub-proxy` installs)
#   COURSE_HUB_STATE      where the hub keeps its database and cookie secret (default: /srv/jupyterhub)
import os
import pwd
import shutil
from pathlib import Path

c = get_config()  # noqa: F821  (JupyterHub provides it)

HERE = Path(__file__).resolve().parent
STATE = Path(os.environ.get("COURSE_HUB_STATE", "/srv/jupyterhub"))
LECTURES = Path(os.environ.get("COURSE_LECTURES_DIR", HERE.parent / "student"))


def names(variable: str) -> set[str]:
    return {name.strip() for name in os.environ.get(variable, "").split(",") if name.strip()}


c.JupyterHub.bind_url = os.environ.get("COURSE_HUB_URL", "http://:8000")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.command = [os.environ.get("COURSE_HUB_PROXY",
                                                  str(HERE.parent / "build" / "hub" / "node_modules" / ".bin" /
                                                      "configurable-http-proxy"))]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

c.Authenticator.admin_users = names("COURSE_HUB_ADMINS")
if names("COURSE_HUB_STUDENTS"):
    c.Authenticator.allowed_users = names("COURSE_HUB_STUDENTS")
else:
    c.Authenticator.allow_all = True  # any account of the machine may log in

c.Spawner.default_url = "/lab"
c.Spawner.cmd = ["jupyterhub-singleuser"]
c.Spawner.environment = {
    "NBGRADER_EXCHANGE": os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange"),
    "JUPYTER_CONFIG_PATH": str(HERE / "jupyter"),  # students: nbgrader's Assignments tab on, its formgrader off
}
# One student's kernel during the course's longest full-mode lecture: see "Resources" in hub/README.md.
c.Spawner.mem_limit = os.environ.get("COURSE_HUB_MEM_LIMIT", "4G")
c.Spawner.cpu_limit = float(os.environ.get("COURSE_HUB_CPU_LIMIT", "2"))
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120


def home_of(spawner) -> Path:
    """A student's home: the account's (a class), or the spawner's own folder (the test's spawner has one)."""
    if getattr(spawner, "home_dir", ""):
        return Path(spawner.home_dir)
    return Path(pwd.getpwnam(spawner.user.name).pw_dir)


def copy_lectures(spawner) -> None:
    """On a student's first start, copy the lectures into ~/lectures (never over a student's own files)."""
    target = home_of(spawner) / "lectures"
    if not LECTURES.is_dir() or target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(LECTURES, target)
    if os.geteuid() == 0 and spawner.user.name != "root" and not getattr(spawner, "home_dir", ""):
        for path in [target, *target.rglob("*")]:  # a hub run as root copies into the student's account
            shutil.chown(path, user=spawner.user.name, group=pwd.getpwnam(spawner.user.name).pw_gid)


c.Spawner.pre_spawn_hook = copy_lectures
