"""The import/export contract: one record per profile or offer, told apart by `type`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field, TypeAdapter

from models.job_offer import JobOffer, JobOfferCreate, JobOfferPublic, JobOfferUpdate
from models.mentor import Mentor, MentorCreate, MentorPublic, MentorUpdate
from models.organization import (
    Organization,
    OrganizationCreate,
    OrganizationPublic,
    OrganizationUpdate,
)
from models.youth import Youth, YouthCreate, YouthPublic, YouthUpdate

Record = Youth | Mentor | Organization | JobOffer
RECORD_ADAPTER: TypeAdapter[Record] = TypeAdapter(Annotated[Record, Field(discriminator="type")])


class RecordType(StrEnum):
    """The four kinds of record; the value is the `type` of the import contract."""

    YOUTH = "youth"
    MENTOR = "mentor"
    ORGANIZATION = "organization"
    JOB_OFFER = "job_offer"

    @property
    def full_model(self) -> type[Record]:
        return _FULL[self]

    @property
    def create_model(self) -> type[BaseModel]:
        return _CREATE[self]

    @property
    def update_model(self) -> type[BaseModel]:
        return _UPDATE[self]

    @property
    def public_model(self) -> type[BaseModel]:
        return _PUBLIC[self]

    @property
    def label(self) -> str:
        """The Neo4j label of this kind of record."""
        return _LABEL[self]

    @property
    def id_prefix(self) -> str:
        """Prefix of the ids the server assigns (y-, m-, o-, j-)."""
        return self.value[0] + "-"


_FULL: dict[RecordType, type[Record]] = {
    RecordType.YOUTH: Youth,
    RecordType.MENTOR: Mentor,
    RecordType.ORGANIZATION: Organization,
    RecordType.JOB_OFFER: JobOffer,
}
_CREATE: dict[RecordType, type[BaseModel]] = {
    RecordType.YOUTH: YouthCreate,
    RecordType.MENTOR: MentorCreate,
    RecordType.ORGANIZATION: OrganizationCreate,
    RecordType.JOB_OFFER: JobOfferCreate,
}
_UPDATE: dict[RecordType, type[BaseModel]] = {
    RecordType.YOUTH: YouthUpdate,
    RecordType.MENTOR: MentorUpdate,
    RecordType.ORGANIZATION: OrganizationUpdate,
    RecordType.JOB_OFFER: JobOfferUpdate,
}
_PUBLIC: dict[RecordType, type[BaseModel]] = {
    RecordType.YOUTH: YouthPublic,
    RecordType.MENTOR: MentorPublic,
    RecordType.ORGANIZATION: OrganizationPublic,
    RecordType.JOB_OFFER: JobOfferPublic,
}
_LABEL = {
    RecordType.YOUTH: "Youth",
    RecordType.MENTOR: "Mentor",
    RecordType.ORGANIZATION: "Organization",
    RecordType.JOB_OFFER: "JobOffer",
}


def poster_of(record: Record) -> str | None:
    """The organisation that posted an offer; None for every other record."""
    return record.organization_id if isinstance(record, JobOffer) else None
