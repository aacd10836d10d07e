"""The register list with its filters and CSV export, a company's page, its notes and contacts."""

from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from companies.access import get_company_for, register_required
from companies.forms.companies import ContactForm, NotesForm
from companies.forms.register import RegisterFilterForm
from companies.register import export_lines, register_page
from companies.services.register import save_company_notes, save_contact
from companies.timeline import company_timeline
from karlshamn_portal.roles import is_liaison
from karlshamn_portal.staff_request import StaffRequest
from liaison.working_days import local_today

FILTER_FIELDS = ["q", "size_class", "section", "town", "not_met_months", "never_met"]


@register_required
def register_list(request: StaffRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET)
    companies = form.companies(timezone.now())
    page = register_page(companies, after=request.GET.get("after", ""), before=request.GET.get("before", ""))
    query = urlencode([(name, request.GET[name]) for name in FILTER_FIELDS if request.GET.get(name)])
    context = {"form": form, "page": page, "query": query, "query_prefix": f"{query}&" if query else ""}
    return render(request, "companies/register.html", context, status=200 if form.is_valid() else 400)


@register_required
def register_export(request: StaffRequest) -> StreamingHttpResponse:
    companies = RegisterFilterForm(request.GET).companies(timezone.now())
    response = StreamingHttpResponse(export_lines(companies), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="foretagsregister.csv"'
    return response


def _company_page(request: StaffRequest, pk: int, **forms: object) -> HttpResponse:
    company = get_company_for(request.user, pk)
    context = {
        "company": company,
        "contacts": list(company.contacts.all()),
        "timeline": company_timeline(
            company, local_today(timezone.now()), case_links=is_liaison(request.user)
        ),
        "notes_form": forms.get("notes_form")
        or NotesForm(initial={"internal_notes": company.internal_notes}),
        "contact_form": forms.get("contact_form") or ContactForm(),
    }
    return render(request, "companies/company.html", context, status=400 if forms else 200)


@register_required
def company_detail(request: StaffRequest, pk: int) -> HttpResponse:
    return _company_page(request, pk)


@register_required
@require_POST
def company_notes(request: StaffRequest, pk: int) -> HttpResponse:
    company = get_company_for(request.user, pk)
    form = NotesForm(request.POST)
    if not form.is_valid():
        return _company_page(request, pk, notes_form=form)
    save_company_notes(company, form.cleaned_data["internal_notes"])
    messages.success(request, _("The notes are saved."))
    return redirect("companies:company", company.pk)


@register_required
@require_POST
def contact_add(request: StaffRequest, pk: int) -> HttpResponse:
    company = get_company_for(request.user, pk)
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _company_page(request, pk, contact_form=form)
    save_contact(company, form.save(commit=False))
    messages.success(request, _("The contact is added."))
    return redirect("companies:company", company.pk)


@register_required
def contact_edit(request: StaffRequest, pk: int, contact_id: int) -> HttpResponse:
    company = get_company_for(request.user, pk)
    contact = get_object_or_404(company.contacts, pk=contact_id)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        save_contact(company, form.save(commit=False))
        messages.success(request, _("The contact is saved."))
        return redirect("companies:company", company.pk)
    status = 400 if form.is_bound else 200
    return render(request, "companies/contact_form.html", {"company": company, "form": form}, status=status)
