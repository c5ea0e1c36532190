"""Plausible wrong answers to lecture 14's exercises; the test harness checks each makes its check cell fail."""

WRONG_ANSWERS = {
    1: [
        ("the directions swapped", ["return x_t + t * v", "return x_t - (1 - t) * v"]),
        ("the times swapped", ["return x_t - (1 - t) * v", "return x_t + t * v"]),
        ("the velocity ignored", ["return x_t", "return x_t"]),
        ("a whole unit of time both ways", ["return x_t - v", "return x_t + v"]),
        ("the time already travelled used for the way forward too", ["return x_t - t * v", "return x_t + t * v"]),
    ],
    2: [
        ("an Euler step", "return x + h * velocity(x, t)"),
        (
            "the half-way point evaluated at the start time",
            "half = x + 0.5 * h * velocity(x, t)\nreturn x + h * velocity(half, t)",
        ),
        (
            "a whole step to the 'half-way' point",
            "half = x + h * velocity(x, t)\nreturn x + h * velocity(half, t + 0.5 * h)",
        ),
        (
            "half a step with the midpoint velocity",
            "half = x + 0.5 * h * velocity(x, t)\nreturn x + 0.5 * h * velocity(half, t + 0.5 * h)",
        ),
        ("the half-way point returned", "return x + 0.5 * h * velocity(x, t)"),
    ],
    3: [
        ("the unconditional field kept whole", "return scale, 1"),
        ("the weights swapped", "return 1 - scale, scale"),
        ("the label's field kept whole", "return 1, scale"),
        ("the difference alone", "return scale, -scale"),
        ("one plus the scale on the label", "return 1 + scale, -scale"),
    ],
}
