"""Job offers: jobs, internships, apprenticeships, volunteering and freelance work."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from models.common import (
    ExternalId,
    LanguageList,
    Location,
    LongText,
    TermList,
    Title,
    WriteModel,
)

Contract = Literal["job", "internship", "apprenticeship", "volunteering", "freelance"]


class JobOfferFields(WriteModel):
    """What an offer holds; an offer past `expires_on` is never suggested."""

    title: Title
    description: LongText = ""
    organization_id: ExternalId | None = None
    required_skills: TermList = []
    location: Location | None = None
    contract: Contract = "job"
    languages: LanguageList = []
    published_on: dt.date | None = None
    expires_on: dt.date | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> JobOfferFields:
        # An offer is open through `expires_on`: one closed on the day it was published
        # (services.profiles.close_offer) has its last day on the day before, and no other.
        if (
            self.published_on
            and self.expires_on
            and self.expires_on < self.published_on - dt.timedelta(days=1)
        ):
            raise ValueError("expires_on is more than a day before published_on")
        return self


class JobOfferCreate(JobOfferFields):
    """A new offer; the server assigns an id when none is given."""

    id: ExternalId | None = None


class JobOffer(JobOfferFields):
    """The full offer, as imported and exported; offers hold no contact details."""

    type: Literal["job_offer"] = "job_offer"
    id: ExternalId


JobOfferPublic = JobOffer


class JobOfferUpdate(WriteModel):
    """A partial update: fields left out are kept, fields set to null are cleared."""

    title: Title | None = None
    description: LongText | None = None
    organization_id: ExternalId | None = None
    required_skills: TermList | None = None
    location: Location | None = None
    contract: Contract | None = None
    languages: LanguageList | None = None
    published_on: dt.date | None = Field(default=None)
    expires_on: dt.date | None = None
