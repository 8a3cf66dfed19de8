from django.core.wsgi import get_wsgi_application

from config.settings_module import require_settings_module

require_settings_module()

application = get_wsgi_application()
