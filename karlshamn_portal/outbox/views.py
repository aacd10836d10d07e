"""A staff page listing outgoing e-mail, so invitation and reminder flows can be tried without a
mail server (on when OUTBOX_BROWSER is set, which DJANGO_DEBUG=1 implies).

The e-mails hold private links and unmasked personal data, so the page is for liaison officers
only, and every token in a link is shown cut short and not as a link (karlshamn_portal.tokens):
the page shows what was sent without becoming a way into the cases.
"""

from csp.decorators import csp
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.clickjacking import xframe_options_sameorigin

from karlshamn_portal.outbox.models import OutboxMessage
from karlshamn_portal.roles import is_liaison
from karlshamn_portal.staff_request import StaffRequest
from karlshamn_portal.tokens import shorten_tokens

# The HTML part is shown in a sandboxed frame of its own: no scripts, nothing loaded from
# elsewhere, only the inline styles e-mails use, framed by the outbox page alone.
HTML_PART_POLICY = {
    "default-src": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["data:"],
    "frame-ancestors": ["'self'"],
    "sandbox": [""],
}


def _check(request: StaffRequest) -> None:
    if not settings.OUTBOX_BROWSER:
        raise Http404
    if not is_liaison(request.user):
        raise PermissionDenied


def _message_for(request: StaffRequest, pk: int) -> OutboxMessage:
    _check(request)
    return get_object_or_404(OutboxMessage, pk=pk)


@login_required
def outbox_list(request: StaffRequest) -> HttpResponse:
    _check(request)
    messages = OutboxMessage.objects.defer("body_text", "body_html", "attachments")
    page = Paginator(messages, 50).get_page(request.GET.get("page"))
    return render(request, "outbox/list.html", {"page": page})


@login_required
def outbox_detail(request: StaffRequest, pk: int) -> HttpResponse:
    message = _message_for(request, pk)
    return render(
        request,
        "outbox/detail.html",
        {
            "message": message,
            "text": shorten_tokens(message.body_text),
            "attachments": list(enumerate(message.attachments)),
        },
    )


@login_required
@xframe_options_sameorigin
@csp(HTML_PART_POLICY)  # type: ignore[arg-type]  # django-csp types a view as taking the request alone
def outbox_html(request: StaffRequest, pk: int) -> HttpResponse:
    """The HTML part as the recipient's mail program shows it, for the frame on the detail page."""
    message = _message_for(request, pk)
    if not message.body_html:
        raise Http404
    return HttpResponse(shorten_tokens(message.body_html), content_type="text/html; charset=utf-8")


@login_required
def outbox_attachment(request: StaffRequest, pk: int, index: int) -> HttpResponse:
    """One attachment (an .ics) as a download, with its tokens cut short like the text's."""
    message = _message_for(request, pk)
    if index >= len(message.attachments):
        raise Http404
    part = message.attachments[index]
    response = HttpResponse(
        shorten_tokens(part["content"]).encode(), content_type=f"{part['content_type']}; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_safe_filename(part["filename"], index)}"'
    return response


def _safe_filename(name: str, index: int) -> str:
    # Our own names ("invitation.ics"); kept to plain characters all the same.
    kept = "".join(char for char in name if char.isascii() and (char.isalnum() or char in "._-"))
    return kept or f"attachment-{index + 1}"
