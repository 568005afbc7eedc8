"""Configuration, read once from the environment (and an optional `.env` file).

Every setting has a default that works on a developer machine; no secret is written in the
code: development generates one on first start (kept in `.multaqa/`), production refuses to
start without one.
"""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from limits import parse_many
from pydantic import AliasChoices, BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str) -> AliasChoices:
    """Accept both the plain name (NEO4J_URI) and the prefixed one (MULTAQA_NEO4J_URI)."""
    return AliasChoices(name, f"MULTAQA_{name}")


class RateLimits(BaseModel):
    """Throttling rules in the `limits` notation, several joined by ";" ("10/minute;50/hour");
    see api/limits.py. Set one with MULTAQA_RATE_LIMITS__SIGN_UP_PER_ADDRESS="20/hour".

    Per-address rules are generous because a youth centre's Wi-Fi puts a whole workshop
    behind one address; per-account rules carry the real limits.
    """

    sign_in_per_address: str = "60/minute"
    # Failed sign-ins only: a right password is never slowed down by these two.
    sign_in_failures_per_account: str = "10/15 minutes"
    sign_in_failures_per_address: str = "50/15 minutes"
    sign_up_per_address: str = "10/minute;50/hour"
    password_reset_per_address: str = "5/minute;20/hour"
    introductions_per_account: str = "30/hour"
    recommendations_per_account: str = "120/minute"

    @field_validator("*")
    @classmethod
    def _parses(cls, rule: str) -> str:
        try:
            parse_many(rule)
        except ValueError as error:
            raise ValueError(f"not a rate limit: {rule!r} (e.g. '10/minute;50/hour')") from error
        return rule


class Settings(BaseSettings):
    """All of Multaqa's settings; see the configuration table in README.md."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_prefix="MULTAQA_",
        extra="ignore",
        populate_by_name=True,
        env_nested_delimiter="__",
    )

    env: Literal["development", "test", "production"] = "development"

    # Neo4j: an external server when NEO4J_URI is set, else the embedded one.
    neo4j_uri: str | None = Field(default=None, validation_alias=_env("NEO4J_URI"))
    neo4j_user: str = Field(default="neo4j", validation_alias=_env("NEO4J_USER"))
    neo4j_password: SecretStr | None = Field(default=None, validation_alias=_env("NEO4J_PASSWORD"))
    neo4j_database: str = Field(default="neo4j", validation_alias=_env("NEO4J_DATABASE"))

    # An outage answers 503 within about 2 s: seconds to open a connection (or get one from the
    # pool), and how long a request retries a server that does not answer before giving up.
    neo4j_connect_timeout: float = Field(default=2.0, gt=0, le=60)
    neo4j_unavailable_after: float = Field(default=1.5, ge=0, le=60)

    # The embedded server.
    data_dir: Path = PROJECT_ROOT / ".multaqa" / "neo4j"
    bolt_port: int = Field(default=7687, ge=1, le=65535)
    neo4j_heap: str = "2g"
    neo4j_pagecache: str = "1g"

    # API and accounts.
    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)
    # Unset: development and test read (or create) a random one in `state_dir`; production
    # refuses to start.
    jwt_secret: SecretStr = SecretStr("")
    state_dir: Path = PROJECT_ROOT / ".multaqa"
    jwt_expire_minutes: int = Field(default=30, ge=1, le=24 * 60)

    # Web pages: language when neither the cookie nor the browser says, session lifetime,
    # password-reset links, the privacy notice version that sign-up (pages and API) records.
    default_lang: Literal["ar", "fr", "en"] = "fr"
    session_max_age: int = Field(default=8 * 3600, ge=60, le=30 * 24 * 3600)
    password_reset_max_age: int = Field(default=3600, ge=60, le=7 * 24 * 3600)
    privacy_notice_version: str = "2026-12"
    base_url: str = "http://127.0.0.1:8000"

    # How long an API process keeps the active ranker versions before reading them again.
    ranker_ttl_s: float = Field(default=60.0, gt=0, le=3600)
    # Request bodies past these sizes are refused (413) before parsing; multipart uploads
    # (record files) get the larger cap.
    max_body_bytes: int = Field(default=1_000_000, ge=1024)
    max_upload_bytes: int = Field(default=20_000_000, ge=1024)
    # The interactive docs (/docs, /redoc, /openapi.json); unset: on, except in production.
    docs_enabled: bool | None = None

    # Throttling of pages and API alike: counted in Redis when REDIS_URL is set, else in
    # memory (api/limits.py).
    rate_limits_enabled: bool = True
    rate_limits: RateLimits = RateLimits()

    # Domain rules.
    youth_min_age: int = Field(default=18, ge=0, le=120)
    youth_max_age: int = Field(default=35, ge=0, le=120)

    # Recommendations: the sentence encoder (see matcher.encoders.load_encoder).
    encoder: str = "use-multilingual-v3"
    # Candidates' vectors a process keeps for requests' cosines (services.candidate_vectors):
    # about 2 KB each with the default encoder; 0 leaves every cosine to Neo4j.
    kept_vectors: int = Field(default=100_000, ge=0, le=100_000_000)
    # Candidates' content a process keeps for requests (services.candidate_facts): about 4 KB
    # each; 0 reads every candidate's whole facts from Neo4j with each request.
    kept_facts: int = Field(default=100_000, ge=0, le=100_000_000)

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
        secret = self.jwt_secret.get_secret_value()
        if self.env == "production" and not secret:
            raise ValueError("set MULTAQA_JWT_SECRET to a random secret in production")
        if self.env == "production" and len(secret) < 32:
            raise ValueError("MULTAQA_JWT_SECRET must be at least 32 characters in production")
        if not secret:
            self.jwt_secret = SecretStr(local_secret(self.state_dir / "jwt_secret"))
        return self

    @property
    def serves_docs(self) -> bool:
        """True when /docs, /redoc and /openapi.json are served."""
        return self.docs_enabled if self.docs_enabled is not None else self.env != "production"

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


def local_secret(path: Path) -> str:
    """The random secret kept in `path`, created (readable by its owner only) on first use."""
    try:
        existing = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        existing = ""
    if len(existing) >= 32:
        return existing
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    # O_EXCL: of two processes starting at once, one writes and the other reads its secret.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secret + "\n")
    return secret


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; tests clear the cache or override the dependency."""
    return Settings()
