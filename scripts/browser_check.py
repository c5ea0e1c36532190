"""Open JupyterLab in headless Chromium as a newcomer would: open a lecture, Run All, check it, take a screenshot.

Then start the RISE slideshow of the lecture (Alt+R on the title cell) and take a second screenshot.

JupyterLab serves a scratch copy of notebooks/ (its autosave must not touch the lectures) with fresh settings
and workspace. The lecture runs as shipped (full mode) unless ``--fast``. Needs Debian's Chromium and its driver:
``apt-get install chromium chromium-driver``. ``make browser-check`` runs it.

Usage: python scripts/browser_check.py [--notebook NAME] [--screenshot PATH] [--fast]
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


def run_lecture(driver: webdriver.Chrome, url: str, token: str, name: str, timeout: float) -> None:
    """Open the lecture from the file browser, wait for its kernel, Run All and wait until every cell ran."""
    driver.get(f"{url}/lab?token={token}")
    wait = WebDriverWait(driver, 90)
    entry = wait.until(ec.element_to_be_clickable(
        (By.XPATH, f"//li[contains(@class, 'jp-DirListing-item')][.//span[normalize-space()='{name}']]")))
    ActionChains(driver).double_click(entry).perform()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".jp-NotebookPanel .jp-Cell")))
    wait.until(lambda d: kernel_idle(d))
    click_menu(driver, "Run", "Run All Cells")
    code_cells = sum(c["cell_type"] == "code" for c in json.loads((ROOT / "notebooks" / name).read_text())["cells"])

    def finished(d: webdriver.Chrome) -> bool:
        prompts = d.execute_script(
            "return [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell "
            ".jp-InputArea-prompt')].map(p => p.textContent.trim())")
        return len(prompts) == code_cells and all(p[1:-2].isdigit() for p in prompts) and kernel_idle(d)

    WebDriverWait(driver, timeout, poll_frequency=1).until(finished)


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
    parser.add_argument("--screenshot", type=Path, default=ROOT / "docs" / "jupyterlab.png")
    parser.add_argument("--rise-screenshot", type=Path, default=ROOT / "docs" / "rise.png",
                        help="screenshot of the RISE slideshow (Alt+R) of the same lecture")
    parser.add_argument("--fast", action="store_true", help="run the lecture in fast mode (COURSE_FAST=1)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed for Run All")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    if not (ROOT / "notebooks" / args.notebook).is_file():
        parser.error(f"notebooks/{args.notebook} does not exist")

    with tempfile.TemporaryDirectory(prefix="browser-check-") as scratch:
        home = Path(scratch)
        started = time.monotonic()
        process, url, token = start_lab(home, args.fast)
        driver = None
        try:
            driver = browser(args.chromium, args.chromedriver)
            run_lecture(driver, url, token, args.notebook, args.timeout)
            notebook = save_and_read(driver, home / "notebooks" / args.notebook)
            screenshot(driver, args.screenshot)
            title = notebook["cells"][0]["source"]
            present(driver, "".join(title).splitlines()[0].lstrip("# "), args.rise_screenshot)
            console = sorted({e["message"].splitlines()[0][:200] for e in driver.get_log("browser")
                              if e["level"] == "SEVERE"})
        except WebDriverException as error:
            if driver is not None:
                failure = args.screenshot.with_name("browser-check-failure.png")
                failure.parent.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(str(failure))
                print(f"screenshot of the failure: {failure}")
            print(f"browser check failed: {error.msg or error}\nserver log:\n{(home / 'lab.log').read_text()[-3000:]}")
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
