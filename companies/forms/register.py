import re
from datetime import datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from companies.industry import IndustrySection
from companies.models import Company, SizeClass
from companies.models.companies import CompanyQuerySet
from companies.queries import not_met_condition


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or organisationsnummer"), required=False, max_length=100)
    size_class = forms.ChoiceField(
        label=_("Size class"), required=False, choices=[("", _("All sizes")), *SizeClass.choices]
    )
    section = forms.ChoiceField(
        label=_("Industry"), required=False, choices=[("", _("All industries")), *IndustrySection.choices]
    )
    town = forms.CharField(label=_("Town"), required=False, max_length=100)
    not_met_months = forms.IntegerField(
        label=_("Not met for (months)"), required=False, min_value=1, max_value=240
    )
    never_met = forms.BooleanField(label=_("Never met"), required=False)

    def companies(self, now: datetime) -> CompanyQuerySet:
        """The companies the filters choose (all of them when the form is invalid)."""
        companies = Company.objects.all()
        if not self.is_valid():
            return companies
        data: dict[str, Any] = self.cleaned_data
        if text := data["q"].strip():
            digits = re.sub(r"\D", "", text)
            condition = Q(name__icontains=text)
            if len(digits) >= 6:
                # 10 or 12 digits, with or without the dash; the stored form is NNNNNN-NNNN.
                digits = digits[-10:] if len(digits) > 10 else digits
                stored = f"{digits[:6]}-{digits[6:]}" if len(digits) > 6 else digits
                condition |= Q(organisation_number__startswith=stored)
            companies = companies.filter(condition)
        if data["size_class"]:
            companies = companies.filter(size_class=data["size_class"])
        if data["section"]:
            companies = companies.filter(industry_section=data["section"])
        if town := data["town"].strip():
            # SCB writes towns in capitals; SQLite folds only ASCII letters, so "mörrum" must
            # also be matched as Python upper-cases it.
            companies = companies.filter(Q(town__iexact=town) | Q(town=town.upper()))
        if data["never_met"]:
            companies = companies.filter(not_met_condition(None))
        elif data["not_met_months"]:
            companies = companies.filter(
                not_met_condition(now - relativedelta(months=data["not_met_months"]))
            )
        return companies
