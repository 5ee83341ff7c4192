"""api.settings: environment variables, precedence, secrets."""

from __future__ import annotations

import pytest

from api.settings import Settings


@pytest.fixture
def clean_env(monkeypatch):
    for name in (
        "LOCATOR_STORE",
        "LOCATOR_DATABASE_URL",
        "LOCATOR_API_KEY",
        "LOCATOR_CORS",
        "LOCATOR_DEFAULT_LANG",
        "LOCATOR_MAX_UPLOAD_MB",
        "LOCATOR_REFRESH_SECONDS",
    ):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_reads_prefixed_environment(clean_env):
    clean_env.setenv("LOCATOR_STORE", "/data/x.gpkg")
    clean_env.setenv("LOCATOR_MAX_UPLOAD_MB", "2.5")
    clean_env.setenv("LOCATOR_DEFAULT_LANG", "en")
    s = Settings()
    assert s.store_location == "/data/x.gpkg"
    assert s.max_upload_bytes == int(2.5 * 1024 * 1024)
    assert s.default_lang == "en"
    assert not s.writes_enabled


def test_database_url_wins(clean_env):
    clean_env.setenv("LOCATOR_STORE", "/data/x.gpkg")
    clean_env.setenv("LOCATOR_DATABASE_URL", "postgresql://db/locator")
    assert Settings().store_location == "postgresql://db/locator"


def test_api_key_is_secret(clean_env):
    clean_env.setenv("LOCATOR_API_KEY", "hunter2-very-secret")
    s = Settings()
    assert s.writes_enabled
    assert "hunter2" not in repr(s) and "hunter2" not in str(s.model_dump())


def test_empty_api_key_keeps_writes_off(clean_env):
    clean_env.setenv("LOCATOR_API_KEY", "")
    assert not Settings().writes_enabled


@pytest.mark.parametrize("value", ["fr", "ES!"])
def test_bad_default_lang_rejected(clean_env, value):
    clean_env.setenv("LOCATOR_DEFAULT_LANG", value)
    with pytest.raises(ValueError):
        Settings()
