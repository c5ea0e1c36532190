"""scripts/retarget.py: one command points every badge, licence link and Colab install at a fork or a release."""

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("retarget", ROOT / "scripts" / "retarget.py")
retarget = importlib.util.module_from_spec(spec)
spec.loader.exec_module(retarget)
FORK, TAG = "https://github.com/some-university/generative-models-2027", "v9.8.7"


@pytest.fixture()
def tree(tmp_path) -> Path:
    """The files the command rewrites, copied."""
    (tmp_path / "course_utils").mkdir()
    shutil.copy(ROOT / "course_utils" / "config.py", tmp_path / "course_utils")
    shutil.copy(ROOT / "README.md", tmp_path)
    for folder in ("notebooks", "project", "student"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return tmp_path


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_fork_and_a_release_are_one_command_each_and_undo_exactly(tree):
    before = files(tree)
    url, ref = retarget.current(tree)
    changed = retarget.retarget(tree, FORK, TAG)
    assert retarget.current(tree) == (FORK, TAG)
    lectures = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    for folder in ("notebooks", "student"):
        for name in lectures:
            assert changed[f"{folder}/{name}"] == 4, f"{folder}/{name}: badge, source, licence and install line"
    text = "\n".join(p.read_text() for p in tree.rglob("*.ipynb")) + (tree / "README.md").read_text()
    assert f"{url}/blob/{ref}/" not in text and f"@{ref}\"" not in text, "a link still points at the old target"
    assert text.count(f"git+{FORK}@{TAG}") == len(lectures) * 2 + 1 + 1, "every setup cell, the project, the README"
    retarget.retarget(tree, url, ref)
    assert files(tree) == before, "retargeting back must restore every file byte for byte"


@pytest.mark.parametrize("repo, ref, match", [
    ("https://gitlab.com/a/b", "v1.0.0", "not a GitHub repository"),
    (FORK, "main", "not a release tag"),
    (FORK, "1.0", "not a release tag"),
])
def test_bad_targets_are_refused_with_the_reason(tree, repo, ref, match):
    before = files(tree)
    with pytest.raises(SystemExit, match=match):
        retarget.retarget(tree, repo, ref)
    assert files(tree) == before, "a refused target changes nothing"
