"""Changes to a company's own page: internal notes and contacts."""

from django.db import transaction
from django.utils.translation import gettext as _

from companies.models import Company, Contact


@transaction.atomic
def save_company_notes(company: Company, internal_notes: str) -> Company:
    company.internal_notes = internal_notes
    company.save(update_fields=["internal_notes", "updated_at"])
    return company


@transaction.atomic
def save_contact(company: Company, contact: Contact) -> Contact:
    """A new or changed contact of the company (validated by ContactForm)."""
    contact.company = company
    contact.save()
    return contact


@transaction.atomic
def add_contact(company: Company, *, name: str, email: str) -> Contact:
    """A contact typed on the visit form: kept as the company's contact for visits."""
    return Contact.objects.create(
        company=company, name=name, email=email, purpose=_("The company's contact for visits")
    )
