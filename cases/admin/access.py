"""Looking cases up for a request: object permissions first, so a stranger's URL is a 404."""

from functools import wraps

from django.http import Http404, HttpResponseNotAllowed
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from cases.models import Case
from cases.selectors.cases import cases_for_user
from cases.selectors.queue import user_handles_cases


def case_or_404(request, case_id) -> Case:
    """The case if the user may handle it; otherwise 404, exactly as if it did not exist."""
    try:
        return (
            cases_for_user(user=request.user)
            .select_related("district", "school", "assignee")
            .get(pk=case_id)
        )
    except Case.DoesNotExist:
        raise Http404 from None


def handlers_only(view):
    """Views for staff who handle cases; everyone else gets 404 (no hint the screen exists)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_handles_cases(user=request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def case_action(view):
    """A POST action on one case: the case is checked before the method, so a stranger
    learns nothing from the status code. Never cached: a refusal shows the case page."""

    @wraps(view)
    def wrapped(request, case_id, *args, **kwargs):
        case = case_or_404(request, case_id)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(request, case, *args, **kwargs)

    # Notes, findings and messages to reporters: never in an error report.
    return never_cache(sensitive_post_parameters()(wrapped))
