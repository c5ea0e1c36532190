"""Plausible wrong answers to lecture 10's exercises; the test harness checks each makes its check cell fail."""

WRONG_ANSWERS = {
    1: [
        ("the mean under both losses", "return np.mean(candidates, axis=0)"),
        ("the median under both losses", "return np.median(candidates, axis=0)"),
        (
            "the two statistics swapped",
            "return np.mean(candidates, axis=0) if loss == 'l1' else np.median(candidates, axis=0)",
        ),
        ("one of the candidates", "return candidates[0]"),
        ("the median over the wrong axis", "return np.median(candidates, axis=1)"),
    ],
    2: [
        (
            "only the round trip A -> B -> A",
            "back_a = generator_ba.predict(generator_ab.predict(images_a, verbose=0), verbose=0)\n"
            "return float(np.mean(np.abs(back_a - images_a)) / 2)",
        ),
        (
            "one translation compared with its input, no round trip",
            "to_b = generator_ab.predict(images_a, verbose=0)\n"
            "to_a = generator_ba.predict(images_b, verbose=0)\n"
            "return float((np.mean(np.abs(to_b - images_a)) + np.mean(np.abs(to_a - images_b))) / 4)",
        ),
        (
            "in [-1, 1] units (not divided by 2)",
            "back_a = generator_ba.predict(generator_ab.predict(images_a, verbose=0), verbose=0)\n"
            "back_b = generator_ab.predict(generator_ba.predict(images_b, verbose=0), verbose=0)\n"
            "return float((np.mean(np.abs(back_a - images_a)) + np.mean(np.abs(back_b - images_b))) / 2)",
        ),
        (
            "the squared difference",
            "back_a = generator_ba.predict(generator_ab.predict(images_a, verbose=0), verbose=0)\n"
            "back_b = generator_ab.predict(generator_ba.predict(images_b, verbose=0), verbose=0)\n"
            "return float((np.mean((back_a - images_a) ** 2) + np.mean((back_b - images_b) ** 2)) / 4)",
        ),
    ],
    3: [
        ("the largest logit", "return class_logits.max(axis=1)"),
        ("log-sum-exp without the shift (overflows)", "return np.log(np.sum(np.exp(class_logits), axis=1))"),
        ("the log of the mean, not the sum", "top = class_logits.max(axis=1, keepdims=True)\n"
         "return (top + np.log(np.mean(np.exp(class_logits - top), axis=1, keepdims=True)))[:, 0]"),
        ("the sum of the logits", "return class_logits.sum(axis=1)"),
        ("the shift forgotten when adding back", "top = class_logits.max(axis=1, keepdims=True)\n"
         "return np.log(np.sum(np.exp(class_logits - top), axis=1))"),
    ],
}
