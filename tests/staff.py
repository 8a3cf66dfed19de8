"""Signing staff in for view tests, the way the real login would (including two-factor)."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.middleware import LAST_ACTIVITY_SESSION_KEY


def login_staff(client, user) -> None:
    """Log `user` in on the Django test `client` as a fully signed-in staff member:
    password checked, an enrolled authenticator app, and this session's code entered."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[LAST_ACTIVITY_SESSION_KEY] = int(time.time())
    session.save()
