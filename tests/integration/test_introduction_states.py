"""Hypothesis stateful test of introductions against the real Neo4j.

Random sequences of requests, answers, withdrawals, ends, pauses and expiries, by the right
people. After every step: no contact detail is visible outside an accepted introduction, no
mentor has more mentees than their capacity, and the graph's relationships are exactly the
accepted introductions.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from graph import introductions as graph_intro
from graph import schema
from models.introduction import Answer, IntroductionRequest
from models.records import RecordType
from models.user import Role
from services import introductions, profiles
from services.access import Actor
from services.db import Graph
from services.errors import DomainError
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j

YOUTHS = ("y-1", "y-2", "y-3")
MENTORS = {"m-1": 1, "m-2": 2}  # id -> capacity
ACTORS = {
    **{y: Actor(user_id=f"u-{y}", role=Role.YOUTH, profile_id=y) for y in YOUTHS},
    **{m: Actor(user_id=f"u-{m}", role=Role.MENTOR, profile_id=m) for m in MENTORS},
}
KIND_OF = {**dict.fromkeys(YOUTHS, RecordType.YOUTH), **dict.fromkeys(MENTORS, RecordType.MENTOR)}


def make_machine(graph: Graph, config: Settings) -> type[RuleBasedStateMachine]:
    class Introductions(RuleBasedStateMachine):
        intros = Bundle("intros")

        def __init__(self) -> None:
            super().__init__()
            with graph.driver.session(database=graph.database) as session:
                session.run("MATCH (n) DETACH DELETE n").consume()
            schema.migrate(graph.driver, database=graph.database)
            factories.store(
                graph,
                *(factories.youth(y, email=f"{y}@example.ma") for y in YOUTHS),
                *(
                    factories.mentor(m, capacity=c, email=f"{m}@example.ma")
                    for m, c in MENTORS.items()
                ),
            )
            self.later = dt.timedelta(0)

        @rule(target=intros, asker=st.sampled_from(YOUTHS), to=st.sampled_from([*YOUTHS, *MENTORS]))
        def request(self, asker: str, to: str) -> str:
            try:
                payload = IntroductionRequest(from_id=asker, to_id=to)
                return introductions.request(graph, ACTORS[asker], payload, config).id
            except DomainError:
                return ""

        def _intro(self, intro_id: str):  # type: ignore[no-untyped-def]
            return graph.read(graph_intro.read, intro_id) if intro_id else None

        @rule(intro_id=intros, accept=st.booleans())
        def answer(self, intro_id: str, accept: bool) -> None:
            intro = self._intro(intro_id)
            if not intro:
                return
            choice = Answer.ACCEPT if accept else Answer.DECLINE
            try:
                introductions.answer(graph, ACTORS[intro.to_party], intro_id, choice)
            except DomainError:
                pass

        @rule(intro_id=intros)
        def withdraw(self, intro_id: str) -> None:
            intro = self._intro(intro_id)
            if intro:
                try:
                    introductions.withdraw(graph, ACTORS[intro.from_id], intro_id)
                except DomainError:
                    pass

        @rule(intro_id=intros, by_recipient=st.booleans())
        def end(self, intro_id: str, by_recipient: bool) -> None:
            intro = self._intro(intro_id)
            if intro:
                who = intro.to_party if by_recipient else intro.from_id
                try:
                    introductions.end(graph, ACTORS[who], intro_id)
                except DomainError:
                    pass

        @rule(mentor=st.sampled_from(list(MENTORS)), paused=st.booleans())
        def pause(self, mentor: str, paused: bool) -> None:
            graph.write(graph_intro.set_paused, mentor, paused)

        @rule()
        def time_passes(self) -> None:
            self.later += dt.timedelta(days=config.intro_expiry_days + 1)
            introductions.expire_due(graph, now=dt.datetime.now(dt.UTC) + self.later)

        @invariant()
        def no_mentor_over_capacity(self) -> None:
            for mentor, capacity in MENTORS.items():
                load = graph.read(graph_intro.mentor_load, mentor)
                assert load is not None and load.active <= capacity

        @invariant()
        def contacts_only_between_accepted_sides(self) -> None:
            accepted = {
                frozenset((i.from_id, i.to_id))
                for i in graph.read(
                    graph_intro.list_for, list(KIND_OF), status="accepted", limit=100, offset=0
                )[1]
            }
            for viewer, actor in ACTORS.items():
                for record, kind in KIND_OF.items():
                    if record == viewer:
                        continue
                    view = profiles.get_view(graph, actor, kind, record)
                    seen = getattr(view, "contact", None) is not None
                    assert seen == (frozenset((viewer, record)) in accepted), (viewer, record)

        @invariant()
        def relationships_are_exactly_the_accepted_introductions(self) -> None:
            rows, _, _ = graph.driver.execute_query(
                "MATCH (a)-[r:MENTORS|CONNECTED_WITH]->(b) RETURN a.id AS a, b.id AS b",
                database_=graph.database,
            )
            rels = {frozenset((r["a"], r["b"])) for r in rows}
            accepted = {
                frozenset((i.from_id, i.to_id))
                for i in graph.read(
                    graph_intro.list_for, list(KIND_OF), status="accepted", limit=100, offset=0
                )[1]
            }
            assert rels == accepted and len(rows) == len(rels)

    return Introductions


def test_introductions_keep_contacts_private_and_mentors_within_capacity(
    graph: Graph, settings: Settings
) -> None:
    machine = make_machine(graph, settings)
    machine.TestCase.settings = settings_for_machine
    machine.TestCase().runTest()


settings_for_machine = hypothesis_settings(
    max_examples=12,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
