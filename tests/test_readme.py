"""The README's lecture table is generated from notebooks/ and cannot drift."""

import importlib.util
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts" / "update_readme.py")
update_readme = importlib.util.module_from_spec(spec)
spec.loader.exec_module(update_readme)


def test_lecture_table_is_up_to_date():
    current = (ROOT / "README.md").read_text()
    assert update_readme.updated_readme(current) == current, "README lecture table is stale: run `make readme`"


def test_every_notebook_is_in_the_table():
    readme = (ROOT / "README.md").read_text()
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert f"(notebooks/{nb.name})" in readme, f"{nb.name} is missing from the README lecture table"


def test_readme_gives_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text()
    assert re.search(r"^make lab$", readme, re.M) and re.search(r"^make test$", readme, re.M)


def test_run_time_flags_runs_measured_on_a_shared_machine():
    quiet = {"wall_s": 120.0, "cpu_s": 200.0, "load_before": 1.4}
    busy = {"wall_s": 1200.0, "cpu_s": 420.0, "load_before": 9.7}
    assert update_readme.run_time(quiet) == "2.0 min"
    assert update_readme.run_time({"wall_s": 90.0}) == "1.5 min", "old entries without CPU time or load"
    assert update_readme.run_time(busy) == "20.0 min on a shared machine (load 10; 7.0 min CPU)"
    shared_later = {"wall_s": 1200.0, "cpu_s": 420.0, "load_before": 1.0, "load_max": 5.1}  # another job started
    assert update_readme.run_time(shared_later) == "20.0 min on a shared machine (load 5; 7.0 min CPU)"


def test_a_result_measured_on_an_earlier_version_of_a_lecture_is_not_shown(tmp_path, monkeypatch):
    notebook = ROOT / "notebooks" / "02_bayes_and_naive_bayes.ipynb"
    version = update_readme._notebook_version(notebook)
    entry = {"wall_s": 60.0, "test_accuracy": 0.9}
    for stored, shown in ((version, "1.0 min"), ("0123456789ab", "not measured since the lecture last changed"),
                          (None, "not measured since the lecture last changed")):
        results = tmp_path / "results.json"
        results.write_text(json.dumps({notebook.stem: entry | ({"notebook_version": stored} if stored else {})}))
        monkeypatch.setattr(update_readme, "RESULTS", results)
        row = next(line for line in update_readme.render_table().splitlines() if notebook.name in line)
        assert shown in row and (("test_accuracy 0.9" in row) == (stored == version)), row


def version_of(notebook: dict, tmp_path: Path) -> str:
    """The benchmark version of an edited notebook (written to a scratch file)."""
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook))
    return update_readme._notebook_version(path)


def test_a_prose_edit_keeps_a_result_current_and_a_code_edit_does_not(tmp_path):
    notebook = json.loads((ROOT / "notebooks" / "02_bayes_and_naive_bayes.ipynb").read_text())
    before = version_of(notebook, tmp_path)
    markdown = next(c for c in notebook["cells"] if c["cell_type"] == "markdown")
    markdown["source"] = ["A corrected sentence.\n"]
    assert version_of(notebook, tmp_path) == before, "a markdown edit changes no number a run produces"
    code = next(c for c in notebook["cells"] if c["cell_type"] == "code")
    code["source"] = ["SEED = 7\n"] + code["source"]
    assert version_of(notebook, tmp_path) != before


def test_fast_mode_settings_keep_a_result_current_and_full_mode_code_does_not(tmp_path):
    notebook = json.loads((ROOT / "notebooks" / "02_bayes_and_naive_bayes.ipynb").read_text())
    before = version_of(notebook, tmp_path)
    derived = next(c for c in notebook["cells"] if c["cell_type"] == "code" and "if FAST:\n" in c["source"])
    at = derived["source"].index("if FAST:\n") + 1
    derived["source"].insert(at, "    N_EXTRA = 3  # a fast-mode setting: never runs in full mode\n")
    assert version_of(notebook, tmp_path) == before, "a fast-mode setting changes no full-mode number"
    derived["source"].insert(at - 1, "N_EXTRA = 3\n")  # the same line before the block runs in full mode too
    assert version_of(notebook, tmp_path) != before


def test_a_comment_edit_keeps_a_result_current_and_the_code_beside_it_does_not(tmp_path):
    notebook = json.loads((ROOT / "notebooks" / "02_bayes_and_naive_bayes.ipynb").read_text())
    before = version_of(notebook, tmp_path)
    code = next(c for c in notebook["cells"] if c["cell_type"] == "code" and c["source"][-1].strip().endswith(")"))
    last = code["source"][-1].rstrip() + "  # and one beside\n"
    code["source"] = ["# a new comment line\n"] + code["source"][:-1] + [last]
    assert version_of(notebook, tmp_path) == before, "a comment changes no number a run produces"
    code["source"] = ["SEED = 7  # with a comment\n"] + code["source"]
    assert version_of(notebook, tmp_path) != before
    code["source"] = code["source"][1:] + ['print("# inside a string is not a comment")\n']
    assert version_of(notebook, tmp_path) != before


def test_the_colab_install_line_keeps_a_result_current(tmp_path):
    """Retargeting the Colab install line (another repository or tag) changes nothing a full-mode run here executes."""
    notebook = json.loads((ROOT / "notebooks" / "02_bayes_and_naive_bayes.ipynb").read_text())
    before = version_of(notebook, tmp_path)
    setup = next(c for c in notebook["cells"] if c["cell_type"] == "code" and "google.colab" in "".join(c["source"]))
    setup["source"] = [line.replace("git+https://github.com/", "git+https://example.org/") for line in setup["source"]]
    assert version_of(notebook, tmp_path) == before
    setup["source"] = ["import os\n"] + setup["source"]
    assert version_of(notebook, tmp_path) != before, "a line outside the Colab block still counts"
