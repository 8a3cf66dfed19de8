"""How the back office names a member of staff: one rule for every screen and message."""

from django.contrib.auth.base_user import AbstractBaseUser


def staff_name(user: AbstractBaseUser) -> str:
    """The full name, or the username when none was given."""
    return user.get_full_name() or user.get_username()


def staff_name_and_username(user: AbstractBaseUser) -> str:
    """Where two people may share a name (pickers, role lists): "Ana Ruiz (aruiz)"."""
    full_name = user.get_full_name()
    return f"{full_name} ({user.get_username()})" if full_name else user.get_username()
