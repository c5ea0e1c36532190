"""Plausible wrong answers to lecture 02's exercises; the test harness checks each makes its check cell fail."""

_FIT_BIGRAMS = (
    'xb_train = bigram_vectorizer.transform(train["text"]).toarray()\n'
    'xb_test = bigram_vectorizer.transform(test["text"]).toarray()\n'
    "bigram_accuracy = accuracy_score(y_test, NaiveBayes(alpha=ALPHA).fit(xb_train, y_train).predict(xb_test))"
)
_LLR = "llr = nb.feature_log_prob_[1] - nb.feature_log_prob_[0]\n"

WRONG_ANSWERS = {
    1: [
        ("prior left out (even odds)",
         "like_spam_today = has_today[y_train == 1].mean()\n"
         "like_ham_today = has_today[y_train == 0].mean()\n"
         "p_spam_given_today = like_spam_today / (like_spam_today + like_ham_today)"),
        ("likelihood P(today | spam) instead of the posterior",
         "p_spam_given_today = has_today[y_train == 1].mean()"),
        ("likelihoods swapped",
         "like_spam_today = has_today[y_train == 1].mean()\n"
         "like_ham_today = has_today[y_train == 0].mean()\n"
         "p_spam_given_today = posterior_spam(prior_spam, like_ham_today, like_spam_today)"),
        ("counted on the test split",
         'today_test = x_test[:, vectorizer.vocabulary_["today"]] > 0\n'
         "like_spam_today = today_test[y_test == 1].mean()\n"
         "like_ham_today = today_test[y_test == 0].mean()\n"
         "p_spam_given_today = posterior_spam(y_test.mean(), like_spam_today, like_ham_today)"),
    ],
    2: [
        ("alpha never passed",
         "accuracy_by_alpha = {\n"
         "    alpha: accuracy_score(y_test, NaiveBayes().fit(x_train, y_train).predict(x_test)) for alpha in alphas\n"
         "}"),
        ("training accuracy instead of test accuracy",
         "accuracy_by_alpha = {\n"
         "    alpha: accuracy_score(y_train, NaiveBayes(alpha=alpha).fit(x_train, y_train).predict(x_train))\n"
         "    for alpha in alphas\n"
         "}"),
        ("fitted on the test split",
         "accuracy_by_alpha = {\n"
         "    alpha: accuracy_score(y_test, NaiveBayes(alpha=alpha).fit(x_test, y_test).predict(x_test))\n"
         "    for alpha in alphas\n"
         "}"),
        ("alphas shifted by one",
         "accs = [accuracy_score(y_test, NaiveBayes(alpha=a).fit(x_train, y_train).predict(x_test)) for a in alphas]\n"
         "accuracy_by_alpha = dict(zip(alphas, accs[1:] + accs[:1], strict=True))"),
    ],
    3: [
        ("word pairs only, ngram_range=(2, 2)",
         'bigram_vectorizer = CountVectorizer(ngram_range=(2, 2)).fit(train["text"])\n' + _FIT_BIGRAMS),
        ("vocabulary fitted on all emails, test split included",
         'bigram_vectorizer = CountVectorizer(ngram_range=(1, 2)).fit(emails["text"])\n' + _FIT_BIGRAMS),
        ("training accuracy",
         'bigram_vectorizer = CountVectorizer(ngram_range=(1, 2)).fit(train["text"])\n'
         'xb_train = bigram_vectorizer.transform(train["text"]).toarray()\n'
         "bigram_accuracy = accuracy_score(y_train, NaiveBayes(alpha=ALPHA).fit(xb_train, y_train).predict(xb_train))"),
    ],
    4: [
        ("ranked by p(word | spam) alone",
         "top_spam_words = [str(w) for w in vocabulary[np.argsort(nb.feature_log_prob_[1])[::-1][:10]]]"),
        ("least spammy words (sort not reversed)",
         _LLR + "top_spam_words = [str(w) for w in vocabulary[np.argsort(llr)[:10]]]"),
        ("right words, ascending order",
         _LLR + "top_spam_words = [str(w) for w in vocabulary[np.argsort(llr)[-10:]]]"),
        ("off by one: the top word skipped",
         _LLR + "top_spam_words = [str(w) for w in vocabulary[np.argsort(llr)[::-1][1:11]]]"),
    ],
    5: [
        ("the first word's distribution, the sentence ignored", "next_word_probabilities = pi @ B"),
        ("no step of the chain: the last word's state emits again",
         "_, last_state = forward(sentence)\nnext_word_probabilities = last_state @ B"),
        ("the bag of words' frequencies", "next_word_probabilities = unigram"),
        ("only the most likely last state",
         "_, last_state = forward(sentence)\nnext_word_probabilities = A[np.argmax(last_state)] @ B"),
    ],
}
