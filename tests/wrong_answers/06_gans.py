"""Plausible wrong answers to lecture 06's exercises; the test harness checks each makes its check cell fail."""

WRONG_ANSWERS = {
    1: [  # inverse-transform sampling of an exponential
        ("multiplied by lam instead of divided", "return -np.log1p(-u) * lam"),
        ("lost the minus sign", "return np.log1p(-u) / lam"),
        ("applied the CDF instead of inverting it", "return 1 - np.exp(-lam * u)"),
    ],
    2: [  # the optimal discriminator for two Gaussians
        ("p_g over the sum (the fake side)",
         "p, q = stats.norm.pdf(x, 0, 1), stats.norm.pdf(x, 2, 1)\nreturn q / (p + q)"),
        ("density ratio, not normalised", "p, q = stats.norm.pdf(x, 0, 1), stats.norm.pdf(x, 2, 1)\nreturn p / q"),
        ("CDFs instead of densities", "p, q = stats.norm.cdf(x, 0, 1), stats.norm.cdf(x, 2, 1)\nreturn p / (p + q)"),
    ],
    3: [  # the two generator losses, from logits (two solution regions)
        ("sum instead of mean", ["return tf.reduce_sum(-tf.nn.softplus(fake_logits))",
                                 "return tf.reduce_sum(tf.nn.softplus(-fake_logits))"]),
        ("through sigmoid, then log (not finite for confident logits)",
         ["return tf.reduce_mean(tf.math.log(1 - tf.sigmoid(fake_logits)))",
          "return tf.reduce_mean(-tf.math.log(tf.sigmoid(fake_logits)))"]),
        ("softplus signs swapped", ["return tf.reduce_mean(-tf.nn.softplus(-fake_logits))",
                                    "return tf.reduce_mean(tf.nn.softplus(fake_logits))"]),
    ],
    4: [  # count the modes yourself
        ("a mode counts with a single point",
         "angles = 2 * np.pi * np.arange(modes) / modes\n"
         "centres = radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)\n"
         "distances = np.linalg.norm(points[:, None, :] - centres[None, :, :], axis=2)\n"
         "close = distances.min(axis=1) <= 3 * std\n"
         "counts = np.bincount(distances.argmin(axis=1)[close], minlength=modes)\n"
         "return int((counts >= 1).sum()), float(close.mean())"),
        ("within one standard deviation instead of three",
         "angles = 2 * np.pi * np.arange(modes) / modes\n"
         "centres = radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)\n"
         "distances = np.linalg.norm(points[:, None, :] - centres[None, :, :], axis=2)\n"
         "close = distances.min(axis=1) <= std\n"
         "counts = np.bincount(distances.argmin(axis=1)[close], minlength=modes)\n"
         "return int((counts >= max(1, int(0.01 * len(points)))).sum()), float(close.mean())"),
        ("every point counted, near a mode or not",
         "angles = 2 * np.pi * np.arange(modes) / modes\n"
         "centres = radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)\n"
         "distances = np.linalg.norm(points[:, None, :] - centres[None, :, :], axis=2)\n"
         "close = distances.min(axis=1) <= 3 * std\n"
         "counts = np.bincount(distances.argmin(axis=1), minlength=modes)\n"
         "return int((counts >= max(1, int(0.01 * len(points)))).sum()), float(close.mean())"),
    ],
}
