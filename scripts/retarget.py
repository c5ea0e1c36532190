"""Point every badge, licence link and Colab install line at another repository or release, in one command.

A fork runs it once with its own repository; a release runs it with the new tag. It rewrites the two constants
in ``course_utils/config.py`` (``REPO_URL``, ``REPO_REF``) and every link derived from them in ``notebooks/``,
``project/``, ``student/`` and ``README.md``; ``tests/test_notebook_conventions.py`` and ``tests/test_student.py``
check that they all agree afterwards.

Usage:
    python scripts/retarget.py --ref v0.2.0                                  # a new release of this repository
    python scripts/retarget.py --repo https://github.com/OWNER/NAME --ref v0.1.0   # a fork
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = Path("course_utils") / "config.py"
TARGETS = ("notebooks/*.ipynb", "project/*.ipynb", "student/*.ipynb", "README.md")
REPO = re.compile(r"https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")  # Colab opens notebooks from GitHub
TAG = re.compile(r"v\d+\.\d+\.\d+")


def current(root: Path) -> tuple[str, str]:
    """REPO_URL and REPO_REF as config.py states them."""
    text = (root / CONFIG).read_text()
    url, ref = (re.search(rf'^{name} = "([^"]+)"$', text, re.M) for name in ("REPO_URL", "REPO_REF"))
    if not url or not ref:
        raise SystemExit(f"{root / CONFIG}: cannot find REPO_URL and REPO_REF lines of the form NAME = \"value\"")
    return url.group(1), ref.group(1)


def links(url: str, ref: str) -> list[str]:
    """The prefixes every derived link starts with: Colab badge, source and licence links, pip install line."""
    slug = url.removeprefix("https://github.com/")
    return [f"https://colab.research.google.com/github/{slug}/blob/{ref}/", f"{url}/blob/{ref}/", f"git+{url}@{ref}"]


def retarget(root: Path, url: str, ref: str) -> dict[str, int]:
    """Rewrite config.py and every derived link under ``root``; returns the number of links changed per file."""
    if not REPO.fullmatch(url):
        raise SystemExit(f"--repo {url!r} is not a GitHub repository URL (https://github.com/OWNER/NAME): Colab "
                         "opens notebooks from GitHub")
    if not TAG.fullmatch(ref):
        raise SystemExit(f"--ref {ref!r} is not a release tag vMAJOR.MINOR.PATCH: Colab should install a fixed "
                         "release, not a moving branch")
    old_url, old_ref = current(root)
    changed: dict[str, int] = {}
    pairs = list(zip(links(old_url, old_ref), links(url, ref), strict=True))
    for pattern in TARGETS:
        for path in sorted(root.glob(pattern)):
            text = path.read_text()
            count = sum(text.count(old) for old, _ in pairs)
            if count:
                for old, new in pairs:
                    text = text.replace(old, new)
                path.write_text(text)
                changed[str(path.relative_to(root))] = count
    config = (root / CONFIG).read_text()
    config = re.sub(r'^REPO_URL = "[^"]+"$', f'REPO_URL = "{url}"', config, flags=re.M)
    config = re.sub(r'^REPO_REF = "[^"]+"$', f'REPO_REF = "{ref}"', config, flags=re.M)
    (root / CONFIG).write_text(config)
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", help="https://github.com/OWNER/NAME (default: keep the current one)")
    parser.add_argument("--ref", required=True, help="the release tag, vMAJOR.MINOR.PATCH")
    args = parser.parse_args()
    url = args.repo or current(ROOT)[0]
    changed = retarget(ROOT, url.rstrip("/"), args.ref)
    for path, count in changed.items():
        print(f"{path}: {count} links")
    print(f"{len(changed)} files now point at {url} @ {args.ref}")


if __name__ == "__main__":
    main()
