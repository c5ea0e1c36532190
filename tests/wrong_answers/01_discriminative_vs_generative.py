"""Plausible wrong answers to lecture 01's exercises; the test harness checks each makes its check cell fail."""

_LOGLIK = "log_likelihoods = class_log_likelihoods(gauss_toy, x_toy_test)\n"
_FULL = 'full = k + k * d + k * d * (d + 1) // 2\n'
_TOP_ACC = "acc_top = np.mean(predict(top_model, x_eval[:, top]) == y_eval)"

WRONG_ANSWERS = {
    1: [
        ("old prior kept", _LOGLIK + 'pred_shifted = np.argmax(log_likelihoods + gauss_toy["log_prior"], axis=1)'),
        ("prior subtracted", _LOGLIK + "pred_shifted = np.argmax(log_likelihoods - new_log_prior, axis=1)"),
        ("probabilities added to log-likelihoods",
         _LOGLIK + "pred_shifted = np.argmax(log_likelihoods + np.exp(new_log_prior), axis=1)"),
        ("argmax over the wrong axis", _LOGLIK + "pred_shifted = np.argmax(log_likelihoods + new_log_prior, axis=0)"),
    ],
    2: [
        ("bottom half instead of the top",
         'top_model = dict(gauss_pixels, means=gauss_pixels["means"][:, ~top],'
         ' covs=gauss_pixels["covs"][:, ~top][:, :, ~top])\n'
         "acc_top = np.mean(predict(top_model, x_eval[:, ~top]) == y_eval)"),
        ("variances only: correlations between observed pixels dropped",
         'covs = np.stack([np.diag(np.diag(c)[top]) for c in gauss_pixels["covs"]])\n'
         'top_model = dict(gauss_pixels, means=gauss_pixels["means"][:, top], covs=covs)\n' + _TOP_ACC),
        ("missing pixels filled with zeros instead of marginalised",
         "top_model = gauss_pixels\n"
         "acc_top = np.mean(predict(gauss_pixels, np.where(top, x_eval, 0.0)) == y_eval)"),
        ("accuracy as a percentage",
         'top_model = dict(gauss_pixels, means=gauss_pixels["means"][:, top],'
         ' covs=gauss_pixels["covs"][:, top][:, :, top])\n'
         "acc_top = 100 * np.mean(predict(top_model, x_eval[:, top]) == y_eval)"),
    ],
    3: [
        ("every entry of each covariance counted (d * d)",
         'return {"full": k + k * d + k * d * d, "naive_bayes": k + 2 * k * d, "logistic_regression": k * (d + 1)}'),
        ("no bias in logistic regression",
         _FULL + 'return {"full": full, "naive_bayes": k + 2 * k * d, "logistic_regression": k * d}'),
        ("priors forgotten",
         'return {"full": k * d + k * d * (d + 1) // 2, "naive_bayes": 2 * k * d, "logistic_regression": k * (d + 1)}'),
        ("binary logistic regression: one weight vector",
         _FULL + 'return {"full": full, "naive_bayes": k + 2 * k * d, "logistic_regression": d + 1}'),
    ],
}
