"""The particle-detector simulator: calibration against pid-5M's published statistics, API and bundled data.

Reference numbers are copied from ``shared/reference/pid-5M-statistics.md`` (tags: [V] printed notebook output
of the real 5M-row file, exact; [P] read by eye from plots of a 10k-row sample, about ±10%). The simulation is
compared on 500,000 rows (seed 2024). Tolerances, and why:

* Class fractions [V]: ±0.3 percentage points (π, p, K); e+ ±10% relative. The simulator draws species from the
  exact mix, so these only absorb multinomial noise (σ ≈ 0.07 points for π at 500k; 2.6% relative for e+).
* Per-class zero fractions of nphe/ein/eout [V, exact]: ±3 points for π, K, p; ±6 points for e+. They encode
  coverage and efficiencies, which the simulator models physically rather than copies; 3 points is an order of
  magnitude below the differences between classes that a classifier learns from (14% to 97%). The simulated
  e+ sample is small (~1,500 tracks: σ ≈ 1.3 points) and the e+ responses are the least constrained.
* Fractions with β ≥ 1 [V, exact]: π ±1.5 points, e+ ±4 points (σ ≈ 1.3 at ~1,500 tracks; the real 50.8% itself
  has σ ≈ 0.4); the rare ones are relative: K within ±35% of 2.95%, p within a factor 3 of 0.020% (~40 expected
  protons in the sample, and the real count is only 389 of 1.9M).
* Global describe() of p, theta, beta [V]: mean and quartiles within 3% (β: 1%, since β is squeezed near 1 and
  1% is already one time-of-flight resolution), standard deviations within 5%.
* Global zero percentages of nphe/ein/eout [V]: ±2 points. Means, spreads and quartiles of ein/eout [V]: within
  15%, of nphe: within 20%. These are the least physical numbers (the visible-energy and photoelectron scales of
  the unknown original simulation, and the shapes of Landau tails and hadronic showers), while the zero fractions
  that a classifier leans on are held to the tighter tolerances above.
* Per-class quartiles of p and theta [P, ±10% by eye]: within 12% (10% reading error plus the sampling error of
  the ~4,000-track box plots). Per-class quartiles of beta [P]: within ±0.03, about 1 mm when read off a box plot
  spanning 0.55-1.5 (relative errors would be meaningless for a quantity squeezed against 1). The e+ quartiles
  come from only ~30 real tracks, yet are held to the same tolerances.
* Correlation of p and theta [V, -0.57]: ±0.08; it comes from the simulator's θ ∝ p^-0.62 law, fitted to the
  quartiles rather than to the correlation itself.

Difficulty: the published classifier protocol (benchmarks/particle_difficulty.py: LR, k-NN with k = 4, a random
forest of 200 trees; real file: 50,000 rows, 80/20 split) must land near the published results on the real file.
To stay within ~15 s on one core it runs on a stratified 20,000-row sample of the training file (seed 0); the
forest's kaon and positron recall are taken on the 80,000 rows outside the sample (3,700 kaons and 240 positrons
instead of 186 and 12). Tolerances, and why:

* Expected value: the published figure moved from 50,000 to 20,000 rows by the learning curve measured on our file
  (mean of seeds 0-4 at 50,000 rows minus mean of seeds 0-9 at 20,000): LR 0, k-NN -0.005, RF -0.001 in accuracy,
  kaon recall -0.030, positron recall -0.185 (a forest that sees 48 positrons instead of 120 finds fewer).
* Tolerance: 3 standard deviations of the difference, from both sampling errors. The published figure's is the
  binomial error of its 10,000 test rows (accuracy 0.0018-0.0025; recall: 425 kaons 0.022, 29 positrons 0.083).
  Ours: the binomial error of the 4,000 test rows for accuracy (0.0026-0.0040, at least the spread of seeds 0-9,
  0.0021-0.0026), the spread of seeds 0-9 for the recalls on the other rows (kaon 0.013, positron 0.045). So LR
  ±0.014, k-NN ±0.012, RF ±0.009, kaon recall ±0.076, positron recall ±0.28.
* The previous bundled files (commit 613741a: wrong hits only late, no pion above β = 1.06) fail on the forest:
  0.980 at this seed (0.977-0.981 over seeds 0-9) against 0.9675 ± 0.009; ours give 0.970-0.975 over seeds 0-9.
* Boosted trees on p, θ and β alone (the published figure for the full 5M rows: 96.8% accuracy, kaon recall 0.66,
  positron recall 0.45; the implementation is not stated, here scikit-learn's HistGradientBoostingClassifier with
  its defaults) run on the 500,000 simulated rows above, 80/20 stratified split. Their test rows hold ~300
  positrons and ~4,600 kaons: binomial errors 0.029 and 0.007, so positron recall ±0.09 and kaon recall ±0.05
  (3 standard deviations, plus for kaons the spread between 500,000 and 1,000,000 rows, 0.683-0.707), accuracy
  ±0.004 (0.0006 from 100,000 test rows; the published figure is given to three digits). Measured: 96.9%, kaon
  0.696-0.698, positron 0.474-0.477 (split seeds 0 and 1).
* The forest's positron recall: 0.314 at this seed (0.28-0.39 over seeds 0-9, mean 0.34; seeds 1 and 4 give 0.380
  and 0.393, just outside the tolerance). It was 0.47 (0.43-0.48 over seeds 0-4) while the Cherenkov counter and
  the calorimeter shared one sharp acceptance edge in p: a soft positron's light and shower came together or not
  at all, which a small forest learns from ~40 positrons; their edges are now independent and smeared over the
  sector (course_utils/particles.py, P_REACH_WIDTH). Most positrons it still finds lie below 0.5 GeV/c, where β
  alone sets them apart. At the published 50,000 rows the forest still finds more positrons than in the real file
  (0.41-0.75 over seeds 0-4 on ~30 test positrons each, mean 0.51; real 0.28 ± 0.08). With all six responses,
  balanced class weights and 500,000 rows, boosted trees reach 95.1% accuracy and macro-F1 0.755-0.758 on our data
  against the published ~97.1% and ~0.86, so there our positrons are harder to separate than the real file's.
"""

import hashlib
import importlib.util
import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split

from course_utils import config, particles

ROOT = Path(__file__).resolve().parents[1]
N = 500_000

CLASS_FRACTION = {211: 0.5614, 2212: 0.3892, 321: 0.0465, -11: 0.00297}  # ref §1 [V]
ZERO_PERCENT = {  # ref §3 [V]: % of each class with nphe = 0, ein = 0, eout = 0
    -11: (58.0, 55.7, 74.5), 211: (91.4, 50.2, 55.5), 321: (96.6, 21.9, 20.9), 2212: (96.5, 14.0, 29.4)}
BETA_ABOVE_1_PERCENT = {-11: 50.8, 211: 16.9, 321: 2.95, 2212: 0.020}  # ref §3 [V]
DIFFICULTY = {  # published value on the real file, its shift to 20,000 rows, tolerance (see the module docstring)
    ("LR", "accuracy"): (0.932, 0.0, 0.014), ("k-NN", "accuracy"): (0.9562, -0.005, 0.012),
    ("RF", "accuracy"): (0.9685, -0.001, 0.009), ("RF, rows outside the sample", 321): (0.72, -0.030, 0.076),
    ("RF, rows outside the sample", -11): (0.28, -0.185, 0.28)}
DESCRIBE = pd.DataFrame(  # ref §2 [V]
    {"p": [1.2301, 0.7415, 0.6658, 1.0662, 1.6497], "theta": [0.4889, 0.2942, 0.2817, 0.4049, 0.6118],
     "beta": [0.8996, 0.1132, 0.8379, 0.9462, 0.9856], "nphe": [3.575, 17.79, 0, 0, 0],
     "ein": [0.05636, 0.07883, 0, 0.03442, 0.06835], "eout": [0.07033, 0.10206, 0, 0.04417, 0.09366]},
    index=["mean", "std", "25%", "50%", "75%"])
GLOBAL_ZERO_PERCENT = {"nphe": 93.52, "ein": 34.81, "eout": 43.78}  # ref §2 [V]
QUARTILES = {  # ref §3 [P]: (Q1, median, Q3) per class
    "p": {-11: (0.31, 0.52, 0.80), 211: (0.47, 0.78, 1.43), 321: (1.02, 1.83, 2.49), 2212: (0.97, 1.27, 1.75)},
    "theta": {-11: (0.27, 0.40, 0.67), 211: (0.31, 0.48, 0.77), 321: (0.24, 0.32, 0.44), 2212: (0.27, 0.35, 0.47)},
    "beta": {-11: (0.99, 1.00, 1.005), 211: (0.955, 0.98, 0.995), 321: (0.875, 0.955, 0.975),
             2212: (0.72, 0.805, 0.885)},
}


@pytest.fixture(scope="module")
def sim():
    return particles.simulate(N, seed=2024)


def load_script(relative: str):
    """Import a script of the repository (scripts/, benchmarks/) as a module."""
    name = Path(relative).stem
    spec = importlib.util.spec_from_file_location(name, ROOT / relative)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def difficulty():
    bench = load_script("benchmarks/particle_difficulty.py")
    return bench.protocol(particles.load_particles()[0], rows=20_000, seed=0)


def check_difficulty(difficulty, keys):
    for model, metric in keys:
        published, shift, tolerance = DIFFICULTY[model, metric]
        got = difficulty[model][metric]
        assert abs(got - (published + shift)) <= tolerance, (
            f"{model} {metric}: {got:.4f}, expected {published + shift:.4f} ± {tolerance} (published {published})")


def test_classifiers_find_the_data_as_hard_as_the_real_file(difficulty):
    check_difficulty(difficulty, [("LR", "accuracy"), ("k-NN", "accuracy"), ("RF", "accuracy"),
                                  ("RF, rows outside the sample", 321)])


def test_positrons_are_as_hard_to_find_as_in_the_real_file(difficulty):
    check_difficulty(difficulty, [("RF, rows outside the sample", -11)])


def test_boosted_trees_on_kinematics_alone_find_kaons_and_positrons_as_in_the_real_file(sim):
    """Time of flight decides most of the identification: p, θ and β alone, with many training rows."""
    x_train, x_test, y_train, y_test = train_test_split(
        sim[["p", "theta", "beta"]].to_numpy(), sim["id"].to_numpy(), test_size=0.2, random_state=0, stratify=sim["id"])
    predicted = HistGradientBoostingClassifier(random_state=0).fit(x_train, y_train).predict(x_test)
    accuracy = float(np.mean(predicted == y_test))
    recall = {code: float(np.mean(predicted[y_test == code] == code)) for code in (321, -11)}
    assert abs(accuracy - 0.968) <= 0.004, f"accuracy {accuracy:.4f}, published 0.968 ± 0.004"
    assert abs(recall[321] - 0.66) <= 0.05, f"kaon recall {recall[321]:.3f}, published 0.66 ± 0.05"
    assert abs(recall[-11] - 0.45) <= 0.09, f"positron recall {recall[-11]:.3f}, published 0.45 ± 0.09"


def test_class_fractions(sim):
    share = sim["id"].value_counts(normalize=True)
    for code, ref in CLASS_FRACTION.items():
        tolerance = 0.10 * ref if code == -11 else 0.003
        assert abs(share[code] - ref) <= tolerance, f"{particles.SPECIES_NAMES[code]}: {share[code]:.4f} vs {ref}"


@pytest.mark.parametrize("code", particles.PDG_CODES)
def test_zero_fractions_per_class(sim, code):
    tracks = sim[sim["id"] == code]
    tolerance = 6.0 if code == -11 else 3.0
    for column, ref in zip(("nphe", "ein", "eout"), ZERO_PERCENT[code], strict=True):
        got = 100 * (tracks[column] == 0).mean()
        assert abs(got - ref) <= tolerance, f"{particles.SPECIES_NAMES[code]} {column}=0: {got:.1f}% vs {ref}%"


def test_beta_above_one_per_class(sim):
    got = {code: 100 * (sim.loc[sim["id"] == code, "beta"] >= 1).mean() for code in particles.PDG_CODES}
    assert abs(got[211] - BETA_ABOVE_1_PERCENT[211]) <= 1.5, got
    assert abs(got[-11] - BETA_ABOVE_1_PERCENT[-11]) <= 4.0, got
    assert abs(got[321] / BETA_ABOVE_1_PERCENT[321] - 1) <= 0.35, got
    assert 1 / 3 <= got[2212] / BETA_ABOVE_1_PERCENT[2212] <= 3, got


def test_global_describe_of_kinematics(sim):
    table = sim[["p", "theta", "beta"]].describe()
    for column in ("p", "theta", "beta"):
        for stat in DESCRIBE.index:
            ref, got = DESCRIBE.loc[stat, column], table.loc[stat, column]
            tolerance = 0.05 if stat == "std" else 0.01 if column == "beta" else 0.03
            assert abs(got / ref - 1) <= tolerance, f"{column} {stat}: {got:.4f} vs {ref} (±{tolerance:.0%})"


def test_global_detector_responses(sim):
    for column, ref in GLOBAL_ZERO_PERCENT.items():
        got = 100 * (sim[column] == 0).mean()
        assert abs(got - ref) <= 2.0, f"{column}: {got:.2f}% zeros vs {ref}%"
    table = sim[["nphe", "ein", "eout"]].describe()
    checks = [("nphe", "mean", 0.20), ("nphe", "std", 0.20)]
    checks += [(column, stat, 0.15) for column in ("ein", "eout") for stat in ("mean", "std", "50%", "75%")]
    for column, stat, tolerance in checks:
        ref, got = DESCRIBE.loc[stat, column], table.loc[stat, column]
        assert abs(got / ref - 1) <= tolerance, f"{column} {stat}: {got:.4f} vs {ref} (±{tolerance:.0%})"


@pytest.mark.parametrize("column", ["p", "theta", "beta"])
def test_per_class_quartiles(sim, column):
    for code, ref in QUARTILES[column].items():
        got = sim.loc[sim["id"] == code, column].quantile([0.25, 0.5, 0.75]).to_numpy()
        error = np.abs(got - ref) if column == "beta" else np.abs(got / np.array(ref) - 1)
        assert np.all(error <= (0.03 if column == "beta" else 0.12)), f"{particles.SPECIES_NAMES[code]}: {got} vs {ref}"


def test_momentum_angle_correlation(sim):
    assert sim["p"].corr(sim["theta"]) == pytest.approx(-0.57, abs=0.08)  # ref §2 [V]


def test_columns_dtypes_cuts_and_exact_size():
    frame = particles.simulate(20_000, seed=1)
    assert list(frame.columns) == list(particles.COLUMNS) and len(frame) == 20_000
    assert frame["id"].dtype == np.int64 and frame["nphe"].dtype == np.int64
    assert all(frame[c].dtype == np.float64 for c in ("p", "theta", "beta", "ein", "eout"))
    assert set(frame["id"]) == set(particles.PDG_CODES) and not frame.isna().any().any()
    assert frame["beta"].between(particles.BETA_MIN, particles.BETA_MAX).all() and (frame["p"] >= particles.P_MIN).all()
    assert frame["theta"].between(particles.THETA_MIN, particles.THETA_MAX).all()
    assert (frame[["nphe", "ein", "eout"]] >= 0).all().all()
    assert len(particles.simulate(1, seed=0)) == 1


def test_central_tracks_have_no_cherenkov_or_calorimeter_signal():
    frame = particles.simulate(20_000, seed=2)
    central = frame[frame["theta"] > particles.THETA_FD_MAX]
    assert 0.15 < len(central) / len(frame) < 0.35
    assert (central[["nphe", "ein", "eout"]] == 0).all().all()


def test_rows_are_shuffled_not_in_species_blocks():
    ids = particles.simulate(20_000, seed=3)["id"].to_numpy()
    assert abs((ids[:2000] == 211).mean() - (ids == 211).mean()) < 0.05
    assert (np.diff(ids) != 0).mean() > 0.4


def test_same_seed_same_frame_other_seed_other_frame():
    first, again, other = (particles.simulate(5_000, seed=s) for s in (7, 7, 8))
    pd.testing.assert_frame_equal(first, again)
    assert not first.equals(other)


@pytest.mark.parametrize(("n", "seed"), [(0, 1), (-5, 1), (2.5, 1), ("100", 1), (True, 1), (10, -1), (10, 1.5)])
def test_simulate_rejects_bad_arguments(n, seed):
    with pytest.raises(ValueError, match="must be a"):
        particles.simulate(n, seed)


def test_theoretical_beta():
    assert particles.theoretical_beta(0.9383, 2212) == pytest.approx(1 / np.sqrt(2), rel=1e-4)
    beta = particles.theoretical_beta(np.array([0.21, 1.0, 5.0]), 211)
    assert beta.shape == (3,) and np.all(np.diff(beta) > 0) and np.all(beta < 1)
    with pytest.raises(ValueError, match="unknown PDG code 13"):
        particles.theoretical_beta(1.0, 13)


def test_simulate_response_is_the_conditional_detector_model():
    rng = np.random.default_rng(0)
    species = np.repeat(np.array(particles.PDG_CODES), 500)
    response = particles.simulate_response(species, np.full(2000, 1.5), np.full(2000, 0.3), rng)
    assert list(response.columns) == ["beta", "nphe", "ein", "eout"] and len(response) == 2000
    median_beta = response.groupby(species)["beta"].median()
    for code in particles.PDG_CODES:  # β follows p / sqrt(p² + m²) for each species
        assert median_beta[code] == pytest.approx(particles.theoretical_beta(1.5, code), abs=0.01)
    positron_energy = response.loc[species == -11, "ein"] + response.loc[species == -11, "eout"]
    assert positron_energy[positron_energy > 0].median() == pytest.approx(particles.SF_EM * 1.5, rel=0.15)
    central = particles.simulate_response(species, np.full(2000, 0.5), np.full(2000, 1.2), rng)
    assert (central[["nphe", "ein", "eout"]] == 0).all().all()


@pytest.mark.parametrize(
    ("species", "p", "theta", "message"),
    [([211, 13], [1.0, 1.0], [0.3, 0.3], r"unknown PDG codes \[13\]"),
     ([211, 211], [1.0], [0.3, 0.3], "same length"),
     ([211], [-1.0], [0.3], "p must be"),
     ([211], [1.0], [4.0], "theta in"),
     ([211], [np.nan], [0.3], "p must be")],
)
def test_simulate_response_rejects_bad_input(species, p, theta, message):
    with pytest.raises(ValueError, match=message):
        particles.simulate_response(species, p, theta, np.random.default_rng(0))


def test_simulate_response_needs_a_generator():
    with pytest.raises(ValueError, match="default_rng"):
        particles.simulate_response([211], [1.0], [0.3], 42)


def test_load_particles_shapes_columns_and_labels():
    train, test = particles.load_particles()
    assert list(train.columns) == list(particles.COLUMNS) and len(train) == particles.N_TRAIN
    assert list(test.columns) == ["row", *particles.COLUMNS[1:]] and len(test) == particles.N_TEST
    assert (test["row"].to_numpy() == np.arange(particles.N_TEST)).all()
    assert train["id"].dtype == np.int64 and test["nphe"].dtype == np.int64
    assert set(train["id"]) == set(particles.PDG_CODES)
    share = train["id"].value_counts(normalize=True)
    assert abs(share[211] - CLASS_FRACTION[211]) < 0.01 and abs(share[2212] - CLASS_FRACTION[2212]) < 0.01


def test_provenance_matches_checksums():
    provenance = json.loads((config.data_dir() / "particles" / "provenance.json").read_text())
    assert provenance["rebuild"] == particles.REBUILD == "python scripts/build_particles.py"
    assert str(particles.DATA_SEED) in provenance["generator"]
    for name, entry in provenance["files"].items():
        assert entry["sha256"] == particles.DATA_SHA256[name]
        assert hashlib.sha256((config.data_dir() / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]


def test_builder_reproduces_the_committed_files_byte_for_byte(tmp_path, monkeypatch):
    builder = load_script("scripts/build_particles.py")
    monkeypatch.setattr(sys, "argv", ["build_particles.py", "--out-dir", str(tmp_path)])
    builder.main()
    for relative in particles.DATA_FILES.values():
        rebuilt = (tmp_path / Path(relative).name).read_bytes()
        assert rebuilt == (config.data_dir() / relative).read_bytes(), f"{relative} differs from the rebuilt file"


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    shutil.copytree(config.data_dir() / "particles", tmp_path / "particles")
    monkeypatch.setattr(config, "data_dir", lambda: tmp_path)
    return tmp_path / "particles"


def test_missing_file_names_the_rebuild_command(data_copy):
    (data_copy / "train.csv.gz").unlink()
    with pytest.raises(FileNotFoundError, match=r"train\.csv\.gz.*scripts/build_particles\.py"):
        particles.load_particles()


def test_altered_file_is_rejected(data_copy):
    path = data_copy / "test.csv.gz"
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(ValueError, match=r"test\.csv\.gz.*corrupt.*scripts/build_particles\.py"):
        particles.load_particles()


def test_simulate_refuses_more_rows_than_memory_allows_and_says_how_to_chunk():
    with pytest.raises(ValueError, match=r"50,000,000 rows would need about 12 GB.*mode='a'"):
        particles.simulate(50_000_000, 1)
    assert particles.MAX_ROWS >= 2 * 5_000_000, "a sample twice the real file's size stays possible"
