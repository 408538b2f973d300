from __future__ import annotations

from django.urls import path

from lapnet.evidence import views

app_name = "evidence"

urlpatterns = [
    path("", views.evidence_list, name="list"),
    path("submit/", views.upload, name="upload"),
    path("search/", views.search, name="search"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/raw", views.raw, name="raw"),
]
