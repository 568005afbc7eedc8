"""Finding 6: no usable secret in the code; development keeps a random one, production needs one."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError

from services.settings import Settings


def test_development_generates_a_random_secret_once_and_keeps_it(tmp_path: Path) -> None:
    first = Settings(env="development", state_dir=tmp_path).jwt_secret.get_secret_value()
    again = Settings(env="development", state_dir=tmp_path).jwt_secret.get_secret_value()
    other = Settings(env="development", state_dir=tmp_path / "b").jwt_secret.get_secret_value()
    assert len(first) >= 32 and first == again != other
    assert (tmp_path / "jwt_secret").stat().st_mode & 0o077 == 0  # owner only


def test_no_secret_written_in_the_code_is_the_default(tmp_path: Path) -> None:
    source = Path(Settings.__module__.replace(".", "/") + ".py")
    secret = Settings(env="development", state_dir=tmp_path).jwt_secret.get_secret_value()
    assert secret not in (Path(__file__).parents[2] / source).read_text()


def test_production_refuses_to_start_without_a_real_secret(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="MULTAQA_JWT_SECRET"):
        Settings(env="production", state_dir=tmp_path)
    with pytest.raises(ValidationError, match="32 characters"):
        Settings(env="production", jwt_secret=SecretStr("short"), state_dir=tmp_path)
    assert not (tmp_path / "jwt_secret").exists()
