"""Plausible wrong answers to lecture 16's exercises; the test harness checks each makes its check cell fail."""

WRONG_ANSWERS = {
    1: [
        ("ranks of the merged sample: ties split between the two CDFs",
         "data = np.concatenate([a, b])\n"
         "from_a = np.argsort(data, kind=\"stable\") < len(a)\n"
         "cdf_a = np.cumsum(from_a) / len(a)\n"
         "cdf_b = np.cumsum(~from_a) / len(b)\n"
         "return float(np.max(np.abs(cdf_a - cdf_b)))"),
        ("signed difference instead of its absolute value",
         "a, b = np.sort(a), np.sort(b)\n"
         "points = np.concatenate([a, b])\n"
         'cdf_a = np.searchsorted(a, points, side="right") / len(a)\n'
         'cdf_b = np.searchsorted(b, points, side="right") / len(b)\n'
         "return float(np.max(cdf_b - cdf_a))"),
        ("samples not sorted before searchsorted",
         "points = np.concatenate([a, b])\n"
         'cdf_a = np.searchsorted(np.asarray(a), points, side="right") / len(a)\n'
         'cdf_b = np.searchsorted(np.asarray(b), points, side="right") / len(b)\n'
         "return float(np.max(np.abs(cdf_a - cdf_b)))"),
    ],
    2: [
        ("share of non-zero values instead of zeros",
         ["is_zero = frame[ZEROABLE].ne(0).to_numpy()\n"
          "return pd.DataFrame([is_zero[species == code].mean(axis=0) for code in CODES], index=CODES, "
          "columns=ZEROABLE)",
          "gap = zero_fractions(generated, species_held) - zero_fractions(held_out, species_held)\n"
          "worst_zero_gap = float(gap.loc[[211, 321, 2212]].abs().to_numpy().max())"]),
        ("positrons included in the largest gap",
         ["is_zero = frame[ZEROABLE].eq(0).to_numpy()\n"
          "return pd.DataFrame([is_zero[species == code].mean(axis=0) for code in CODES], index=CODES, "
          "columns=ZEROABLE)",
          "gap = zero_fractions(generated, species_held) - zero_fractions(held_out, species_held)\n"
          "worst_zero_gap = float(gap.abs().to_numpy().max())"]),
        ("indexed by species name instead of PDG code",
         ["is_zero = frame[ZEROABLE].eq(0).to_numpy()\n"
          "return pd.DataFrame([is_zero[species == code].mean(axis=0) for code in CODES], index=NAMES, "
          "columns=ZEROABLE)",
          "worst_zero_gap = 0.0"]),
    ],
    3: [
        ("β of the held-out simulator output instead of the CVAE's",
         'm2_generated = p_held**2 * (1 / held_out["beta"].to_numpy() ** 2 - 1)\n'
         "generated_mass = {int(code): float(np.sqrt(max(np.median(m2_generated[species_held == code]), 0))) "
         "for code in CODES}"),
        ("mean of m² instead of the median",
         'm2_generated = p_held**2 * (1 / generated["beta"].to_numpy() ** 2 - 1)\n'
         "generated_mass = {int(code): float(np.sqrt(max(np.mean(m2_generated[species_held == code]), 0))) "
         "for code in CODES}"),
    ],
    4: [
        ("no noise: the sigmoid of the logit over the temperature",
         "return 1 / (1 + np.exp(-np.asarray(logits) / temperature))"),
        ("Gaussian noise instead of logistic noise",
         "return 1 / (1 + np.exp(-(logits + rng.normal(size=np.shape(logits))) / temperature))"),
        ("temperature multiplied instead of divided",
         "u = rng.random(np.shape(logits))\n"
         "return 1 / (1 + np.exp(-(logits + np.log(u) - np.log1p(-u)) * temperature))"),
        ("one-sided noise log u only",
         "u = rng.random(np.shape(logits))\n"
         "return 1 / (1 + np.exp(-(logits + np.log(u)) / temperature))"),
    ],
}
