"""Plausible wrong answers to lecture 12's exercises; the test harness checks each makes its check cell fail."""

WRONG_ANSWERS = {
    1: [
        (
            "the normal density at log x, without the stretch",
            "z = np.log(x)\nreturn -0.5 * z**2 - 0.5 * np.log(2 * np.pi)",
        ),
        (
            "the stretch added instead of subtracted",
            "z = np.log(x)\nreturn -0.5 * z**2 - 0.5 * np.log(2 * np.pi) + np.log(x)",
        ),
        ("the normal density at x itself", "return -0.5 * x**2 - 0.5 * np.log(2 * np.pi) - np.log(x)"),
        (
            "a density, not its log",
            "z = np.log(x)\nreturn np.exp(-0.5 * z**2) / np.sqrt(2 * np.pi) / x",
        ),
        (
            "the stretch of the inverse map taken as log(1/x) and added twice",
            "z = np.log(x)\nreturn -0.5 * z**2 - 0.5 * np.log(2 * np.pi) - 2 * np.log(x)",
        ),
    ],
    2: [
        ("every entry", "return np.ones((len(mask), len(mask)), bool)"),
        ("the diagonal only", "return np.eye(len(mask), dtype=bool)"),
        (
            "transposed: rows as inputs, columns as outputs",
            "return np.eye(len(mask), dtype=bool) | (mask[:, None] & ~mask[None, :])",
        ),
        (
            "without the diagonal",
            "return ~mask[:, None] & mask[None, :]",
        ),
        (
            "transformed outputs depending on every input",
            "return np.eye(len(mask), dtype=bool) | ~mask[:, None]",
        ),
    ],
    3: [
        (
            "no log-determinant",
            "z = np.linalg.solve(cholesky, (y - mean).T).T\n"
            "return np.sum(-0.5 * z**2 - 0.5 * np.log(2 * np.pi), axis=1)",
        ),
        (
            "the log-determinant added",
            "z = np.linalg.solve(cholesky, (y - mean).T).T\n"
            "return np.sum(-0.5 * z**2 - 0.5 * np.log(2 * np.pi), axis=1) + np.sum(np.log(np.diag(cholesky)))",
        ),
        (
            "multiplied by L instead of solved",
            "z = (y - mean) @ cholesky.T\n"
            "return np.sum(-0.5 * z**2 - 0.5 * np.log(2 * np.pi), axis=1) - np.sum(np.log(np.diag(cholesky)))",
        ),
        (
            "the log-determinant of the covariance L L^T instead of L",
            "z = np.linalg.solve(cholesky, (y - mean).T).T\n"
            "return np.sum(-0.5 * z**2 - 0.5 * np.log(2 * np.pi), axis=1) - 2 * np.sum(np.log(np.diag(cholesky)))",
        ),
        (
            "the mean over dimensions instead of the sum",
            "z = np.linalg.solve(cholesky, (y - mean).T).T\n"
            "return np.mean(-0.5 * z**2 - 0.5 * np.log(2 * np.pi), axis=1) - np.sum(np.log(np.diag(cholesky)))",
        ),
    ],
}
