"""Plausible wrong answers to lecture 04's exercises; the test harness checks each makes its check cell fail."""

WRONG_ANSWERS = {
    1: [  # kl_general(mean1, log_var1, mean2, log_var2)
        (
            "log-ratio of the variances instead of the standard deviations (the 1/2 is missing)",
            "return (log_var2 - log_var1)"
            " + (np.exp(log_var1) + (mean1 - mean2) ** 2) / (2 * np.exp(log_var2)) - 0.5",
        ),
        (
            "the two Gaussians swapped: KL(p2 || p1)",
            "return 0.5 * (log_var1 - log_var2)"
            " + (np.exp(log_var2) + (mean1 - mean2) ** 2) / (2 * np.exp(log_var1)) - 0.5",
        ),
        (
            "standard deviations where the variances belong",
            "return 0.5 * (log_var2 - log_var1)"
            " + (np.exp(0.5 * log_var1) + (mean1 - mean2) ** 2) / (2 * np.exp(0.5 * log_var2)) - 0.5",
        ),
    ],
    2: [  # elbo_by_hand for x_test[:5] and the given eps
        (
            "mean over the pixels instead of the sum",
            "mean_b, log_var_b = (t.numpy() for t in vae.encoder(batch))\n"
            "x_hat = np.clip(vae.decoder(mean_b + np.exp(0.5 * log_var_b) * eps).numpy(), 1e-7, 1 - 1e-7)\n"
            "log_likelihood = np.mean(batch * np.log(x_hat) + (1 - batch) * np.log(1 - x_hat), axis=(1, 2, 3))\n"
            "elbo_by_hand = log_likelihood - np.sum(0.5 * (mean_b**2 + np.exp(log_var_b) - 1 - log_var_b), axis=1)",
        ),
        (
            "the KL term added instead of subtracted",
            "mean_b, log_var_b = (t.numpy() for t in vae.encoder(batch))\n"
            "x_hat = np.clip(vae.decoder(mean_b + np.exp(0.5 * log_var_b) * eps).numpy(), 1e-7, 1 - 1e-7)\n"
            "log_likelihood = np.sum(batch * np.log(x_hat) + (1 - batch) * np.log(1 - x_hat), axis=(1, 2, 3))\n"
            "elbo_by_hand = log_likelihood + np.sum(0.5 * (mean_b**2 + np.exp(log_var_b) - 1 - log_var_b), axis=1)",
        ),
        (
            "the variance used as the standard deviation: z = mean + exp(log_var) * eps",
            "mean_b, log_var_b = (t.numpy() for t in vae.encoder(batch))\n"
            "x_hat = np.clip(vae.decoder(mean_b + np.exp(log_var_b) * eps).numpy(), 1e-7, 1 - 1e-7)\n"
            "log_likelihood = np.sum(batch * np.log(x_hat) + (1 - batch) * np.log(1 - x_hat), axis=(1, 2, 3))\n"
            "elbo_by_hand = log_likelihood - np.sum(0.5 * (mean_b**2 + np.exp(log_var_b) - 1 - log_var_b), axis=1)",
        ),
        (
            "the KL term forgotten",
            "mean_b, log_var_b = (t.numpy() for t in vae.encoder(batch))\n"
            "x_hat = np.clip(vae.decoder(mean_b + np.exp(0.5 * log_var_b) * eps).numpy(), 1e-7, 1 - 1e-7)\n"
            "elbo_by_hand = np.sum(batch * np.log(x_hat) + (1 - batch) * np.log(1 - x_hat), axis=(1, 2, 3))",
        ),
    ],
    3: [  # kl_per_dim and n_active of the 20-D VAE on the test digits
        (
            "sum over the digits instead of the mean",
            "kl_per_dim = np.asarray(kl_divergence(mean_t, log_var_t)).sum(axis=0)\n"
            "n_active = int((kl_per_dim > 0.05).sum())",
        ),
        (
            "mean over the wrong axis (over dimensions, one value per digit)",
            "kl_per_dim = np.asarray(kl_divergence(mean_t, log_var_t)).mean(axis=1)\n"
            "n_active = int((kl_per_dim > 0.05).sum())",
        ),
        (
            "threshold applied per digit: counts (digit, dimension) pairs",
            "kl_per_dim = np.asarray(kl_divergence(mean_t, log_var_t)).mean(axis=0)\n"
            "n_active = int((np.asarray(kl_divergence(mean_t, log_var_t)) > 0.05).sum())",
        ),
        (
            "threshold on each digit's total KL: counts digits, not dimensions",
            "kl_per_dim = np.asarray(kl_divergence(mean_t, log_var_t)).mean(axis=0)\n"
            "n_active = int((np.asarray(kl_divergence(mean_t, log_var_t)).sum(axis=1) > 0.05).sum())",
        ),
    ],
    4: [  # posterior_images: 10 draws from q(z | x) of x_test[0], decoded
        (
            "decoded the mean code ten times (no sampling)",
            "mean_1, log_var_1 = vae.encoder(np.repeat(one_digit, 10, axis=0))\n"
            "posterior_images = vae.decoder(mean_1).numpy()",
        ),
        (
            "sampled from the prior N(0, I) instead of the posterior",
            "z_prior = keras.random.normal((10, LATENT_DIM), seed=keras.random.SeedGenerator(SEED))\n"
            "posterior_images = vae.decoder(z_prior).numpy()",
        ),
    ],
}
