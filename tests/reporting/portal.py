"""Drives the portal the way a reporter's browser does: one form post per step."""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from reporting.pow import solve
from tests.factories import SchoolFactory

DRAFT_RE = re.compile(r'name="draft" value="([^"]+)"')
RECEIPT_RE = re.compile(r'name="receipt" value="([\d ]+)"')
STATUS_TOKEN_RE = re.compile(r'name="token" value="([^"]+)"')
POW_BITS_RE = re.compile(r'data-pow="(\d+)"')


def solved(page: str) -> dict[str, str]:
    """The challenge of a page's form with its proof of work, as the browser script sends it."""
    token = STATUS_TOKEN_RE.search(page).group(1)
    return {"token": token, "work": solve(token, int(POW_BITS_RE.search(page).group(1)))}


def status_token(client, *, prefix: str = "") -> str:
    """The single-use token the receipt form carries, as a browser would read it."""
    page = client.get(f"{prefix}/report/status/").content.decode()
    return STATUS_TOKEN_RE.search(page).group(1)


def check_receipt(client, receipt: str, *, prefix: str = ""):
    """Type `receipt` into the status page's form and send it, from a browser with JavaScript."""
    page = client.get(f"{prefix}/report/status/").content.decode()
    return client.post(f"{prefix}/report/status/", {"receipt": receipt, **solved(page)})


def start_report(client, *, prefix: str = ""):
    """Press "Start a report" in a browser with JavaScript."""
    page = client.get(f"{prefix}/report/").content.decode()
    return client.post(f"{prefix}/report/", {"nav": "start", **solved(page)})


def small_png(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def good_answers(school=None) -> dict[str, dict]:
    school = school or SchoolFactory()
    return {
        "what": {"incident_types": ["harassment"], "bias_bases": ["race"]},
        "where": {
            "district": str(school.district_id),
            "school": str(school.pk),
            "location_type": "hallway",
            "incident_date": "2025-03-14",
        },
        "who": {
            "reporter_relation": "parent",
            "grade_band": "6_8",
            "people_involved": "Avery Quill from homeroom",
        },
        "story": {"narrative": "Zephyrine was mocked for her hijab every lunch."},
        "evidence": {},
        "transfer": {"transfer_interest": "considering"},
        "contact": {
            "contact_email": "nightowl.parent@example.org",
            "contact_phone": "555-0199",
            "contact_consent": "on",
        },
    }


class Reporter:
    def __init__(self, client, *, prefix: str = ""):
        self.client = client
        self.prefix = prefix
        self.draft = None
        self.last = None

    @property
    def url(self) -> str:
        return f"{self.prefix}/report/"

    def html(self) -> str:
        return self.last.content.decode()

    def start(self):
        self.last = start_report(self.client, prefix=self.prefix)
        self.draft = DRAFT_RE.search(self.html()).group(1)
        return self.last

    def post(self, step: str, nav: str = "next", url: str | None = None, **fields):
        data = {"draft": self.draft, "step": step, "nav": nav, **fields}
        self.last = self.client.post(url or self.url, data)
        return self.last

    def fill_all(self, answers: dict, files=()):
        for step, fields in answers.items():
            if step == "evidence":
                self.post("evidence", files=list(files)) if files else self.post("evidence")
            else:
                self.post(step, **fields)
        return self.last

    def submit(self):
        """Press Send; a browser follows the redirect to the one-time receipt page."""
        self.post("review", nav="submit", website="")
        if self.last.status_code == 302:
            self.last = self.client.get(self.last["Location"])
        return self.last

    def receipt(self) -> str:
        return RECEIPT_RE.search(self.html()).group(1)
