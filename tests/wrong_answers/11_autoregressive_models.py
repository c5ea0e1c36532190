"""Plausible wrong answers to lecture 11's exercises; the test harness checks each makes its check cell fail."""

WRONG_ANSWERS = {
    1: [
        ("the on pixels only (no log(1 - p) term)", "return np.sum(images * np.log(probabilities), axis=1)"),
        (
            "the mean over pixels instead of the sum",
            "return np.mean(images * np.log(probabilities) + (1 - images) * np.log1p(-probabilities), axis=1)",
        ),
        (
            "in bits (log base 2)",
            "return np.sum(images * np.log2(probabilities) + (1 - images) * np.log2(1 - probabilities), axis=1)",
        ),
        (
            "summed over the images instead of the pixels",
            "return np.sum(images * np.log(probabilities) + (1 - images) * np.log1p(-probabilities), axis=0)",
        ),
        (
            "the negative log-likelihood",
            "return -np.sum(images * np.log(probabilities) + (1 - images) * np.log1p(-probabilities), axis=1)",
        ),
    ],
    2: [
        ("the pixel itself included", "return np.arange(784).reshape(28, 28) <= row * 28 + col"),
        ("only the rows above", "context = np.zeros((28, 28), bool)\ncontext[:row] = True\nreturn context"),
        (
            "the rows above and the whole current row but the pixel",
            "context = np.zeros((28, 28), bool)\ncontext[:row + 1] = True\ncontext[row, col] = False\nreturn context",
        ),
        ("column-major order", "return np.arange(784).reshape(28, 28).T < col * 28 + row"),
        ("the pixels after it", "return np.arange(784).reshape(28, 28) > row * 28 + col"),
    ],
    3: [
        ("the most likely level (no randomness)", "return np.argmax(logits, axis=1)"),
        (
            "off by one: the level after the one drawn",
            "probabilities = np.exp(logits - logits.max(axis=1, keepdims=True))\n"
            "cdf = np.cumsum(probabilities / probabilities.sum(axis=1, keepdims=True), axis=1)\n"
            "return np.minimum((cdf <= uniforms[:, None]).sum(axis=1) + 1, logits.shape[1] - 1)",
        ),
        (
            "the logits used as probabilities (no softmax)",
            "cdf = np.cumsum(logits, axis=1)\n"
            "return np.minimum((cdf <= uniforms[:, None]).sum(axis=1), logits.shape[1] - 1)",
        ),
        (
            "exp without subtracting the maximum (overflows)",
            "probabilities = np.exp(logits)\n"
            "cdf = np.cumsum(probabilities / probabilities.sum(axis=1, keepdims=True), axis=1)\n"
            "return np.minimum((cdf <= uniforms[:, None]).sum(axis=1), logits.shape[1] - 1)",
        ),
        (
            "the CDF read from the top (1 - u)",
            "probabilities = np.exp(logits - logits.max(axis=1, keepdims=True))\n"
            "cdf = np.cumsum(probabilities / probabilities.sum(axis=1, keepdims=True), axis=1)\n"
            "return np.minimum((cdf <= 1 - uniforms[:, None]).sum(axis=1), logits.shape[1] - 1)",
        ),
    ],
}
