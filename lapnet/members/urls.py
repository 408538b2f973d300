from __future__ import annotations

from django.urls import path

from lapnet.members import views

app_name = "members"

urlpatterns = [
    path("", views.directory, name="directory"),
]
