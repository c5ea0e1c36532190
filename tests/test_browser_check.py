"""scripts/browser_check.py fails fast, saying why, when Run All does not start or stalls (no browser needed)."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("selenium")
spec = importlib.util.spec_from_file_location("browser_check", ROOT / "scripts" / "browser_check.py")
browser_check = importlib.util.module_from_spec(spec)
sys.modules["browser_check"] = browser_check
spec.loader.exec_module(browser_check)


class FakeLab:
    """Stands in for the browser: the prompts of three code cells, advanced by each Run All click and poll."""

    def __init__(self, script):
        self.script, self.clicks, self.polls = script, 0, 0

    def prompts(self, _driver):
        self.polls += 1
        return self.script(self.clicks, self.polls)


@pytest.fixture()
def lab(monkeypatch):
    def install(script):
        fake = FakeLab(script)
        monkeypatch.setattr(browser_check, "click_menu", lambda *_: setattr(fake, "clicks", fake.clicks + 1))
        monkeypatch.setattr(browser_check, "prompts", fake.prompts)
        monkeypatch.setattr(browser_check, "kernel_idle", lambda _driver: True)
        return fake
    return install


def run(**limits):
    settings = {"timeout": 5, "start_timeout": 0.05, "stall_timeout": 0.3, "poll": 0.01} | limits
    browser_check.run_all(None, "02_x.ipynb", 3, **settings)


def test_a_run_all_that_starts_nothing_is_clicked_twice_then_reported(lab):
    fake = lab(lambda clicks, polls: ["[ ]:"] * 3)
    with pytest.raises(browser_check.RunAllFailed, match="started no cell of 02_x.ipynb within 0 s, twice"):
        run()
    assert fake.clicks == 2


def test_a_second_click_that_starts_the_run_is_enough(lab):
    fake = lab(lambda clicks, polls: ["[1]:", "[2]:", "[3]:"] if clicks == 2 else ["[ ]:"] * 3)
    run()
    assert fake.clicks == 2


def test_a_stalled_run_is_reported_with_how_far_it_got(lab):
    lab(lambda clicks, polls: ["[1]:", "[*]:", "[ ]:"])
    with pytest.raises(browser_check.RunAllFailed, match="no cell finished for 0 s; 1 of 3 code cells had run"):
        run()


def test_a_run_that_finishes_returns(lab):
    fake = lab(lambda clicks, polls: ["[1]:", "[*]:", "[ ]:"] if polls < 5 else ["[1]:", "[2]:", "[3]:"])
    run()
    assert fake.clicks == 1
