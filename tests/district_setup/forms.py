"""The POST data of the district form as a browser sends it (rules, then closure rows)."""

RULES = {
    "name": "Westbrook Unified",
    "slug": "westbrook",
    "code": "WBU",
    "acknowledge_school_days": "3",
    "investigation_days": "45",
    "transfer_step_days": "10",
    "retention_years": "6",
    "suppression_threshold": "11",
    "purge_enabled": "",
    "contact_email": "equity@westbrook.example.org",
}


def district_form(closures=(), existing=(), **rules) -> dict:
    """`existing`: (pk, date, reason, delete) of stored closures; `closures`: new (date, reason)."""
    data = {key: value for key, value in {**RULES, **rules}.items() if value != ""}
    rows = [(pk, day, reason, delete) for pk, day, reason, delete in existing]
    rows += [("", day, reason, False) for day, reason in closures]
    data.update(
        {
            "closures-TOTAL_FORMS": str(len(rows)),
            "closures-INITIAL_FORMS": str(len(existing)),
            "closures-MIN_NUM_FORMS": "0",
            "closures-MAX_NUM_FORMS": "1000",
        }
    )
    for index, (pk, day, reason, delete) in enumerate(rows):
        data[f"closures-{index}-id"] = str(pk)
        data[f"closures-{index}-date"] = day
        data[f"closures-{index}-reason"] = reason
        if delete:
            data[f"closures-{index}-DELETE"] = "on"
    return data
