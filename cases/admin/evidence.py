"""Serving an evidence file: decrypted in memory, as a download, never cached, audited."""

import logging
import re

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cases.admin.access import case_or_404
from cases.models import EvidenceFile
from cases.services.disclosure import record_evidence_download
from privacy.crypto import DecryptionError

logger = logging.getLogger(__name__)
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]+")


def download_name(meta: dict) -> str:
    name = _UNSAFE_NAME.sub("_", str(meta.get("name") or "evidence")).strip(" .")
    return name[-120:] or "evidence"


@never_cache
def download_evidence(request, case_id, evidence_id):
    case = case_or_404(request, case_id)
    evidence = get_object_or_404(EvidenceFile, pk=evidence_id, report__case=case)
    try:
        with evidence.file.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, DecryptionError):
        # Ids only: the file name is itself sensitive.
        logger.error("Evidence %s of case %s could not be read.", evidence.pk, case.pk)
        messages.error(
            request,
            _("This evidence file could not be read. The error was logged; tell an administrator."),
        )
        url = reverse("cases_admin:detail", args=[case.pk])
        return redirect(f"{url}#report-{evidence.report_id}")
    record_evidence_download(case=case, evidence=evidence, actor=request.user)
    response = HttpResponse(content, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=download_name(evidence.meta)
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response
