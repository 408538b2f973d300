from __future__ import annotations

from django.urls import path

from lapnet.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.draft, name="draft"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/send/", views.send, name="send"),
    path("<int:pk>/step/<str:event>/", views.step, name="step"),
    path("<int:pk>/messages/", views.post_message, name="post-message"),
    path("<int:pk>/evidence/<int:evidence_pk>/", views.evidence_detail, name="evidence"),
    path("<int:pk>/evidence/<int:evidence_pk>/raw", views.evidence_raw, name="evidence-raw"),
    path("<int:pk>/pro-forma.json", views.pro_forma_json, name="pro-forma-json"),
    path("<int:pk>/pro-forma.pdf", views.pro_forma_pdf, name="pro-forma-pdf"),
    path("<int:pk>/package/", views.package, name="package"),
    path("import/", views.import_package, name="import-package"),
    path("node-keys/", views.node_keys, name="node-keys"),
    path("node-keys/<int:key_pk>/revoke/", views.revoke_node_key, name="revoke-node-key"),
]
