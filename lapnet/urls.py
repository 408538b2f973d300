"""URL map: each bounded context mounts its own namespaced urls; the REST API lives under /api/."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from lapnet import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("lapnet.accounts.urls")),
    path("members/", include("lapnet.members.urls")),
    path("evidence/", include("lapnet.evidence.urls")),
    path("referrals/", include("lapnet.referrals.urls")),
    path("watching/", include("lapnet.watching.urls")),
    path("campaigns/", include("lapnet.campaigns.urls")),
    path("api/", include("lapnet.api.urls")),
    path("admin/", admin.site.urls),
]
