"""Configuration, read once from the environment (and an optional `.env` file).

Every setting has a default that works on a developer machine; production refuses the
placeholder secrets.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRET = "change-me-this-secret-is-for-development-only"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str) -> AliasChoices:
    """Accept both the plain name (NEO4J_URI) and the prefixed one (MULTAQA_NEO4J_URI)."""
    return AliasChoices(name, f"MULTAQA_{name}")


class Settings(BaseSettings):
    """All of Multaqa's settings; see the configuration table in README.md."""

    model_config = SettingsConfigDict(
        env_file=".env", env_prefix="MULTAQA_", extra="ignore", populate_by_name=True
    )

    env: Literal["development", "test", "production"] = "development"

    # Neo4j: an external server when NEO4J_URI is set, else the embedded one.
    neo4j_uri: str | None = Field(default=None, validation_alias=_env("NEO4J_URI"))
    neo4j_user: str = Field(default="neo4j", validation_alias=_env("NEO4J_USER"))
    neo4j_password: SecretStr | None = Field(default=None, validation_alias=_env("NEO4J_PASSWORD"))
    neo4j_database: str = Field(default="neo4j", validation_alias=_env("NEO4J_DATABASE"))

    # The embedded server.
    data_dir: Path = PROJECT_ROOT / ".multaqa" / "neo4j"
    bolt_port: int = Field(default=7687, ge=1, le=65535)
    neo4j_heap: str = "2g"
    neo4j_pagecache: str = "1g"

    # API and accounts.
    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)
    jwt_secret: SecretStr = SecretStr(PLACEHOLDER_SECRET)
    jwt_expire_minutes: int = Field(default=30, ge=1, le=24 * 60)

    # Web pages: language when neither the cookie nor the browser says, session lifetime,
    # throttling of sign-in, sign-up and password reset (per address), privacy notice version.
    default_lang: Literal["ar", "fr", "en"] = "fr"
    session_max_age: int = Field(default=8 * 3600, ge=60, le=30 * 24 * 3600)
    page_auth_rate: str = "10/minute"
    password_reset_max_age: int = Field(default=3600, ge=60, le=7 * 24 * 3600)
    privacy_notice_version: str = "2026-12"
    base_url: str = "http://127.0.0.1:8000"

    # Domain rules.
    youth_min_age: int = Field(default=18, ge=0, le=120)
    youth_max_age: int = Field(default=35, ge=0, le=120)

    # Recommendations: the sentence encoder (see matcher.encoders.load_encoder).
    encoder: str = "use-multilingual-v3"

    # Import.
    import_batch_size: int = Field(default=1000, ge=1, le=50_000)
    import_workers: int = Field(default=2, ge=1, le=16)
    # Background jobs of the staff console (imports, drafts, schedules) and the files kept
    # with them are deleted this many days after they finished (an hourly periodic job).
    job_retention_days: int = Field(default=7, ge=1, le=3650)

    # Introductions (double opt-in).
    intro_expiry_days: int = Field(default=14, ge=1, le=365)
    intro_max_pending: int = Field(default=5, ge=1, le=1000)
    intro_max_per_day: int = Field(default=10, ge=1, le=10_000)

    # E-mail: with no SMTP host (and always in development) messages are logged, not sent.
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str = "Multaqa <no-reply@multaqa.local>"
    smtp_starttls: bool = True

    # Background work: Celery with this Redis broker; unset, tasks run at once in-process.
    redis_url: str | None = Field(default=None, validation_alias=_env("REDIS_URL"))
    # Seconds before Redis hands a task that was never acknowledged (its worker died) to
    # another worker; longer than the slowest task, or a running task would start twice.
    task_visibility_timeout: int = Field(default=3600, ge=1)
    # A task failing on a transient error (Neo4j or Redis briefly away) is retried this many
    # times, waiting 2, 4, 8... seconds (at most the cap, with jitter), then given up.
    task_max_retries: int = Field(default=5, ge=0, le=50)
    task_retry_backoff_max: int = Field(default=60, ge=1)

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if self.youth_min_age > self.youth_max_age:
            raise ValueError("MULTAQA_YOUTH_MIN_AGE must not exceed MULTAQA_YOUTH_MAX_AGE")
        if self.env == "production" and self.jwt_secret.get_secret_value() == PLACEHOLDER_SECRET:
            raise ValueError("set MULTAQA_JWT_SECRET to a real secret in production")
        if self.env == "production" and len(self.jwt_secret.get_secret_value()) < 32:
            raise ValueError("MULTAQA_JWT_SECRET must be at least 32 characters in production")
        return self

    @property
    def uses_embedded_neo4j(self) -> bool:
        """True when no external server is configured."""
        return not self.neo4j_uri

    @property
    def bolt_uri(self) -> str:
        """The Bolt URI to connect to: the configured one or the embedded server's."""
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.bolt_port}"

    def neo4j_auth(self) -> tuple[str, str] | None:
        """Driver credentials, or None when authentication is off (embedded, no password)."""
        if self.neo4j_password is None or not self.neo4j_password.get_secret_value():
            return None
        return (self.neo4j_user, self.neo4j_password.get_secret_value())


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; tests clear the cache or override the dependency."""
    return Settings()
