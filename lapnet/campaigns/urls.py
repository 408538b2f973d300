from __future__ import annotations

from django.urls import path

from lapnet.campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/rename", views.rename, name="rename"),
    path("<int:pk>/mark", views.mark, name="mark"),
    path("<int:pk>/merge", views.merge, name="merge"),
    path("<int:pk>/split", views.split, name="split"),
    path("<int:pk>/annotate", views.annotate, name="annotate"),
]
