"""Open JupyterLab in headless Chromium as a newcomer would: open a lecture, Run All, check it, take a screenshot.

Then start the RISE slideshow of the lecture (Alt+R on the title cell) and take a second screenshot.

JupyterLab serves a scratch copy of notebooks/ (its autosave must not touch the lectures) with fresh settings
and workspace. The lecture runs as shipped (full mode) unless ``--fast``. Needs Debian's Chromium and its driver:
``apt-get install chromium chromium-driver``. ``make browser-check`` runs it.

It fails fast and says why: when Run All starts no cell within ``--start-timeout`` seconds (it clicks Run All a
second time first), or when no further cell finishes within ``--stall-timeout`` seconds. The screenshots go to
build/browser-check/, so a check leaves ``git status`` clean; ``--refresh-screenshots`` (``make browser-check
REFRESH=1``) writes the README's docs/jupyterlab.png and docs/rise.png instead. JupyterLab, its kernels and the
browser are stopped whatever happens, and the scratch folder is removed.

Usage: python scripts/browser_check.py [--notebook NAME] [--fast] [--refresh-screenshots]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHECK_DIR = ROOT / "build" / "browser-check"  # screenshots of a check; docs/ only with --refresh-screenshots
NO_NEWS = {"fetchNews": "false", "checkForUpdates": False}  # no pop-up asking to fetch news from the web


def free_port() -> int:
    """A free TCP port on localhost."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_lab(home: Path, fast: bool) -> tuple[subprocess.Popen, str, str]:
    """Start JupyterLab on a scratch copy of notebooks/; return the process, its URL and its token."""
    notebooks = home / "notebooks"
    notebooks.mkdir()
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        shutil.copy(notebook, notebooks)
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps(NO_NEWS))
    env = {k: v for k, v in os.environ.items() if k != "COURSE_FAST"}
    env.update(JUPYTERLAB_SETTINGS_DIR=str(home / "settings"), JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_CONFIG_PATH=str(ROOT / "jupyter" / "lab"),  # as `make lab` for students: nbgrader off
               COURSE_ARTIFACTS=str(home / "artifacts"))
    if fast:
        env["COURSE_FAST"] = "1"
    port, token = free_port(), secrets.token_hex(16)
    command = [str(BIN / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={notebooks}"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = (home / "lab.log").open("w")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited:\n{(home / 'lab.log').read_text()[-3000:]}")
        try:
            if requests.get(f"{url}/api/status", headers={"Authorization": f"token {token}"}, timeout=2).ok:
                return process, url, token
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    process.terminate()
    raise TimeoutError(f"JupyterLab did not answer within 90 s:\n{(home / 'lab.log').read_text()[-3000:]}")


def stop_lab(process: subprocess.Popen, url: str, token: str) -> None:
    """Shut the server down through its API, or terminate it."""
    try:
        requests.post(f"{url}/api/shutdown", headers={"Authorization": f"token {token}"}, timeout=5)
        process.wait(timeout=20)
    except (requests.RequestException, subprocess.TimeoutExpired):
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def browser(chromium: str, chromedriver: str) -> webdriver.Chrome:
    """Headless Chromium driven through Debian's chromedriver (nothing is downloaded)."""
    for path, package in ((chromium, "chromium"), (chromedriver, "chromium-driver")):
        if not Path(path).is_file():
            raise FileNotFoundError(f"{path} not found: install it with `sudo apt-get install {package}`")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,1000",
                 "--force-device-scale-factor=1", "--hide-scrollbars"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)


def click_menu(driver: webdriver.Chrome, menu: str, entry: str) -> None:
    """Click a top-level menu, then one of its entries, by their labels (Run > Run All Cells)."""
    wait = WebDriverWait(driver, 30)
    item = wait.until(ec.element_to_be_clickable(
        (By.XPATH, f"//li[contains(@class, 'lm-MenuBar-item')][.//div[normalize-space()='{menu}']]")))
    item.click()
    wait.until(ec.element_to_be_clickable(
        (By.XPATH, f"//li[contains(@class, 'lm-Menu-item')][div[contains(@class, 'lm-Menu-itemLabel')]"
                   f"[normalize-space()='{entry}']]"))).click()


def kernel_idle(driver: webdriver.Chrome) -> bool:
    """True when the notebook's kernel indicator in the toolbar shows an idle kernel."""
    indicators = driver.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) "
                                                       ".jp-Notebook-ExecutionIndicator")
    return bool(indicators) and indicators[0].get_attribute("data-status") == "idle"


class RunAllFailed(RuntimeError):
    """Run All did not start, stalled, or did not finish in time."""


def prompts(driver: webdriver.Chrome) -> list[str]:
    """The execution prompts of the open notebook's code cells: '[ ]:', '[*]:', '[12]:'."""
    return driver.execute_script(
        "return [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell "
        ".jp-InputArea-prompt')].map(p => p.textContent.trim())")


def executed(driver: webdriver.Chrome) -> int:
    """How many code cells have run (a number in their prompt)."""
    return sum(p[1:-2].isdigit() for p in prompts(driver))


def started(driver: webdriver.Chrome) -> bool:
    """True once any code cell is running or has run."""
    return any(p[1:-2] == "*" or p[1:-2].isdigit() for p in prompts(driver))


def run_lecture(driver: webdriver.Chrome, url: str, token: str, name: str, timeout: float,
                start_timeout: float = 60, stall_timeout: float = 600) -> None:
    """Open the lecture from the file browser, wait for its kernel, Run All and wait until every cell ran.

    Raises RunAllFailed, saying which, when no cell starts within ``start_timeout`` seconds of Run All (clicked a
    second time before giving up), when no further cell finishes within ``stall_timeout`` seconds, or when the
    whole run takes more than ``timeout`` seconds.
    """
    driver.get(f"{url}/lab?token={token}")
    wait = WebDriverWait(driver, 90)
    entry = wait.until(ec.element_to_be_clickable(
        (By.XPATH, f"//li[contains(@class, 'jp-DirListing-item')][.//span[normalize-space()='{name}']]")))
    ActionChains(driver).double_click(entry).perform()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".jp-NotebookPanel .jp-Cell")))
    wait.until(lambda d: kernel_idle(d))
    code_cells = sum(c["cell_type"] == "code" for c in json.loads((ROOT / "notebooks" / name).read_text())["cells"])
    run_all(driver, name, code_cells, timeout, start_timeout, stall_timeout)


def run_all(driver: webdriver.Chrome, name: str, code_cells: int, timeout: float, start_timeout: float,
            stall_timeout: float, poll: float = 1.0) -> None:
    """Click Run > Run All Cells and wait until all ``code_cells`` ran; raise RunAllFailed as run_lecture says."""
    for attempt in (1, 2):
        click_menu(driver, "Run", "Run All Cells")
        deadline = time.monotonic() + start_timeout
        while time.monotonic() < deadline and not started(driver):
            time.sleep(poll)
        if started(driver):
            break
        print(f"Run All started no cell within {start_timeout:.0f} s (attempt {attempt} of 2)", flush=True)
    else:
        raise RunAllFailed(f"Run All started no cell of {name} within {start_timeout:.0f} s, twice: the kernel did "
                           "not take the request (see the server log below and the failure screenshot)")
    begin = last_change = time.monotonic()
    done = 0
    while True:
        now, count = time.monotonic(), executed(driver)
        if count == code_cells and kernel_idle(driver):
            return
        if count != done:
            done, last_change = count, now
        if now - last_change > stall_timeout:
            raise RunAllFailed(f"{name}: no cell finished for {stall_timeout:.0f} s; {done} of {code_cells} code "
                               "cells had run")
        if now - begin > timeout:
            raise RunAllFailed(f"{name}: Run All took more than {timeout:.0f} s; {done} of {code_cells} cells had run")
        time.sleep(poll)


def save_and_read(driver: webdriver.Chrome, path: Path) -> dict:
    """Save the notebook from the browser (File > Save) and read it back from disk."""
    before = path.stat().st_mtime_ns
    click_menu(driver, "File", "Save Notebook")
    WebDriverWait(driver, 30).until(lambda d: path.stat().st_mtime_ns != before)
    time.sleep(1)  # let the write finish
    return json.loads(path.read_text())


def screenshot(driver: webdriver.Chrome, out: Path) -> None:
    """Scroll the first figure near the top of the notebook and save a PNG of the whole window."""
    driver.execute_script(
        "const img = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img');"
        "if (img) img.closest('.jp-Cell').scrollIntoView({block: 'start'});")
    time.sleep(2)
    out.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(out))


def present(driver: webdriver.Chrome, title: str, out: Path) -> None:
    """Select the title cell, press Alt+R (RISE) and wait until the slideshow shows the title slide."""
    first = driver.find_element(By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", first)
    first.find_element(By.CSS_SELECTOR, ".jp-RenderedMarkdown").click()
    ActionChains(driver).key_down(Keys.ALT).send_keys("r").key_up(Keys.ALT).perform()
    frame = WebDriverWait(driver, 60).until(ec.presence_of_element_located((By.CSS_SELECTOR, "iframe[src*='rise/']")))
    driver.switch_to.frame(frame)
    try:
        WebDriverWait(driver, 90, poll_frequency=1).until(lambda d: title in "".join(
            e.text for e in d.find_elements(By.CSS_SELECTOR, ".reveal .slides section.present")))
    finally:
        driver.switch_to.default_content()
    time.sleep(2)
    driver.save_screenshot(str(out))


def check(notebook: dict) -> list[str]:
    """Problems in a saved, executed notebook: error outputs and cells that did not run."""
    problems = []
    for i, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        if cell.get("execution_count") is None:
            problems.append(f"cell {i} did not run")
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                problems.append(f"cell {i}: {output['ename']}: {output['evalue']}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", default="02_bayes_and_naive_bayes.ipynb", help="lecture file name")
    parser.add_argument("--refresh-screenshots", action="store_true",
                        help="write the README's docs/jupyterlab.png and docs/rise.png (default: build/browser-check/)")
    parser.add_argument("--fast", action="store_true", help="run the lecture in fast mode (COURSE_FAST=1)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed for Run All")
    parser.add_argument("--start-timeout", type=float, default=60, help="seconds for Run All to start a cell")
    parser.add_argument("--stall-timeout", type=float, default=600, help="seconds allowed without a cell finishing")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    if not (ROOT / "notebooks" / args.notebook).is_file():
        parser.error(f"notebooks/{args.notebook} does not exist")
    out = ROOT / "docs" if args.refresh_screenshots else CHECK_DIR
    args.screenshot, args.rise_screenshot = out / "jupyterlab.png", out / "rise.png"

    with tempfile.TemporaryDirectory(prefix="browser-check-") as scratch:
        home = Path(scratch)
        started = time.monotonic()
        process, url, token = start_lab(home, args.fast)
        driver = None
        try:
            driver = browser(args.chromium, args.chromedriver)
            run_lecture(driver, url, token, args.notebook, args.timeout, args.start_timeout, args.stall_timeout)
            notebook = save_and_read(driver, home / "notebooks" / args.notebook)
            screenshot(driver, args.screenshot)
            title = notebook["cells"][0]["source"]
            present(driver, "".join(title).splitlines()[0].lstrip("# "), args.rise_screenshot)
            console = sorted({e["message"].splitlines()[0][:200] for e in driver.get_log("browser")
                              if e["level"] == "SEVERE"})
        except (WebDriverException, RunAllFailed) as error:
            if driver is not None:
                failure = CHECK_DIR / "browser-check-failure.png"
                failure.parent.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(str(failure))
                print(f"screenshot of the failure: {failure}")
            message = error.msg if isinstance(error, WebDriverException) and error.msg else error
            print(f"browser check failed: {message}\nserver log:\n{(home / 'lab.log').read_text()[-3000:]}")
            return 1
        finally:
            if driver is not None:
                driver.quit()
            stop_lab(process, url, token)
    problems = check(notebook)
    ran = sum(c["cell_type"] == "code" for c in notebook["cells"])
    print(f"{args.notebook}: ran {ran} code cells in JupyterLab ({time.monotonic() - started:.0f} s in all); "
          f"screenshots {args.screenshot} and {args.rise_screenshot} (RISE)")
    for message in console:
        print(f"browser console: {message[:300]}")
    for problem in problems:
        print(f"error: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
