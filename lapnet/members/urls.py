from __future__ import annotations

from django.urls import path

from lapnet.members import views

app_name = "members"

urlpatterns = [
    path("", views.directory, name="directory"),
    # organisations, their networks, domains, points of contact and users
    path("o/<slug:slug>/", views.show_organisation, name="show-organisation"),
    path("o/<slug:slug>/edit", views.edit_organisation, name="edit-organisation"),
    path("o/<slug:slug>/networks/add", views.add_network, name="add-network"),
    path("networks/<int:pk>/remove", views.remove_network, name="remove-network"),
    path("o/<slug:slug>/domains/add", views.add_domain, name="add-domain"),
    path("domains/<int:pk>/remove", views.remove_domain, name="remove-domain"),
    path("o/<slug:slug>/contacts/add", views.add_contact, name="add-contact"),
    path("contacts/<int:pk>/edit", views.edit_contact, name="edit-contact"),
    path("contacts/<int:pk>/make-primary", views.make_primary_contact, name="make-primary-contact"),
    path("contacts/<int:pk>/remove", views.remove_contact, name="remove-contact"),
    path("o/<slug:slug>/users/", views.list_users, name="list-users"),
    path("o/<slug:slug>/users/invite", views.invite_user, name="invite-user"),
    path("users/<int:pk>/role", views.change_user_role, name="change-user-role"),
    path("users/<int:pk>/deactivate", views.deactivate_user, name="deactivate-user"),
    path("users/<int:pk>/reactivate", views.reactivate_user, name="reactivate-user"),
    path("welcome/<str:uidb64>/<str:token>/", views.set_password, name="set-password"),
    # national coordination
    path("coordinators/", views.list_coordinators, name="list-coordinators"),
    path("coordinators/designate", views.designate_coordinator, name="designate-coordinator"),
    path("coordinators/<str:country>/remove", views.remove_coordinator, name="remove-coordinator"),
    # membership applications: the public side, then the secretariat's
    path("apply/", views.submit_application, name="submit-application"),
    path("apply/<str:token>/", views.track_application, name="track-application"),
    path("apply/<str:token>/answer", views.answer_application, name="answer-application"),
    path("apply/<str:token>/withdraw", views.withdraw_application, name="withdraw-application"),
    path("applications/", views.list_applications, name="list-applications"),
    path("applications/<int:pk>/", views.review_application, name="review-application"),
    path("applications/<int:pk>/approve", views.approve_application, name="approve-application"),
    path("applications/<int:pk>/request-information", views.request_information, name="request-information"),
    path("applications/<int:pk>/decline", views.decline_application, name="decline-application"),
    # sector resources kept by industry members
    path("resources/", views.list_resources, name="list-resources"),
    path("resources/add", views.add_resource, name="add-resource"),
    path("resources/<int:pk>/edit", views.edit_resource, name="edit-resource"),
    path("resources/<int:pk>/delete", views.delete_resource, name="delete-resource"),
]
