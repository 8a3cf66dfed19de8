"""The receipt as a text file, for reporters who keep it on their device."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from privacy.receipts import format_receipt, normalise_receipt


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
