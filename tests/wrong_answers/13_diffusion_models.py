"""Plausible wrong answers to lecture 13's exercises; the test harness checks each makes its check cell fail."""

WRONG_ANSWERS = {
    1: [
        (
            "the prior alone, ignoring x_t",
            "mean = np.sqrt(alpha_bar_prev) * x_0\nvariance = 1 - alpha_bar_prev",
        ),
        (
            "the right mean with the step's noise beta_t as the variance",
            "exact = 1 / (1 / (1 - alpha_bar_prev) + alpha_t / (1 - alpha_t))\n"
            "mean = exact * (np.sqrt(alpha_bar_prev) * x_0 / (1 - alpha_bar_prev)\n"
            "              + np.sqrt(alpha_t) * x_t / (1 - alpha_t))\n"
            "variance = 1 - alpha_t",
        ),
        (
            "the likelihood's precision without the factor alpha_t",
            "variance = 1 / (1 / (1 - alpha_bar_prev) + 1 / (1 - alpha_t))\n"
            "mean = variance * (np.sqrt(alpha_bar_prev) * x_0 / (1 - alpha_bar_prev)\n"
            "                   + np.sqrt(alpha_t) * x_t / (1 - alpha_t))",
        ),
        (
            "x_t taken as a direct measurement of x_(t-1), not shrunk by sqrt(alpha_t)",
            "variance = 1 / (1 / (1 - alpha_bar_prev) + alpha_t / (1 - alpha_t))\n"
            "mean = variance * (np.sqrt(alpha_bar_prev) * x_0 / (1 - alpha_bar_prev) + x_t / (1 - alpha_t))",
        ),
        (
            "variances added and the means averaged",
            "variance = (1 - alpha_bar_prev) + (1 - alpha_t)\n"
            "mean = (np.sqrt(alpha_bar_prev) * x_0 + x_t / np.sqrt(alpha_t)) / 2",
        ),
    ],
    2: [
        ("one Gaussian at 0 with the noise's variance", "return -x / (1 - alpha_bar_t)"),
        ("the score of a standard normal", "return -x"),
        (
            "the centre left out of the tanh's argument",
            "m, variance = np.sqrt(alpha_bar_t), 1 - alpha_bar_t\nreturn (m * np.tanh(x / variance) - x) / variance",
        ),
        (
            "the sign flipped: pointing away from the data",
            "m, variance = np.sqrt(alpha_bar_t), 1 - alpha_bar_t\n"
            "return (x - m * np.tanh(m * x / variance)) / variance",
        ),
        (
            "a sigmoid where the tanh belongs",
            "m, variance = np.sqrt(alpha_bar_t), 1 - alpha_bar_t\n"
            "return (m / (1 + np.exp(-m * x / variance)) - x) / variance",
        ),
    ],
    3: [
        ("the original chain's one-step betas at the chosen steps", "return 1 - alpha_bar[taus] / alpha_bar[taus - 1]"),
        ("one minus alpha_bar at the chosen steps", "return 1 - alpha_bar[taus]"),
        (
            "the ratio inverted",
            "previous = alpha_bar[np.concatenate([[0], taus[:-1]])]\nreturn 1 - previous / alpha_bar[taus]",
        ),
        (
            "the previous step wrapped around instead of starting from step 0",
            "return 1 - alpha_bar[taus] / alpha_bar[np.roll(taus, 1)]",
        ),
        (
            "differences of alpha_bar instead of ratios",
            "previous = alpha_bar[np.concatenate([[0], taus[:-1]])]\nreturn previous - alpha_bar[taus]",
        ),
    ],
}
