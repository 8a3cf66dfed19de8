"""The receipt page, shown once after a Send, and the receipt as a text file.

Post-redirect-get: every Send of a draft ends in a redirect here with a short encrypted
cookie naming the draft, never the receipt in a URL. The first visit takes the receipt off
the sent draft and shows it; a reload, another tab or a second Send says the report was sent
and does not show the code again, since anyone holding the phone later could read it.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from privacy.receipts import format_receipt, normalise_receipt
from reporting import sealed_cookie
from reporting.drafts import find_draft_any_state, take_receipt
from reporting.models import DraftState, ReportDraft

SENT_COOKIE = "report_sent"
# Long enough for a phone to reload the tab later; the receipt itself is gone far sooner.
SENT_COOKIE_SECONDS = 2 * 60 * 60


def to_receipt_page(draft: ReportDraft) -> HttpResponse:
    """Where every Send of `draft` ends, the first one or a repeat."""
    response = redirect(reverse("reporting:sent"))
    sealed_cookie.write(
        response, SENT_COOKIE, {"draft": str(draft.pk)}, seconds=SENT_COOKIE_SECONDS
    )
    return response


def sent_from_this_browser(request: HttpRequest, draft_id: str) -> bool:
    """True when this browser sent `draft_id`, whose hand-over may since have been purged."""
    payload = sealed_cookie.read(request, SENT_COOKIE)
    return bool(draft_id) and payload is not None and payload.get("draft") == draft_id


@require_GET
def sent(request: HttpRequest) -> HttpResponse:
    payload = sealed_cookie.read(request, SENT_COOKIE)
    if payload is None:
        return render(request, "reporting/sent.html", {"known": False})
    draft = find_draft_any_state(payload.get("draft"))
    if draft is None:  # the hand-over has ended and the row is purged: it was sent
        return render(request, "reporting/sent.html", {"known": True})
    if draft.state == DraftState.SENDING:
        return render(request, "reporting/sent.html", {"sending": True})
    if draft.state == DraftState.OPEN:  # the Send was refused; the answers are kept
        return render(request, "reporting/sent.html", {"not_sent": True, "draft": draft})
    life_safety = bool((draft.outcome or {}).get("life_safety"))
    receipt = take_receipt(draft)
    if not receipt:
        return render(request, "reporting/sent.html", {"known": True, "life_safety": life_safety})
    code = format_receipt(receipt)
    return render(
        request,
        "reporting/receipt.html",
        {"receipt": code, "receipt_groups": code.split(" "), "life_safety": life_safety},
    )


@sensitive_post_parameters()
@require_POST
def download_receipt(request: HttpRequest) -> HttpResponse:
    """Formats the code it is given and checks nothing else, so it tells an attacker nothing."""
    digits = normalise_receipt(request.POST.get("receipt", ""))
    if digits is None:
        return render(request, "reporting/receipt_invalid.html", status=400)
    text = render_to_string(
        "reporting/receipt.txt",
        {
            "receipt": format_receipt(digits),
            "status_url": request.build_absolute_uri(reverse("reporting:status")),
        },
    )
    response = HttpResponse(text.replace("\n", "\r\n"), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="report-receipt.txt"'
    return response
