from __future__ import annotations

from django.urls import path

from lapnet.api.api import api

urlpatterns = [path("", api.urls)]
