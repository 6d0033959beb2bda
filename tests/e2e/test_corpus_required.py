"""The XSS corpus tests skip, saying why, when ../shared/data is missing, but fail under CI."""

import pytest

from tests.e2e import helpers


def test_missing_corpus_skips_with_a_message(monkeypatch, tmp_path):
    monkeypatch.setattr(helpers, "XSS_VECTORS", tmp_path / "missing.json")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="the XSS corpus is not here"):
        helpers.xss_vectors()


def test_missing_corpus_fails_under_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(helpers, "XSS_VECTORS", tmp_path / "missing.json")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must test it"):
        helpers.xss_vectors()
