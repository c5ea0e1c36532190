"""A physics-based simulator of particle-identification data, standing in for the public file pid-5M.

A CLAS12-like spectrometer, one function per physical effect, whose free numbers ([E]) are calibrated to the real
file's published statistics (``shared/reference/pid-5M-statistics.md``, cited as "ref §N"). ``simulate`` adds the
class mix and the real file's cuts. Units: GeV, GeV/c, rad, m, ns.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from course_utils import datasets

PDG_CODES = (-11, 211, 321, 2212)
SPECIES_NAMES = {-11: "positron", 211: "pion", 321: "kaon", 2212: "proton"}
MASSES = {-11: 0.000511, 211: 0.13957, 321: 0.49368, 2212: 0.93827}  # GeV/c², PDG
CLASS_COUNTS = {-11: 14_847, 211: 2_806_833, 321: 232_471, 2212: 1_945_849}  # rows of pid-5M, ref §1
COLUMNS = ("id", "p", "theta", "beta", "nphe", "ein", "eout")

# The real file's cuts (ref §2) and the angular coverage: Forward Detector (FD) 5-35°, Central (CD) to 127° (§4).
P_MIN, BETA_MIN, BETA_MAX = 0.21, 0.55, 1.5
THETA_MIN, THETA_FD_MAX, THETA_MAX = 0.0925, 0.6109, 2.22

# Kinematics [E, fitted to the quartiles of ref §2-3]: p is a mix of log-normals (weight, median, log-width),
# kaons with two peaks. Soft tracks come out at wide angles: θ is log-normal around θ1·(p/GeV)^-THETA_SLOPE,
# given as (θ1, log-width). P_MAX is the reaction's kinematic limit (ref §2: largest p is 5.287).
P_DIST = {
    -11: ((1.0, 0.414, 0.79),),
    211: ((0.85, 0.60, 0.81), (0.15, 1.91, 0.29)),
    321: ((0.47, 0.98, 0.25), (0.53, 2.40, 0.16)),
    2212: ((1.0, 1.22, 0.45),),
}
THETA_DIST = {-11: (0.278, 0.48), 211: (0.441, 0.355), 321: (0.426, 0.316), 2212: (0.394, 0.352)}
THETA_SLOPE, P_MAX = 0.62, 5.3

# Time of flight (ref §4): β = L / (c t), so σβ ≈ β² c σt / L. FD: L to FTOF panel 1; σt [E] (panels 60-200 ps, plus
# the start time) fitted to the real file's 2.95% of kaons at β >= 1 (ref §3). CD: L = R / sin θ to the CTOF barrel;
# a real CTOF's ~80 ps would put about 6 points more pions at β >= 1 than the real file's 16.9%, so the CD's σt is
# fitted [E] too (benchmarks/particle_difficulty.py prints these shares).
C_LIGHT = 0.299792458  # m/ns
L_FTOF, SIGMA_T_FTOF = 6.8, 0.28
R_CTOF, SIGMA_T_CTOF = 0.25, 0.02
# Wrong hits (ref §3: 1-2% of tracks of every class lie far off their band, over the whole window 0.55-1.5): a
# track matched to a time-of-flight hit not its own. Mostly its own hit was lost and a later one taken (Δt ~
# exponential); far *above* their band the real file shows almost only pions, up to β = 1.4996 (ref §2; its protons
# reach β >= 1 in 0.020%, ref §3), so only pions also take earlier hits. A Δt that moves a forward track (t ≈ 23-40
# ns) across the bands sends a central one (t ≈ 1-2 ns) out of the window. [tuned] to the real file's pion recall
# (benchmarks/particle_difficulty.py) and to its tracks >10% off their band on the β-p plot of its first 50k rows
# (ref source S4): 66 of 73 above are pions (benchmarks/particle_offband_counts.py).
F_MISMEASURED, LATE_SCALE = 0.035, 3.0  # share of tracks with a later hit; mean delay (ns)
F_EARLY_PION, EARLY_SCALE = 0.007, 2.5  # share of pions with an earlier hit; mean advance (ns)

# The torus bends soft tracks out of the FD detectors' fiducial volume [E]: half reach the Cherenkov counter and
# inner calorimeter at p = 0.486, the outer calorimeter at 0.632. The momentum below which a track is swept out
# depends on where it crosses the sector (the field is strongest near the coils) and on its angle, so acceptance
# rises over a logistic width of 0.08 GeV/c (rms spread 0.15 GeV/c) [tuned: see below], and the Cherenkov
# mirrors' edges are not the calorimeter's, so a soft track may reach one and miss the other (independent draws;
# the outer calorimeter sits behind the inner one, same draw). Sharing one edge for both made a soft positron's
# Cherenkov light and shower appear together or not at all, a signature a small random forest learns from ~40
# positrons: its positron recall fell from 0.43-0.48 to 0.30-0.40 at the published protocol's 20,000-row sample
# (benchmarks/particle_difficulty.py, seeds 0-4; real file 0.28 ± 0.08), every zero fraction unchanged within its
# tolerance.
P_REACH_HALF, P_REACH_WIDTH, FD_FIDUCIAL = (0.486, 0.486, 0.632), 0.08, 0.99  # Cherenkov, inner, outer

# Cherenkov counter, LTCC-like C4F10 gas (ref §4): light only above β = 1/n (pions from 2.55 GeV/c).
N_INDEX = 1.0015
NPE_SATURATED, LIGHT_SHAPE = 50.0, 2.5  # mean p.e. at β → 1 (ref §5: e+ ~50); gamma shape of its fluctuation
P_KNOCK_ON = 0.015  # δ-electrons that radiate like an electron (ref §4: 1-2%)
P_ACCIDENTAL, NPE_ACCIDENTAL = 0.043, 85.0  # light of another particle in the event [E] (ref §4: ~3.5%)
P_MIRROR_GAP = 0.045  # light lost between mirrors [E]

# Calorimeters (ref §4): 15 (inner) and 24 (outer) layers of 1 cm scintillator + 2.2 mm lead. A minimum-
# ionising particle (MIP) loses 2.0 MeV in a scintillator layer (visible) and 2.8 MeV in a lead sheet: 30/48 MeV.
LAYERS = np.array([15, 24])
F_VISIBLE, MIP_LOSS = 2.0 / 4.8, LAYERS * 0.0048  # visible share; GeV a MIP loses crossing each calorimeter
SIGMA_LAYER = 2.3  # log-spread of one layer's deposit (Landau tail, path, light collection) [E]
E_THRESHOLDS = (0.0196, 0.0306)  # GeV; smaller visible deposits read as 0 [E]
P_INTERACT = (0.325, 0.467)  # nuclear interaction, 1 - exp(-depth/λ_I): λ_I = 17.6 cm lead, 70 cm scintillator
F_HADRONIC, SHOWER_SHAPE = 0.25, 0.6  # visible share of a hadronic shower: F_HADRONIC · U^SHOWER_SHAPE [E]
SF_EM, SIGMA_SF = 0.25, 0.10  # e+ showers: visible/p (ref §4: 0.249-0.255), resolution 10%/sqrt(p)
LEAK_MEDIAN, LEAK_WIDTH = 0.19, 0.1  # shower share reaching the outer calorimeter at 1 GeV, ∝ sqrt(p) [E]

# Bundled data: simulate(N_TRAIN + N_TEST, DATA_SEED), split; REBUILD reproduces these sha256 byte for byte.
N_TRAIN, N_TEST, DATA_SEED = 100_000, 50_000, 20240601
DATA_FILES = {name: f"particles/{name}.csv.gz" for name in ("train", "test", "test_labels")}
DATA_SHA256 = {
    "train": "4b0a871447b155a15a75828722cf74f18aa882a4f3ce815cef5340adb6d82fca",
    "test": "1aa5367c60a5191b904514abb484cb49f8b6066c07e64150ff8310e44727442c",
    "test_labels": "417012058a942184a125fcb42a909a9eed751b2520ba3a185957b1a5e1b3db2c",
}
REBUILD = "python scripts/build_particles.py"


def theoretical_beta(p: np.ndarray | float, pdg_id: int) -> np.ndarray:
    """True speed β = p / sqrt(p² + m²) of a species at momentum p (GeV/c), e.g. for β-vs-p bands."""
    if pdg_id not in MASSES:
        raise ValueError(f"unknown PDG code {pdg_id!r}; use one of {PDG_CODES} ({SPECIES_NAMES})")
    return np.asarray(p, dtype=float) / np.sqrt(np.square(p, dtype=float) + MASSES[pdg_id] ** 2)


def _draw_kinematics(code: int, size: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Momentum (GeV/c) and polar angle (rad) of `size` tracks of one species, before any cut."""
    weights, medians, widths = np.array(P_DIST[code]).T
    component = rng.choice(len(weights), size=size, p=weights / weights.sum())
    p = medians[component] * np.exp(widths[component] * rng.standard_normal(size))
    theta_1gev, width = THETA_DIST[code]
    return p, theta_1gev * p**-THETA_SLOPE * np.exp(width * rng.standard_normal(size))


def _time_of_flight_beta(beta: np.ndarray, theta: np.ndarray, early: np.ndarray,
                         rng: np.random.Generator) -> np.ndarray:
    """Measured β = L / (c t): timing resolution, plus a few tracks matched to a later (or, with probability
    `early` per track, an earlier) hit."""
    central = theta > THETA_FD_MAX
    path = np.where(central, R_CTOF / np.sin(theta), L_FTOF)
    measured = path / (C_LIGHT * beta) + rng.normal(0.0, np.where(central, SIGMA_T_CTOF, SIGMA_T_FTOF))
    u = rng.random(beta.size)
    shift = np.select([u < F_MISMEASURED, u < F_MISMEASURED + early], [LATE_SCALE, -EARLY_SCALE], 0.0)
    measured = measured + shift * rng.exponential(1.0, beta.size)
    return path / (C_LIGHT * np.maximum(measured, 1e-3))  # a time <= 0 gives a huge β, outside the window


def _reaches_fd_detectors(p: np.ndarray, theta: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Booleans (3, n): reaches the Cherenkov counter / the inner calorimeter / the outer one (CD tracks: none).

    The Cherenkov counter's edge and the calorimeter's are drawn independently; a track that reaches the outer
    calorimeter has crossed the inner one."""
    reach = FD_FIDUCIAL / (1.0 + np.exp(-(p - np.array(P_REACH_HALF)[:, None]) / P_REACH_WIDTH))
    u = rng.random((2, p.size))
    return (theta <= THETA_FD_MAX) & (u[[0, 1, 1]] < reach)


def _cherenkov_photoelectrons(p: np.ndarray, mass: np.ndarray, seen: np.ndarray,
                              rng: np.random.Generator) -> np.ndarray:
    """Photoelectrons: light ∝ sin²θc = 1 - 1/(nβ)² above threshold; knock-on electrons and accidentals below."""
    beta = p / np.sqrt(p**2 + mass**2)
    light = NPE_SATURATED * np.clip(1.0 - 1.0 / (N_INDEX * beta) ** 2, 0.0, None) / (1.0 - 1.0 / N_INDEX**2)
    # A knock-on electron radiates if it can get T_max = 2 m_e (βγ)² above its own threshold: βγ > ~3.
    gamma_threshold = 1.0 / np.sqrt(1.0 - 1.0 / N_INDEX**2)
    knock_on = (p / mass > np.sqrt((gamma_threshold - 1.0) / 2.0)) & (rng.random(p.size) < P_KNOCK_ON)
    light = light + NPE_SATURATED * knock_on + NPE_ACCIDENTAL * (rng.random(p.size) < P_ACCIDENTAL)
    light = light * rng.gamma(LIGHT_SHAPE, 1.0 / LIGHT_SHAPE, p.size)
    return rng.poisson(light * (seen & (rng.random(p.size) >= P_MIRROR_GAP)))


def _kinetic_after(kinetic: np.ndarray, mass: np.ndarray, mip_loss: float) -> np.ndarray:
    """Kinetic energy left after a layer in which a MIP loses `mip_loss` (0 if the particle stops in it)."""
    # dE/dx ∝ 1/β² (Bethe-Bloch below its minimum) gives a range ∫β² dT = T²/(T + m) in MIP-equivalent GeV.
    left = np.maximum(kinetic**2 / (kinetic + mass) - mip_loss, 0.0)
    return (left + np.sqrt(left**2 + 4.0 * left * mass)) / 2.0  # invert the range


def _hadron_deposits(p: np.ndarray, mass: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Visible energy (2, n) of a charged hadron: ionisation (slow protons stop early), or a hadronic shower."""
    kinetic = np.sqrt(p**2 + mass**2) - mass
    after_inner = _kinetic_after(kinetic, mass, MIP_LOSS[0])
    lost = np.stack([kinetic - after_inner, after_inner - _kinetic_after(after_inner, mass, MIP_LOSS[1])])
    sigma = SIGMA_LAYER / np.sqrt(LAYERS)[:, None]  # a sum over more layers fluctuates less
    energy = F_VISIBLE * lost * np.exp(sigma * rng.standard_normal((2, p.size)))
    # A nuclear interaction turns the hadron into a shower whose visible energy fluctuates wildly (neutrons,
    # nuclear binding); part of it lands where the shower starts, the rest further in.
    shower = F_HADRONIC * rng.random(p.size) ** SHOWER_SHAPE
    split = rng.random(p.size)
    inner = rng.random(p.size) < P_INTERACT[0]
    outer = ~inner & (rng.random(p.size) < P_INTERACT[1]) & (after_inner > 0)
    energy[0] += inner * shower * kinetic * split
    energy[1] = np.where(inner, shower * kinetic * (1.0 - split), energy[1] + outer * shower * after_inner * split)
    return energy


def _shower_deposits(p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Visible energy (2, n) of a positron's electromagnetic shower; deeper showers leak more into the outer."""
    visible = SF_EM * p * (1.0 + SIGMA_SF / np.sqrt(p) * rng.standard_normal(p.size))
    leak = np.clip(LEAK_MEDIAN * np.sqrt(p) * np.exp(LEAK_WIDTH * rng.standard_normal(p.size)), 0.0, 1.0)
    return np.stack([visible * (1.0 - leak), visible * leak])


def _response(species: np.ndarray, p: np.ndarray, theta: np.ndarray, rng: np.random.Generator) -> dict:
    """Arrays beta, nphe, ein, eout for tracks of known species and kinematics (no cuts)."""
    mass = np.select([species == code for code in PDG_CODES], [MASSES[code] for code in PDG_CODES], np.nan)
    seen = _reaches_fd_detectors(p, theta, rng)
    energy = _hadron_deposits(p, mass, rng)
    positron = species == -11
    if positron.any():
        energy[:, positron] = _shower_deposits(p[positron], rng)
    energy = np.where(seen[1:] & (energy >= np.array(E_THRESHOLDS)[:, None]), energy, 0.0)  # readout thresholds
    early = np.where(species == 211, F_EARLY_PION, 0.0)
    return {"beta": _time_of_flight_beta(p / np.sqrt(p**2 + mass**2), theta, early, rng),
            "nphe": _cherenkov_photoelectrons(p, mass, seen[0], rng).astype(np.int64),
            "ein": energy[0], "eout": energy[1]}


def _passes_cuts(p: np.ndarray, theta: np.ndarray, beta: np.ndarray | None = None) -> np.ndarray:
    """The detector's angular coverage and the real file's cuts on p and β (ref §2)."""
    keep = (p >= P_MIN) & (p <= P_MAX) & (theta >= THETA_MIN) & (theta <= THETA_MAX)
    return keep if beta is None else keep & (beta >= BETA_MIN) & (beta <= BETA_MAX)


def _simulate_species(code: int, count: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Exactly `count` tracks of one species that pass the cuts (drawing more until enough pass)."""
    parts, have = [], 0
    while have < count or not parts:  # at least one pass, so an empty species still has columns
        p, theta = _draw_kinematics(code, int(1.3 * (count - have)) + 64, rng)
        inside = _passes_cuts(p, theta)
        p, theta = p[inside], theta[inside]
        part = {"p": p, "theta": theta, **_response(np.full(p.size, code), p, theta, rng)}
        keep = _passes_cuts(p, theta, part["beta"])
        parts.append({k: v[keep] for k, v in part.items()})
        have += int(keep.sum())
    return {k: np.concatenate([part[k] for part in parts])[:count] for k in parts[0]}


#: Most rows ``simulate`` makes in one call (twice the real file's 5 M), so a typo cannot exhaust the memory.
MAX_ROWS = 10_000_000


def simulate(n: int, seed: int) -> pd.DataFrame:
    """Simulate n tracks with pid-5M's columns and class mix, in random order (same seed, same frame).

    Returns:
        DataFrame with columns id (PDG code), p, theta, beta, nphe, ein, eout; id and nphe are int64.
    """
    for name, value, low in (("n", n, 1), ("seed", seed, 0)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
            raise ValueError(f"{name} must be an int >= {low}, got {value!r}")
    if n > MAX_ROWS:  # about 230 bytes per row at the peak: 50 M rows would need some 11 GB at once
        raise ValueError(f"n = {n:,} rows would need about {n * 230 / 1e9:.0f} GB of memory at once; simulate at most "
                         f"{MAX_ROWS:,} per call and write chunks: for i in range(k): "
                         "simulate(chunk, seed=1000 * seed + i).to_csv(path, mode='a', header=(i == 0), index=False)")
    rng = np.random.default_rng(int(seed))
    counts = rng.multinomial(int(n), np.array([CLASS_COUNTS[c] for c in PDG_CODES]) / sum(CLASS_COUNTS.values()))
    blocks = [_simulate_species(code, int(k), rng) for code, k in zip(PDG_CODES, counts, strict=True)]
    columns = {"id": np.repeat(np.array(PDG_CODES, dtype=np.int64), counts)}
    columns.update({k: np.concatenate([block[k] for block in blocks]) for k in COLUMNS[1:]})
    order = rng.permutation(int(n))  # species were generated in blocks: shuffle the rows
    return pd.DataFrame({k: v[order] for k, v in columns.items()})


def simulate_response(species: np.ndarray, p: np.ndarray, theta: np.ndarray,
                      rng: np.random.Generator) -> pd.DataFrame:
    """The detector's response (beta, nphe, ein, eout) to tracks of given species, p and θ.

    The conditional part of ``simulate``, which lecture 16 learns with a generative model. No cut is applied:
    β may fall outside [0.55, 1.5], where ``simulate`` drops the track as the real file does.

    Args:
        species, p, theta: 1-D arrays of one length: PDG codes, momenta (GeV/c, > 0), polar angles (rad, 0-π).
        rng: a NumPy generator, e.g. ``np.random.default_rng(0)``.
    """
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a NumPy Generator such as np.random.default_rng(0), not {type(rng).__name__}")
    species, p, theta = (np.atleast_1d(np.asarray(v)) for v in (species, p, theta))
    if species.ndim != 1 or not species.shape == p.shape == theta.shape:
        raise ValueError(f"species, p and theta must be 1-D and the same length, got {[species.shape, p.shape]}")
    unknown = sorted(set(species.tolist()) - set(PDG_CODES), key=str)
    if unknown:
        raise ValueError(f"unknown PDG codes {unknown[:5]}; use {PDG_CODES} ({SPECIES_NAMES})")
    p, theta = p.astype(float), theta.astype(float)
    if not (np.all(p > 0) and np.all((theta > 0) & (theta < np.pi))):
        raise ValueError("p must be > 0 GeV/c and theta in (0, π) rad, without NaNs")
    return pd.DataFrame(_response(species.astype(np.int64), p, theta, rng))


def load_particles(folder: str | Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(train, test)``: N_TRAIN labelled tracks (COLUMNS) and N_TEST tracks with a `row` key instead of `id`.

    Args:
        folder: a cohort's own files (``train.csv.gz`` and ``test.csv.gz`` from ``scripts/build_particles.py
            --seed N --out-dir DIR``); default: the course's bundled files, checked against their checksums.
    """
    if folder is None:
        paths = [datasets.verified_path(DATA_FILES[name], DATA_SHA256[name], REBUILD) for name in ("train", "test")]
    else:
        paths = [Path(folder).expanduser() / Path(DATA_FILES[name]).name for name in ("train", "test")]
        missing = [str(path) for path in paths if not path.is_file()]
        if missing:
            raise FileNotFoundError(f"{', '.join(missing)} not found: folder must hold the train.csv.gz and "
                                    f"test.csv.gz your instructor handed out (written by {REBUILD} --seed N)")
    train, test = (pd.read_csv(path) for path in paths)
    expected = {"train": list(COLUMNS), "test": ["row", *COLUMNS[1:]]}
    for name, frame, path in (("train", train, paths[0]), ("test", test, paths[1])):
        if list(frame.columns) != expected[name]:
            raise ValueError(f"{path} has columns {list(frame.columns)}, not the {name} file's {expected[name]}")
    return train, test
