"""Demo public pages."""

from django.db import transaction
from wagtail.models import Page, Site

from cms.models import HomePage

HOME_INTRO = (
    "<p>If you experienced or saw discrimination, harassment or bullying at school, you can "
    "tell the district here. You do not need an account, and you do not have to give your "
    "name.</p>"
)


@transaction.atomic
def seed_home_page() -> HomePage:
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(title="Report a bias incident", slug="home-en", intro=HOME_INTRO)
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=8000, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        welcome = site.root_page
        site.root_page = home
        site.save()
        if welcome.specific_class is Page and welcome.slug == "home":
            welcome.delete()
    return home
