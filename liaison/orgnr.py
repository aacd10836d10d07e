"""Kept so older imports keep working: organisation numbers belong to the company register now
(companies.orgnr)."""

from companies.orgnr import (
    OrganisationNumber,
    luhn_is_valid,
    mask,
    mask_personnummer_in,
    parse_organisation_number,
)

__all__ = ["OrganisationNumber", "luhn_is_valid", "mask", "mask_personnummer_in", "parse_organisation_number"]
