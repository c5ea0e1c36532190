"""The course's synthetic spam/ham corpus: contents, checksum and bad-input errors of load_spam()."""

import re
import shutil

import pytest

from course_utils import config, datasets


def test_load_spam_columns_counts_labels_and_splits():
    frame = datasets.load_spam()
    assert list(frame.columns) == ["text", "label", "split"]
    assert len(frame) >= 200
    assert set(frame["label"]) == {"spam", "ham"} and set(frame["split"]) == {"train", "test"}
    counts = frame.groupby(["label", "split"]).size()
    assert (counts > 0).all() and len(counts) == 4
    assert frame["text"].is_unique and (frame["text"].str.len() > 10).all()


def test_spam_split_is_stratified_75_25():
    frame = datasets.load_spam()
    test_share = (frame["split"] == "test").groupby(frame["label"]).mean()
    assert ((test_share > 0.2) & (test_share < 0.3)).all(), test_share.to_dict()
    assert 0.55 < (frame["label"] == "ham").mean() < 0.7  # more ham than spam, as in a real inbox


def test_spam_corpus_is_synthetic():
    text = " ".join(datasets.load_spam()["text"])
    for url in re.findall(r"https?://\S+", text):
        assert re.match(r"https?://[\w.-]*example\.com\b", url), f"non-example URL {url}"
    for address in re.findall(r"[\w.]+@[\w.]+", text):
        assert address.endswith("example.com"), f"non-example address {address}"


def test_readme_records_the_checksum():
    readme = (config.data_dir() / "spam" / "README.md").read_text()
    assert datasets.SPAM_SHA256 in readme
    assert "synthetic" in readme.lower()


@pytest.fixture
def spam_copy(tmp_path, monkeypatch):
    shutil.copytree(config.data_dir() / "spam", tmp_path / "spam")
    monkeypatch.setattr(config, "data_dir", lambda: tmp_path)
    return tmp_path / "spam" / "emails.csv"


def test_an_intact_copy_loads(spam_copy):
    assert config.data_dir() == spam_copy.parents[1]
    assert len(datasets.load_spam()) >= 200


def test_missing_file_names_file_and_fix(spam_copy):
    spam_copy.unlink()
    with pytest.raises(FileNotFoundError, match=r"emails\.csv.*git checkout data/spam/emails\.csv"):
        datasets.load_spam()


def test_altered_file_is_rejected(spam_copy):
    spam_copy.write_text(spam_copy.read_text().replace(",ham,", ",spam,", 1))
    with pytest.raises(ValueError, match=r"emails\.csv.*corrupt or altered"):
        datasets.load_spam()


def test_truncated_file_is_rejected(spam_copy):
    spam_copy.write_bytes(spam_copy.read_bytes()[:500])
    with pytest.raises(ValueError, match=r"emails\.csv"):
        datasets.load_spam()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [("text,label,split", "body,label,split", "columns"), (",ham,train", ",eggs,train", "labels")],
)
def test_wrong_columns_or_labels_are_rejected(spam_copy, monkeypatch, old, new, message):
    # A file with a matching checksum but bad content (e.g. someone updated the constant by mistake).
    spam_copy.write_text(spam_copy.read_text().replace(old, new, 1))
    monkeypatch.setattr(datasets, "SPAM_SHA256", datasets.sha256_of(spam_copy))
    with pytest.raises(ValueError, match=rf"emails\.csv.*{message}"):
        datasets.load_spam()
