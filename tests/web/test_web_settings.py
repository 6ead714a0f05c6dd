"""Web settings: a TOML [web] table, overridden by the environment; bad values refused."""

from __future__ import annotations

import pytest

from conflictwire.errors import ConfigError
from conflictwire.web.settings import WebSettings, load_web_settings


def test_defaults_have_writes_off():
    settings = load_web_settings(env={})
    assert settings == WebSettings() and not settings.writes_enabled


def test_file_then_environment(tmp_path):
    path = tmp_path / "conflictwire.toml"
    path.write_text('[web]\napi_token = "from-file"\nmax_page_size = 200\n'
                    'tile_url = "https://tiles.example/{z}/{x}/{y}.png"\n')
    settings = load_web_settings(path, env={})
    assert settings.api_token == "from-file" and settings.max_page_size == 200
    assert settings.writes_enabled
    env = {"CONFLICTWIRE_API_TOKEN": "from-env"}
    assert load_web_settings(path, env=env).api_token == "from-env"
    assert load_web_settings(env={"CONFLICTWIRE_CONFIG": str(path)}).max_page_size == 200


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[web]\napi_tokn = 'x'\n", "unknown [web] setting 'api_tokn'"),
        ("[web]\nmax_page_size = 'big'\n", "must be a int"),
        ("[web]\nmax_page_size = 0\n", "at least 1"),
        ("[web]\npublic_read = 'no'\n", "must be a bool"),
        ("[web]\ndefault_page_size = 500\nmax_page_size = 100\n", "larger than"),
        ("web = 3\n", "must be a table"),
        ("[web\n", "not valid TOML"),
    ],
)
def test_bad_settings_are_refused(tmp_path, text, words):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=words.replace("[", r"\[").replace("]", r"\]")):
        load_web_settings(path, env={})


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_web_settings(tmp_path / "nope.toml", env={})
