import gc

from django.core.wsgi import get_wsgi_application

from config.settings_module import require_settings_module

require_settings_module()

application = get_wsgi_application()

# What Django and Wagtail load at start-up lives as long as the worker: out of the garbage
# collector's reach, a full collection no longer walks it in the middle of a request (it
# doubled one staff page in ~13, issue 20), and forked workers keep sharing those pages.
gc.freeze()
