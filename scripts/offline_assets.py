"""What the offline HTML of the course shares, the slide decks (``build_slides.py``) and the website
(``build_site.py``): local copies of npm packages, MathJax's among them, and badges turned into text links.

The packages are those pinned in ``slides/package-lock.json``; ``make slides``, ``make student-slides`` and ``make
site`` install them once with npm into ``build/slides-vendor/``, and each build copies what its pages load next to
them, so an output folder works offline wherever it is copied.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "build" / "slides-vendor" / "node_modules"
MATHJAX_FILES = [  # what MathJax 2.7 loads for the TeX-AMS_CHTML-full configuration nbconvert asks for
    "MathJax.js", "config/TeX-AMS_CHTML-full.js", "config/Safe.js", "extensions", "jax/input/TeX", "jax/element",
    "jax/output/CommonHTML", "fonts/HTML-CSS/TeX/woff", "localization/en",
]
MATHJAX_URL = "mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"  # relative to the assets folder
BADGE = re.compile(r"\[!\[([^\]]*)\]\(https?://[^)]+\)\]\(([^)]+)\)")  # [![alt](picture)](link)


def copy(src: Path, dst: Path) -> None:
    """Copy a file or a folder (merging into an existing one)."""
    if not src.exists():
        raise FileNotFoundError(f"{src} is missing: `make slides` or `make site` installs it once, with a network "
                                "(npm ci from slides/package-lock.json)")
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        shutil.copytree(src, dst, dirs_exist_ok=True)
    else:
        shutil.copy2(src, dst)


def copy_mathjax(vendor: Path, assets: Path) -> None:
    """Copy what MathJax loads, and its licence, from the npm package into assets/mathjax."""
    for name in [*MATHJAX_FILES, "LICENSE"]:
        copy(vendor / "mathjax" / name, assets / "mathjax" / name)


def text_links(markdown: str) -> str:
    """Badges (a remote picture inside a link) become plain text links."""
    return BADGE.sub(r"[\1](\2)", markdown)
