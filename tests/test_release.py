"""Licences, citation and version: what a university needs to adopt, publish and fork the course."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_code_and_content_licences_are_there_and_named_in_the_readme():
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    content = (ROOT / "LICENSE-CONTENT.md").read_text()
    assert "CC BY 4.0" in content and "https://creativecommons.org/licenses/by/4.0/" in content
    assert "CC BY-SA 3.0" in content, "MNIST's own licence"
    readme = (ROOT / "README.md").read_text()
    assert "[`LICENSE`](LICENSE)" in readme and "[`LICENSE-CONTENT.md`](LICENSE-CONTENT.md)" in readme


def test_one_version_in_pyproject_citation_and_changelog():
    version = re.search(r'^version = "([^"]+)"$', (ROOT / "pyproject.toml").read_text(), re.M).group(1)
    citation = (ROOT / "CITATION.cff").read_text()
    assert re.search(rf"^version: {re.escape(version)}$", citation, re.M), "CITATION.cff names another version"
    assert re.search(r"^cff-version: 1\.2\.0$", citation, re.M) and "repository-code:" in citation
    assert f"## [{version}]" in (ROOT / "CHANGELOG.md").read_text(), "the version has no CHANGELOG entry"


def test_constraints_pin_every_dependency_and_the_makefile_uses_them():
    pinned = dict(line.split("==", 1) for line in (ROOT / "constraints.txt").read_text().splitlines()
                  if line and not line.startswith("#"))
    pinned = {name.lower().replace("_", "-"): version for name, version in pinned.items()}
    pyproject = (ROOT / "pyproject.toml").read_text()
    names = re.findall(r'^\s+"([A-Za-z0-9_.-]+)[<>=!~]', pyproject, re.M)
    assert len(names) >= 10 and "tensorflow" in names
    unpinned = [name for name in names if name.lower().replace("_", "-") not in pinned]
    assert not unpinned, f"constraints.txt does not pin {unpinned}: run `make constraints`"
    assert "--constraint $(CONSTRAINTS)" in (ROOT / "Makefile").read_text()
