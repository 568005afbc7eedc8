"""Privacy rights (Morocco law 09-08, GDPR-like): a person's export of everything held about
them, and erasure, by themselves or by staff on a written request.

After an erasure no node or relationship property and no Redis key holds the person's id,
name, e-mail or phone (graph.privacy finds them by value); funders' figures are kept as
anonymous tallies per record type and commune.
"""

from __future__ import annotations

import base64
import json
import logging
from dataclasses import asdict, dataclass
from typing import Any

from pydantic_core import to_jsonable_python

from graph import privacy as graph_privacy
from graph import records as graph_records
from graph.driver import ManagedTransaction
from models.audit import AuditAction, ErasureReport
from models.records import Record, RecordType
from services import audit
from services.access import Actor, require_staff
from services.db import Graph
from services.errors import NotFound
from services.settings import Settings

log = logging.getLogger(__name__)
_PERSONAL_FIELDS = ("name", "email", "phone")
_CONTEXT_FIELDS = ("id", "type", "status", "kind", "created_at", "at", "event")


def my_data(graph: Graph, actor: Actor) -> dict[str, Any]:
    """Everything the service holds about the signed-in person, as JSON-ready data: the
    account, the profiles, their relationships, and every other node or relationship that
    names them (law 09-08, right of access)."""
    if actor.user_id is None:
        raise NotFound("no account")
    held = graph.read(graph_privacy.account_data, actor.user_id)
    if held is None:
        raise NotFound("no account")
    records = graph.read(graph_records.read_records, list(held.profile_ids))
    ids = [actor.user_id, *held.profile_ids]
    values = _personal_values(ids, held.email, records)
    found = graph.read(graph_privacy.holders, ids=ids, values=values)
    relationships = graph.read(graph_privacy.relationships_of, list(held.profile_ids))
    audit.record(graph, actor, AuditAction.EXPORT_OWN_DATA, target_type="account",
                 target_id=actor.user_id)  # fmt: skip
    export: dict[str, Any] = to_jsonable_python(
        {
            "account": held.properties,
            "organization_ids": list(held.organization_ids),
            "profiles": [record.model_dump(mode="json", exclude_none=True) for record in records],
            "relationships": [asdict(relationship) for relationship in relationships],
            "mentioned_in": [_mention(holder) for holder in found],
        }
    )
    return export


def _mention(holder: graph_privacy.Holder) -> dict[str, Any]:
    shown = {k: v for k, v in holder.props.items() if k in holder.hits or k in _CONTEXT_FIELDS}
    return {"kind": holder.kind, "fields": list(holder.hits), "properties": shown}


def erase_me(graph: Graph, actor: Actor, settings: Settings) -> ErasureReport:
    """Erase the signed-in person's account and profile."""
    if actor.user_id is None:
        raise NotFound("no account")
    return _erase_account(graph, actor, actor.user_id, settings, reference="own request")


def erase_on_request(
    graph: Graph,
    actor: Actor,
    settings: Settings,
    *,
    reference: str,
    user_id: str | None = None,
    record_id: str | None = None,
) -> ErasureReport:
    """Staff erase an account (and its profile) or a record without account, on a written
    request whose reference is kept in the audit log."""
    require_staff(actor, "erase people's data")
    if user_id:
        return _erase_account(graph, actor, user_id, settings, reference=reference)
    if not record_id:
        raise NotFound("give the account or the record to erase")
    records = graph.read(graph_records.read_records, [record_id])
    if not records:
        raise NotFound(f"no record {record_id}")
    erasure = Erasure(user_id=None, records=tuple(records), email=None)
    return _erase(graph, actor, settings, erasure, reference=reference)


@dataclass(frozen=True)
class Erasure:
    """Who is erased: an account (or none) and its records."""

    user_id: str | None
    records: tuple[Record, ...]
    email: str | None

    @property
    def ids(self) -> list[str]:
        return [*([self.user_id] if self.user_id else []), *(r.id for r in self.records)]


def _erase_account(
    graph: Graph, actor: Actor, user_id: str, settings: Settings, *, reference: str
) -> ErasureReport:
    held = graph.read(graph_privacy.account_data, user_id)
    if held is None:
        raise NotFound(f"no account {user_id}")
    records = graph.read(graph_records.read_records, list(held.profile_ids))
    erasure = Erasure(user_id=user_id, records=tuple(records), email=held.email)
    return _erase(graph, actor, settings, erasure, reference=reference)


def _erase(
    graph: Graph, actor: Actor, settings: Settings, erasure: Erasure, *, reference: str
) -> ErasureReport:
    values = _personal_values(erasure.ids, erasure.email, list(erasure.records))
    # One transaction: an erasure that fails half-way leaves everything as it was, to retry.
    changed = graph.write(_erase_tx, erasure, values)
    # Names are not searched in Redis (which holds ids, e-mails and phones, never names): a
    # name is matched only where the person's id is too (graph.privacy).
    names = {str(getattr(record, "name", "")) for record in erasure.records}
    redis_keys = purge_redis(settings, [value for value in values if value not in names])
    # The entry names neither the person nor, for one's own erasure, the actor.
    doer = actor if actor.is_staff else None
    audit.record(
        graph,
        doer,
        AuditAction.ERASURE,
        target_type="account" if erasure.user_id else "record",
        target_id=graph_privacy.ERASED,
        detail=f"{len(erasure.records)} record(s); request: {reference}"[:200],
    )
    return ErasureReport(
        records=len(erasure.records), properties_cleared=changed, redis_keys=redis_keys
    )


def _erase_tx(tx: ManagedTransaction, erasure: Erasure, values: list[str]) -> int:
    graph_privacy.tally_erased(tx, [record.id for record in erasure.records])
    for record in erasure.records:
        graph_records.delete_record(tx, RecordType(record.type), record.id)
    if erasure.user_id:
        graph_privacy.delete_account(tx, erasure.user_id)
    found = graph_privacy.holders(tx, ids=erasure.ids, values=values)
    return graph_privacy.scrub(tx, found, values)


def forget_id(graph: Graph, record_id: str) -> int:
    """Take a deleted record's id out of every property and list that still holds it
    (cohorts, digests, event choices...); how many properties changed."""
    found = graph.read(graph_privacy.holders, ids=[record_id], values=[record_id], keep_audit=True)
    return graph.write(graph_privacy.scrub, found, [record_id]) if found else 0


def _personal_values(ids: list[str], email: str | None, records: list[Record]) -> list[str]:
    values = {*ids, *([email] if email else [])}
    for record in records:
        values |= {str(v) for f in _PERSONAL_FIELDS if (v := getattr(record, f, None))}
    return sorted(values)


def purge_redis(settings: Settings, values: list[str]) -> int:
    """Delete every Redis key whose name or content holds one of the values (queued task
    messages, results, rate-limit counters); how many. Without Redis, 0."""
    if not settings.redis_url:
        return 0
    import redis  # only with a broker configured

    client = redis.Redis.from_url(settings.redis_url, socket_timeout=2)
    needles = [v.encode() for v in values]
    removed = 0
    try:
        for key in client.scan_iter(count=500):
            if any(n in key for n in needles):
                removed += int(client.delete(key))
            else:
                removed += _purge_key(client, key, needles)
    except redis.RedisError as error:  # the graph is erased; say what could not be done
        log.error("erasure: Redis could not be cleaned (%s)", error)
    return removed


def _task_body(item: bytes) -> bytes:
    """A queued Celery message keeps its arguments base64-encoded in `body`."""
    try:
        message = json.loads(item)
        if message.get("properties", {}).get("body_encoding") == "base64":
            return base64.b64decode(message["body"])
    except (ValueError, AttributeError, KeyError, TypeError):
        pass
    return b""


def _purge_key(client: Any, key: bytes, needles: list[bytes]) -> int:
    """Remove what holds a value from one key: the items of a list (a task queue holds other
    people's tasks too) or a set, else the whole key."""

    def holds(item: bytes) -> bool:
        return any(n in text for text in (item, _task_body(item)) for n in needles)

    kind = client.type(key)
    if kind == b"list":
        hits = {item for item in client.lrange(key, 0, -1) if holds(item)}
        for item in hits:
            client.lrem(key, 0, item)
        return len(hits)
    if kind == b"set":
        hits = {item for item in client.smembers(key) if holds(item)}
        return int(client.srem(key, *hits)) if hits else 0
    if kind == b"zset":
        hits = {item for item in client.zrange(key, 0, -1) if holds(item)}
        return int(client.zrem(key, *hits)) if hits else 0
    if kind == b"string":
        content = [client.get(key) or b""]
    elif kind == b"hash":
        content = [b for pair in client.hgetall(key).items() for b in pair]
    else:
        return 0
    return int(client.delete(key)) if any(holds(item) for item in content) else 0
