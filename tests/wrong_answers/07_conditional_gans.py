"""Plausible wrong answers to lecture 07's exercises; the test harness checks each makes its check cell fail."""

WRONG_ANSWERS = {
    1: [  # wrong labels for the mismatched pairs
        ("shift drawn from 0..9, so sometimes the true label",
         "labels = np.asarray(labels)\nreturn (labels + rng.integers(0, 10, size=labels.shape)) % 10"),
        ("off by one: shift drawn from 1..8, one digit never chosen",
         "labels = np.asarray(labels)\nreturn (labels + rng.integers(1, 9, size=labels.shape)) % 10"),
        ("always the next digit", "return (np.asarray(labels) + 1) % 10"),
        ("no modulo 10", "labels = np.asarray(labels)\nreturn labels + rng.integers(1, 10, size=labels.shape)"),
        ("any digit, uniform over all ten", "return rng.integers(0, 10, size=np.shape(labels))"),
    ],
    2: [  # spherical interpolation
        ("linear interpolation", "t = np.asarray(t, dtype='float64')[:, None]\nreturn (1 - t) * z0 + t * z1"),
        ("weights swapped",
         "t = np.asarray(t, dtype='float64')[:, None]\n"
         "theta = np.arccos(np.clip(np.dot(z0, z1) / (np.linalg.norm(z0) * np.linalg.norm(z1)), -1.0, 1.0))\n"
         "return (np.sin(t * theta) * z0 + np.sin((1 - t) * theta) * z1) / np.sin(theta)"),
        ("forgot to divide by sin(theta)",
         "t = np.asarray(t, dtype='float64')[:, None]\n"
         "theta = np.arccos(np.clip(np.dot(z0, z1) / (np.linalg.norm(z0) * np.linalg.norm(z1)), -1.0, 1.0))\n"
         "return np.sin((1 - t) * theta) * z0 + np.sin(t * theta) * z1"),
        ("angle from the unnormalised dot product",
         "t = np.asarray(t, dtype='float64')[:, None]\n"
         "theta = np.arccos(np.clip(np.dot(z0, z1), -1.0, 1.0))\n"
         "return (np.sin((1 - t) * theta) * z0 + np.sin(t * theta) * z1) / np.sin(theta)"),
    ],
    3: [  # the discriminator as a classifier
        ("argmin instead of argmax",
         "n = len(images)\ntiled = np.tile(images, (10, 1))\n"
         "labels = keras.utils.to_categorical(np.repeat(np.arange(10), n), 10).astype('float32')\n"
         "logits = discriminator.predict([tiled, labels], verbose=0, batch_size=1000).reshape(10, n)\n"
         "return logits.argmin(axis=0)"),
        ("reshaped to (n, 10) although the labels vary slowest",
         "n = len(images)\ntiled = np.tile(images, (10, 1))\n"
         "labels = keras.utils.to_categorical(np.repeat(np.arange(10), n), 10).astype('float32')\n"
         "logits = discriminator.predict([tiled, labels], verbose=0, batch_size=1000).reshape(n, 10)\n"
         "return logits.argmax(axis=1)"),
        ("every image scored with label 0 only, thresholded",
         "labels = np.zeros((len(images), 10), 'float32')\nlabels[:, 0] = 1\n"
         "logits = discriminator.predict([images, labels], verbose=0, batch_size=1000)[:, 0]\n"
         "return (logits > 0).astype(int)"),
    ],
    4: [  # Q reads real digits
        ("the source logit (first output) instead of the code logits",
         "return discriminator.predict(images, verbose=0, batch_size=1000)[0].argmax(axis=1)"),
        ("the continuous codes' means (third output)",
         "return discriminator.predict(images, verbose=0, batch_size=1000)[2].argmax(axis=1)"),
        ("argmax over the batch axis",
         "return discriminator.predict(images, verbose=0, batch_size=1000)[1].argmax(axis=0)"),
        ("argmin instead of argmax",
         "return discriminator.predict(images, verbose=0, batch_size=1000)[1].argmin(axis=1)"),
    ],
}
