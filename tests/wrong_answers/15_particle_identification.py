"""Plausible wrong answers to lecture 15's exercises; the test harness checks each makes its check cell fail."""

WRONG_ANSWERS = {
    1: [
        ("sign dropped: |m²| instead of m²",
         'mass_squared = np.abs(labelled["p"] ** 2 * (1 / labelled["beta"] ** 2 - 1)).to_numpy()\n'
         "mass_estimate = {int(code): float(np.sqrt(np.median(mass_squared[labelled[\"id\"] == code])))\n"
         "                 for code in CODES}"),
        ("β not squared",
         'mass_squared = (labelled["p"] ** 2 * (1 / labelled["beta"] - 1)).to_numpy()\n'
         "mass_estimate = {int(code): float(np.sqrt(max(np.median(mass_squared[labelled[\"id\"] == code]), 0)))\n"
         "                 for code in CODES}"),
        ("keyed by class index instead of PDG code",
         'mass_squared = (labelled["p"] ** 2 * (1 / labelled["beta"] ** 2 - 1)).to_numpy()\n'
         "mass_estimate = {i: float(np.sqrt(max(np.median(mass_squared[labelled[\"id\"] == code]), 0)))\n"
         "                 for i, code in enumerate(CODES)}"),
    ],
    2: [
        ("efficiency and purity swapped",
         "window = (p_val >= 2) & (p_val < 3)\n"
         "kaon_purity = np.mean(val_pred[window & (y_val == 2)] == 2)\n"
         "kaon_efficiency = np.mean(y_val[window & (val_pred == 2)] == 2)"),
        ("momentum window forgotten (all momenta)",
         "kaon_efficiency = np.mean(val_pred[y_val == 2] == 2)\n"
         "kaon_purity = np.mean(y_val[val_pred == 2] == 2)"),
        ("pion index (1) instead of kaon index (2)",
         "window = (p_val >= 2) & (p_val < 3)\n"
         "kaon_efficiency = np.mean(val_pred[window & (y_val == 1)] == 1)\n"
         "kaon_purity = np.mean(y_val[window & (val_pred == 1)] == 1)"),
    ],
    3: [
        ("positron rule left out",
         'm2_test = test["p"] ** 2 * (1 / test["beta"] ** 2 - 1)\n'
         'cut_id = np.select([m2_test > 0.5, m2_test > 0.1], [2212, 321], 211)\n'
         'cut_submission = pd.DataFrame({"row": test["row"], "id": cut_id})\n'
         "cut_report = grading.grade(cut_submission)"),
        ("positron cuts joined with 'or' instead of 'and'",
         'm2_test = test["p"] ** 2 * (1 / test["beta"] ** 2 - 1)\n'
         'e_over_p_test = (test["ein"] + test["eout"]) / test["p"]\n'
         'positron = (m2_test < 0.1) & ((test["nphe"] > 2) | (e_over_p_test > 0.15))\n'
         "cut_id = np.select([positron, m2_test > 0.5, m2_test > 0.1], [-11, 2212, 321], 211)\n"
         'cut_submission = pd.DataFrame({"row": test["row"], "id": cut_id})\n'
         "cut_report = grading.grade(cut_submission)"),
        ("E/p from the inner calorimeter only",
         'm2_test = test["p"] ** 2 * (1 / test["beta"] ** 2 - 1)\n'
         'e_over_p_test = test["ein"] / test["p"]\n'
         'positron = (m2_test < 0.1) & (test["nphe"] > 2) & (e_over_p_test > 0.15)\n'
         "cut_id = np.select([positron, m2_test > 0.5, m2_test > 0.1], [-11, 2212, 321], 211)\n"
         'cut_submission = pd.DataFrame({"row": test["row"], "id": cut_id})\n'
         "cut_report = grading.grade(cut_submission)"),
        ("class indices instead of PDG codes",
         'm2_test = test["p"] ** 2 * (1 / test["beta"] ** 2 - 1)\n'
         'e_over_p_test = (test["ein"] + test["eout"]) / test["p"]\n'
         'positron = (m2_test < 0.1) & (test["nphe"] > 2) & (e_over_p_test > 0.15)\n'
         "cut_id = np.select([positron, m2_test > 0.5, m2_test > 0.1], [0, 3, 2], 1)\n"
         'cut_submission = pd.DataFrame({"row": test["row"], "id": cut_id})\n'
         "cut_report = None"),
    ],
}
