"""Wagtail loads this module: the API tokens screen."""

from wagtail import hooks

from api.tokens_admin import ApiTokenViewSet


@hooks.register("register_admin_viewset")
def register_api_tokens_viewset():
    return ApiTokenViewSet()
