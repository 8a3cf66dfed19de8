"""The queue page's and the dashboard's query budgets (issue 20), shared by their tests."""

QUEUE, DASHBOARD = "/admin/cases/", "/admin/"

# Session, user with their Wagtail profile, second factor, model permissions (1), locales,
# page and collection permissions of Wagtail's own menu items: 7 the page cannot avoid. Then
# what this user may do (1), the queue's rows with their count folded in (1), the rows' bias
# bases and incident types (1), the group notes (1), the transfers menu (1, linked cases), and
# the filter choices: schools, both vocabularies in one read, people (3). Issue 20 asks for at
# most 15.
QUEUE_BUDGET = 15
DASHBOARD_BUDGET = 17
