"""Plausible wrong answers to lecture 05's exercises; the test harness checks each makes its check cell fail."""

WRONG_ANSWERS = {
    1: [  # choose_latent_dim(scores, min_accuracy): highest test ELBO among the sizes accurate enough
        ("ignores the accuracy condition", 'return max(scores, key=lambda d: scores[d]["test_elbo"])'),
        ("lowest test ELBO (min for max)",
         'allowed = [d for d, s in scores.items() if s["conditional_accuracy"] >= min_accuracy]\n'
         "if not allowed:\n"
         "    return None\n"
         'return min(allowed, key=lambda d: scores[d]["test_elbo"])'),
        ("strictly above min_accuracy",
         'allowed = [d for d, s in scores.items() if s["conditional_accuracy"] > min_accuracy]\n'
         "if not allowed:\n"
         "    return None\n"
         'return max(allowed, key=lambda d: scores[d]["test_elbo"])'),
        ("the most accurate size", 'return max(scores, key=lambda d: scores[d]["conditional_accuracy"])'),
        ("the largest size that is accurate enough",
         'allowed = [d for d, s in scores.items() if s["conditional_accuracy"] >= min_accuracy]\n'
         "return max(allowed) if allowed else None"),
        ("returns the best test ELBO, not the latent size",
         'allowed = [s["test_elbo"] for s in scores.values() if s["conditional_accuracy"] >= min_accuracy]\n'
         "return max(allowed) if allowed else None"),
    ],
    2: [  # write_number(decoder, digits, z)
        ("every character decoded with the first character's label",
         'labels = keras.utils.to_categorical([int(digits[0])] * len(digits), 10).astype("float32")\n'
         'codes = np.repeat(z[None, :], len(digits), axis=0).astype("float32")\n'
         "images = ops.convert_to_numpy(decoder([codes, labels])).reshape(-1, 28, 28)\n"
         "return np.concatenate(list(images), axis=1)"),
        ("stacked vertically",
         'labels = keras.utils.to_categorical([int(c) for c in digits], 10).astype("float32")\n'
         'codes = np.repeat(z[None, :], len(digits), axis=0).astype("float32")\n'
         "images = ops.convert_to_numpy(decoder([codes, labels])).reshape(-1, 28, 28)\n"
         "return np.concatenate(list(images), axis=0)"),
        ("written right to left",
         'labels = keras.utils.to_categorical([int(c) for c in digits[::-1]], 10).astype("float32")\n'
         'codes = np.repeat(z[None, :], len(digits), axis=0).astype("float32")\n'
         "images = ops.convert_to_numpy(decoder([codes, labels])).reshape(-1, 28, 28)\n"
         "return np.concatenate(list(images), axis=1)"),
    ],
    3: [  # interpolate_labels(decoder, z, a, b, steps)
        ("t stops short of 1 (endpoint left out)",
         't = np.linspace(0, 1, steps, endpoint=False, dtype="float32")[:, None]\n'
         'e_a, e_b = keras.utils.to_categorical([a, b], 10).astype("float32")\n'
         "y = (1 - t) * e_a + t * e_b\n"
         'codes = np.repeat(z[None, :], steps, axis=0).astype("float32")\n'
         "return ops.convert_to_numpy(decoder([codes, y])).reshape(steps, 28, 28)"),
        ("a and b swapped",
         't = np.linspace(0, 1, steps, dtype="float32")[:, None]\n'
         'e_a, e_b = keras.utils.to_categorical([a, b], 10).astype("float32")\n'
         "y = t * e_a + (1 - t) * e_b\n"
         'codes = np.repeat(z[None, :], steps, axis=0).astype("float32")\n'
         "return ops.convert_to_numpy(decoder([codes, y])).reshape(steps, 28, 28)"),
        ("switches the label half way instead of mixing",
         't = np.linspace(0, 1, steps, dtype="float32")[:, None]\n'
         'e_a, e_b = keras.utils.to_categorical([a, b], 10).astype("float32")\n'
         "y = np.where(t < 0.5, e_a, e_b).astype(\"float32\")\n"
         'codes = np.repeat(z[None, :], steps, axis=0).astype("float32")\n'
         "return ops.convert_to_numpy(decoder([codes, y])).reshape(steps, 28, 28)"),
    ],
    4: [  # confusion_counts(requested, recognised)
        ("fancy-index += counts repeated pairs once",
         "counts = np.zeros((10, 10), dtype=int)\n"
         "counts[np.asarray(requested), np.asarray(recognised)] += 1\n"
         "return counts"),
        ("rows and columns swapped",
         "counts = np.zeros((10, 10), dtype=int)\n"
         "np.add.at(counts, (np.asarray(recognised), np.asarray(requested)), 1)\n"
         "return counts"),
        ("rows normalised to shares",
         "counts = np.zeros((10, 10))\n"
         "np.add.at(counts, (np.asarray(requested), np.asarray(recognised)), 1)\n"
         "return counts / counts.sum(axis=1, keepdims=True)"),
    ],
}
