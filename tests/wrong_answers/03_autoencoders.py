"""Plausible wrong answers to lecture 03's exercises; the test harness checks each makes its check cell fail."""

_LOOP = "noisy_errors, denoised_errors = [], []\nfor std in levels:\n"
_NOISE_LOOP = _LOOP + "    x_noisy = add_noise(x_test, std, sweep_rng)\n"
_RATIO = "ratio_numbers = 784 / code_numbers\n"
_COST = "\ncost_mse = recon_mse[latent_dim]"

WRONG_ANSWERS = {
    1: [
        ("float64 code (8 bytes a number)",
         _RATIO + "ratio_bytes = 784 / (code_numbers * 8)" + _COST),
        ("image counted as float32 too",
         _RATIO + "ratio_bytes = (784 * 4) / (code_numbers * 4)" + _COST),
        ("ratio upside down",
         "ratio_numbers = code_numbers / 784\nratio_bytes = (code_numbers * 4) / 784" + _COST),
        ("cost of the 32-D model",
         "ratio_numbers = 784 / code_numbers\nratio_bytes = 784 / (code_numbers * 4)\ncost_mse = recon_mse[32]"),
    ],
    2: [
        ("denoised output compared with the noisy input",
         _NOISE_LOOP + "    noisy_errors.append(float(((x_noisy - x_test) ** 2).mean()))\n"
         "    denoised_errors.append(float(((predict(denoiser, x_noisy) - x_noisy) ** 2).mean()))"),
        ("the plain autoencoder instead of the denoiser",
         _NOISE_LOOP + "    noisy_errors.append(float(((x_noisy - x_test) ** 2).mean()))\n"
         "    denoised_errors.append(float(((predict(models[32][2], x_noisy) - x_test) ** 2).mean()))"),
        ("denoiser run on the clean digits",
         _NOISE_LOOP + "    noisy_errors.append(float(((x_noisy - x_test) ** 2).mean()))\n"
         "    denoised_errors.append(float(((predict(denoiser, x_test) - x_test) ** 2).mean()))"),
        ("noise standard deviation used as a variance",
         _LOOP + "    x_noisy = add_noise(x_test, std**2, sweep_rng)\n"
         "    noisy_errors.append(float(((x_noisy - x_test) ** 2).mean()))\n"
         "    denoised_errors.append(float(((predict(denoiser, x_noisy) - x_test) ** 2).mean()))"),
    ],
    3: [
        ("quantile taken on the anomalies",
         "threshold = np.quantile(sideways_scores, 0.95)\n"
         "detection_rate = float((sideways_scores > threshold).mean())\n"
         "false_alarm_rate = float((normal_scores > threshold).mean())"),
        ("5% quantile instead of 95%",
         "threshold = np.quantile(normal_scores, 0.05)\n"
         "detection_rate = float((sideways_scores > threshold).mean())\n"
         "false_alarm_rate = float((normal_scores > threshold).mean())"),
        ("quantile of normal and anomalous scores pooled",
         "threshold = np.quantile(np.r_[normal_scores, sideways_scores], 0.95)\n"
         "detection_rate = float((sideways_scores > threshold).mean())\n"
         "false_alarm_rate = float((normal_scores > threshold).mean())"),
        ("false alarm rate typed in as the nominal 5%",
         "threshold = np.quantile(normal_scores, 0.9)\n"
         "detection_rate = float((sideways_scores > threshold).mean())\n"
         "false_alarm_rate = 0.05"),
    ],
    4: [
        ("the plain model measured again",
         "sparse_encoder, sparse_wide = plain_encoder, plain_wide\nsparse_share = active_share(plain_encoder, x_test)"),
        ("sparse model built but never trained",
         "sparse_encoder, sparse_wide = wide_relu_autoencoder(keras.regularizers.L1(1e-3))\n"
         "sparse_share = active_share(sparse_encoder, x_test)"),
        ("share of silent units instead of active ones",
         "sparse_encoder, sparse_wide = plain_encoder, plain_wide\n"
         "sparse_share = 1 - active_share(plain_encoder, x_test)"),
    ],
}
