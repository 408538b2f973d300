from __future__ import annotations

from django.urls import path

from lapnet.watching import views

app_name = "watching"

urlpatterns = [
    path("", views.watch_list, name="list-watches"),
    path("watch", views.watch, name="watch"),
    path("<int:pk>/unwatch", views.unwatch, name="unwatch"),
    path("alerts/", views.alert_list, name="list-alerts"),
    path("alerts/read", views.mark_alerts_read, name="mark-alerts-read"),
    path("alerts/badge", views.alert_badge, name="alert-badge"),
    path("top/", views.top_violators, name="top-violators"),
    path("surges/", views.surges, name="list-surges"),
]
