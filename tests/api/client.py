"""A district system or a reporter's app talking JSON to the API, through Django's client."""

import json

from api.services import issue_api_token
from reporting.pow import solve


def token_for(user, *, name: str = "District SIS", days: int = 90) -> str:
    return issue_api_token(user=user, name=name, lifetime_days=days).secret


class ApiClient:
    def __init__(self, client, token: str = "", *, language: str = "en"):
        self.client, self.token, self.language = client, token, language

    def _headers(self) -> dict:
        headers = {"HTTP_ACCEPT_LANGUAGE": self.language}
        if self.token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {self.token}"
        return headers

    def get(self, path: str, **params):
        return self.client.get(path, params, **self._headers())

    def post(self, path: str, body: dict | None = None):
        return self.client.post(
            path, json.dumps(body or {}), content_type="application/json", **self._headers()
        )

    def transfer(self, transfer_id) -> dict:
        response = self.get(f"/api/staff/transfers/{transfer_id}")
        assert response.status_code == 200, response.content
        return response.json()

    def move(self, transfer_id, to_status: str, reason: str = "") -> dict:
        response = self.post(
            f"/api/staff/transfers/{transfer_id}/status", {"to_status": to_status, "reason": reason}
        )
        assert response.status_code == 200, response.content
        return response.json()


def report_body(where, **overrides) -> dict:
    """A complete report about an incident at the school `where`."""
    body = {
        "incident_types": ["harassment"],
        "bias_bases": ["race"],
        "district": where.district_id,
        "school": where.pk,
        "location_type": "hallway",
        "incident_date": "2025-03-14",
        "reporter_relation": "parent",
        "grade_band": "6_8",
        "people_involved": "Avery Quill from homeroom",
        "narrative": "Zephyrine was mocked for her hijab every lunch.",
        "transfer_interest": "considering",
    }
    body.update(overrides)
    return body


def proof(api: ApiClient, kind: str = "draft") -> dict[str, str]:
    """A challenge from /draft-tokens or /status-tokens with its proof of work, as an app
    computes it."""
    challenge = api.post(f"/api/public/{kind}-tokens").json()
    return {"token": challenge["token"], "work": solve(challenge["token"], challenge["difficulty"])}


def new_draft(api: ApiClient) -> str:
    return api.post("/api/public/drafts", proof(api)).json()["draft"]


def submit(api: ApiClient, where, **overrides):
    draft = new_draft(api)
    return api.post("/api/public/reports", {"draft": draft, **report_body(where, **overrides)})


def status_token(api: ApiClient) -> str:
    return api.post("/api/public/status-tokens").json()["token"]
