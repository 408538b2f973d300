from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from lapnet.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.log_in, name="login"),
    path("login/code/", views.verify, name="verify"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("two-factor/confirm/", views.confirm_two_factor, name="confirm-two-factor"),
    path("two-factor/disable/", views.disable_two_factor, name="disable-two-factor"),
    path("two-factor/recovery-codes/", views.regenerate_recovery_codes, name="regenerate-recovery-codes"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/reset-two-factor/", views.reset_two_factor, name="reset-two-factor"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke_token, name="revoke-token"),
    path("audit/", views.audit_log, name="audit-log"),
]
