"""Plausible wrong answers to lecture 09's exercises; the test harness checks each makes its check cell fail."""

WRONG_ANSWERS = {
    1: [
        ("pairs the samples in drawn order, without sorting", "return float(np.mean(np.abs(a - b)))"),
        ("the distance between the means", "return float(abs(np.mean(a) - np.mean(b)))"),
        ("sum instead of mean", "return float(np.sum(np.abs(np.sort(a) - np.sort(b))))"),
        ("sorted, but without the absolute value", "return float(np.mean(np.sort(a) - np.sort(b)))"),
    ],
    2: [
        (
            "the constant under the root in both versions",
            "with tf.GradientTape() as tape:\n"
            "    norm = ops.sqrt(ops.sum(ops.square(g)) + 1e-12)\n"
            "return tape.gradient(norm, g).numpy()",
        ),
        (
            "tf.norm in both versions",
            "with tf.GradientTape() as tape:\n    norm = tf.norm(g)\nreturn tape.gradient(norm, g).numpy()",
        ),
        (
            "the constant added outside the root",
            "with tf.GradientTape() as tape:\n"
            "    total = ops.sum(ops.square(g))\n"
            "    norm = ops.sqrt(total) + 1e-12 if safe else ops.sqrt(total)\n"
            "return tape.gradient(norm, g).numpy()",
        ),
    ],
    3: [
        (
            "the squared norm",
            "points = tf.constant(points, dtype='float32')\n"
            "with tf.GradientTape() as tape:\n"
            "    tape.watch(points)\n"
            "    scores = critic(points)\n"
            "return np.sum(tape.gradient(scores, points).numpy() ** 2, axis=1)",
        ),
        (
            "the gradient of the mean score (divided by the number of points)",
            "points = tf.constant(points, dtype='float32')\n"
            "with tf.GradientTape() as tape:\n"
            "    tape.watch(points)\n"
            "    scores = ops.mean(critic(points))\n"
            "return np.linalg.norm(tape.gradient(scores, points).numpy(), axis=1)",
        ),
        (
            "the norm over the wrong axis",
            "points = tf.constant(points, dtype='float32')\n"
            "with tf.GradientTape() as tape:\n"
            "    tape.watch(points)\n"
            "    scores = critic(points)\n"
            "return np.linalg.norm(tape.gradient(scores, points).numpy(), axis=0)",
        ),
    ],
    4: [
        (
            "sum instead of mean",
            "critic_on = lambda images: float(np.sum(wgan.critic.predict(images, verbose=0, batch_size=500)))\n"
            "w_real_vs_real = critic_on(x_train[:2000]) - critic_on(x_held_out)\n"
            "fakes = wgan.generator.predict(rng.normal(size=(2000, latent_dim)).astype('float32'), verbose=0)\n"
            "w_real_vs_fake = critic_on(x_held_out) - critic_on(fakes)",
        ),
        (
            "generated minus real (the sign of the critic's loss)",
            "critic_on = lambda images: float(np.mean(wgan.critic.predict(images, verbose=0, batch_size=500)))\n"
            "w_real_vs_real = critic_on(x_train[:2000]) - critic_on(x_held_out)\n"
            "fakes = wgan.generator.predict(rng.normal(size=(2000, latent_dim)).astype('float32'), verbose=0)\n"
            "w_real_vs_fake = critic_on(fakes) - critic_on(x_held_out)",
        ),
        (
            "the held-out digits against themselves",
            "critic_on = lambda images: float(np.mean(wgan.critic.predict(images, verbose=0, batch_size=500)))\n"
            "w_real_vs_real = critic_on(x_held_out) - critic_on(x_held_out)\n"
            "fakes = wgan.generator.predict(rng.normal(size=(2000, latent_dim)).astype('float32'), verbose=0)\n"
            "w_real_vs_fake = critic_on(x_held_out) - critic_on(fakes)",
        ),
    ],
}
