"""Count the tracks far off their β-p band on a published plot of pid-5M's first 50,000 rows, and on ours drawn alike.

The plot (ref source S4: nico0407/Uni_project, images/Data_visualisation/Data_betavsmomentum2.png, drawn by its
code/Data_visualization.ipynb from ``data.head(50000)``; 1169 x 591 px) shows β against p: pions in yellow first,
every other track in green on top. A dot that stands alone (not merged with others) and lies more than 10% above
or below its band (for green: the nearest of the e, K and p bands) is counted. The simulation's first 50,000 rows
are drawn the same way (same axes, dot size and drawing order), so a dot hidden behind others is hidden alike.

Usage:
    python benchmarks/particle_offband_counts.py --plot PATH/TO/Data_betavsmomentum2.png --seeds 101 102
    python benchmarks/particle_offband_counts.py --seeds 1 2 3        # the simulation only
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from matplotlib import image
from scipy import ndimage

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course_utils import particles  # noqa: E402

SHAPE = (591, 1169)  # the plot's pixels
# p = 0 at x = 53 px, 210.4 px per GeV/c; β = 1.4 at y = 69 px, 537.5 px per unit of β (read off the grid lines)
X0, X_SCALE, Y0, Y_SCALE = 53, 210.4, 69, 537.5
FRAME, LEGEND = (8, 550, 47, 1162), (438, 537, 860, 1150)  # rows y0:y1, columns x0:x1 of the axes and of the legend
COLOURS = np.array([(234, 234, 242), (255, 255, 255), (204, 185, 116), (85, 168, 104)])  # background, grid, π, others
DOT_RADIUS = 2.0  # px


def classify(path: Path) -> np.ndarray:
    """The plot as an array of colour indices (0 background, 1 grid, 2 pion, 3 other), by the nearest colour."""
    pixels = image.imread(path)[:, :, :3] * 255.0
    return ((pixels[:, :, None, :] - COLOURS) ** 2).sum(axis=-1).argmin(axis=-1)


def draw(frame) -> np.ndarray:
    """Colour indices of the tracks drawn like the plot: pions first, the other tracks on top."""
    canvas = np.zeros(SHAPE, dtype=int)
    dy, dx = np.mgrid[-3:4, -3:4]
    for colour, rows in ((2, frame["id"] == 211), (3, frame["id"] != 211)):
        xs = X0 + X_SCALE * frame.loc[rows, "p"].to_numpy()
        ys = Y0 + (1.4 - frame.loc[rows, "beta"].to_numpy()) * Y_SCALE
        for x, y in zip(xs, ys, strict=True):
            cover = (dy + int(y) + 0.5 - y) ** 2 + (dx + int(x) + 0.5 - x) ** 2 <= DOT_RADIUS**2
            py, px = dy[cover] + int(y), dx[cover] + int(x)
            inside = (py >= 0) & (py < SHAPE[0]) & (px >= 0) & (px < SHAPE[1])
            canvas[py[inside], px[inside]] = colour
    return canvas


def count(canvas: np.ndarray) -> dict:
    """Lone dots > 10% above / below their band, and above β = 1.05 and 1.2, for pions and for the other tracks."""
    area = np.zeros(SHAPE, dtype=bool)
    area[FRAME[0]:FRAME[1], FRAME[2]:FRAME[3]] = True
    area[LEGEND[0]:LEGEND[1], LEGEND[2]:LEGEND[3]] = False
    counts = {}
    for name, colour, codes in (("pion", 2, (211,)), ("other", 3, (-11, 321, 2212))):
        mask = (canvas == colour) & area
        labels, n = ndimage.label(mask)
        sizes = ndimage.sum(mask, labels, range(1, n + 1))
        centres = np.array(ndimage.center_of_mass(mask, labels, range(1, n + 1))).reshape(-1, 2)
        y, x = centres[(sizes >= 5) & (sizes < 14.4)].T  # one dot covers about 9 px
        p, beta = (x - X0) / X_SCALE, 1.4 - (y - Y0) / Y_SCALE
        ratio = np.stack([beta / particles.theoretical_beta(np.clip(p, 0.05, None), c) for c in codes])
        ratio = ratio[np.abs(ratio - 1).argmin(axis=0), np.arange(p.size)]
        keep = p > 0.2
        counts[name] = {"above": int(np.sum(keep & (ratio > 1.1))), "below": int(np.sum(keep & (ratio < 0.9))),
                        "beta>1.05": int(np.sum(keep & (beta > 1.05))), "beta>1.2": int(np.sum(keep & (beta > 1.2)))}
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plot", type=Path, help="the published plot (PNG), if downloaded")
    parser.add_argument("--seeds", type=int, nargs="+", default=[101], help="simulation seeds (not the data's)")
    args = parser.parse_args()
    if args.plot:
        print(f"published plot: {count(classify(args.plot))}")
    for seed in args.seeds:
        print(f"simulate(50000, seed={seed}): {count(draw(particles.simulate(50_000, seed)))}")


if __name__ == "__main__":
    main()
