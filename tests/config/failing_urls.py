"""The site's URLs plus one page of each audience that crashes, to see the 500 pages."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from config import urls as site


def crash(request):
    raise RuntimeError("a bug")


handler400 = site.handler400
handler403 = site.handler403
handler404 = site.handler404
handler500 = site.handler500
urlpatterns = [
    path("admin/crash/", crash),
    path("api/crash/", crash),
    *i18n_patterns(path("crash/", crash), prefix_default_language=False),
    *site.urlpatterns,
]
