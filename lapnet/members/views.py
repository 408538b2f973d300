"""The network's pages. Thin: parse the input with a form, fetch through ``access``, call an action,
render a page (or, for htmx, a partial from ``templates/members/partials/``).

Three pages are public (no account needed): the membership application form, the applicant's page
reached through the signed link they were mailed, and the one-time set-password page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from lapnet.members import access, actions, queries
from lapnet.members.forms import (
    ApplicationForm,
    ContactForm,
    DesignateForm,
    DirectoryFilterForm,
    DomainForm,
    InviteForm,
    MessageForm,
    NetworkForm,
    NewContactForm,
    OrganisationForm,
    ResourceForm,
    RoleForm,
)
from lapnet.members.models import (
    ApplicationStatus,
    MembershipApplication,
    Organisation,
    PointOfContact,
    Sector,
)
from lapnet.members.workflow import Party, allowed_events


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- the directory and organisation pages -------------------------------------------------------------


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(
        request.GET or None,
        countries=queries.country_filter_choices(request.user),
        languages=queries.language_filter_choices(request.user),
    )
    wanted = form.to_filter()
    context = {"form": form, "entries": queries.directory(request.user, wanted), "filtered": wanted.active}
    if _is_htmx(request):
        return render(request, "members/partials/directory_results.html", context)
    return render(request, "members/directory.html", context)


def _organisation_context(request: HttpRequest, organisation: Organisation, **extra: Any) -> dict[str, Any]:
    return {
        "organisation": organisation,
        "contacts": list(organisation.contacts.select_related("user").order_by("-is_primary", "name")),
        "networks": list(organisation.networks.order_by("cidr")),
        "domains": list(organisation.domains.order_by("domain")),
        "can_manage": access.can_manage_organisation(request.user, organisation),
        "network_form": NetworkForm(),
        "domain_form": DomainForm(),
        **extra,
    }


@login_required
def show_organisation(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.access_organisation(request.user, slug)
    coordinates = organisation.coordinates.filter(country=organisation.country).exists()
    return render(
        request,
        "members/organisation.html",
        _organisation_context(
            request,
            organisation,
            is_national_coordinator=coordinates,
            may_designate=access.is_secretariat(request.user)
            and not coordinates
            and organisation in queries.coordinator_candidates(request.user),
        ),
    )


@login_required
def edit_organisation(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.access_organisation(request.user, slug, write=True)
    secretariat = access.is_secretariat(request.user)
    form = OrganisationForm(request.POST or None, organisation=organisation, secretariat=secretariat)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = actions.do_update_organisation(request.user, organisation, form.cleaned_data)
        except actions.MembersError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The profile is saved.")
            return redirect("members:show-organisation", slug=organisation.slug)
    return render(request, "members/organisation_form.html", {"organisation": organisation, "form": form})


def _networks_response(request: HttpRequest, organisation: Organisation, **extra: Any) -> HttpResponse:
    if _is_htmx(request):
        return render(
            request, "members/partials/networks.html", _organisation_context(request, organisation, **extra)
        )
    if extra.get("error"):
        messages.error(request, extra["error"])
    return redirect("members:show-organisation", slug=organisation.slug)


@login_required
@require_POST
def add_network(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.access_organisation(request.user, slug, write=True)
    form = NetworkForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            actions.do_add_network(request.user, organisation, form.cleaned_data["cidr"])
        except actions.MembersError as exc:
            error = str(exc)
    else:
        error = " ".join(form.errors.get("cidr", []))
    return _networks_response(request, organisation, error=error)


@login_required
@require_POST
def remove_network(request: HttpRequest, pk: int) -> HttpResponse:
    network = access.access_network(request.user, pk)
    actions.do_remove_network(request.user, network)
    return _networks_response(request, network.organisation)


@login_required
@require_POST
def add_domain(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.access_organisation(request.user, slug, write=True)
    form = DomainForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            actions.do_add_domain(request.user, organisation, form.cleaned_data["domain"])
        except actions.MembersError as exc:
            error = str(exc)
    else:
        error = " ".join(form.errors.get("domain", []))
    return _networks_response(request, organisation, error=error)


@login_required
@require_POST
def remove_domain(request: HttpRequest, pk: int) -> HttpResponse:
    domain = access.access_domain(request.user, pk)
    actions.do_remove_domain(request.user, domain)
    return _networks_response(request, domain.organisation)


# --- points of contact -------------------------------------------------------------------------------------


@login_required
def add_contact(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.access_organisation(request.user, slug, write=True)
    form = NewContactForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        primary = fields.pop("primary")
        try:
            contact = actions.do_add_contact(request.user, organisation, fields, primary=primary)
        except actions.MembersError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{contact.name} is now a point of contact.")
            return redirect("members:show-organisation", slug=organisation.slug)
    return render(request, "members/contact_form.html", {"organisation": organisation, "form": form})


@login_required
def edit_contact(request: HttpRequest, pk: int) -> HttpResponse:
    contact = access.access_contact(request.user, pk, write=True)
    organisation = contact.organisation
    initial = {name: getattr(contact, name) for name in ContactForm.base_fields}
    form = ContactForm(request.POST or None, organisation=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_contact(request.user, contact, form.cleaned_data)
        except actions.MembersError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The point of contact is saved.")
            return redirect("members:show-organisation", slug=organisation.slug)
    return render(
        request, "members/contact_form.html", {"organisation": organisation, "form": form, "contact": contact}
    )


def _contacts_response(request: HttpRequest, organisation: Organisation, error: str = "") -> HttpResponse:
    if _is_htmx(request):
        return render(
            request,
            "members/partials/contacts.html",
            _organisation_context(request, organisation, error=error),
        )
    if error:
        messages.error(request, error)
    return redirect("members:show-organisation", slug=organisation.slug)


@login_required
@require_POST
def make_primary_contact(request: HttpRequest, pk: int) -> HttpResponse:
    contact = access.access_contact(request.user, pk, write=True)
    actions.do_make_primary_contact(request.user, contact)
    return _contacts_response(request, contact.organisation)


@login_required
@require_POST
def remove_contact(request: HttpRequest, pk: int) -> HttpResponse:
    contact: PointOfContact = access.access_contact(request.user, pk, write=True)
    try:
        actions.do_remove_contact(request.user, contact)
    except actions.MembersError as error:
        return _contacts_response(request, contact.organisation, str(error))
    return _contacts_response(request, contact.organisation)


# --- users of an organisation -----------------------------------------------------------------------------


def _users_page(request: HttpRequest, organisation: Organisation, **extra: Any) -> HttpResponse:
    secretariat = access.is_secretariat(request.user)
    users = access.users_manageable_by(request.user, organisation).order_by("-is_active", "username")
    return render(
        request,
        "members/users.html",
        {
            "organisation": organisation,
            "users": users,
            "invite_form": InviteForm(secretariat=secretariat),
            "role_choices": RoleForm(secretariat=secretariat).fields["role"].choices,  # type: ignore[attr-defined]
            **extra,
        },
    )


@login_required
def list_users(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.access_organisation(request.user, slug, write=True)
    return _users_page(request, organisation)


@login_required
@require_POST
def invite_user(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.access_organisation(request.user, slug, write=True)
    form = InviteForm(request.POST, secretariat=access.is_secretariat(request.user))
    if form.is_valid():
        try:
            invitation = actions.check_invite_user(
                request.user, organisation, **form.cleaned_data, base_url=_base_url(request)
            )
        except actions.MembersError as error:
            form.add_error(None, str(error))
        else:
            return render(
                request, "members/user_invited.html", {"organisation": organisation, "invitation": invitation}
            )
    return _users_page(request, organisation, invite_form=form)


@login_required
@require_POST
def change_user_role(request: HttpRequest, pk: int) -> HttpResponse:
    user = access.access_user(request.user, pk)
    form = RoleForm(request.POST, secretariat=access.is_secretariat(request.user))
    if not form.is_valid():
        messages.error(request, "Choose one of the roles offered.")
    else:
        try:
            actions.check_change_user_role(request.user, user, form.cleaned_data["role"])
        except actions.MembersError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{user.username} is now {user.get_role_display()}.")
    return _back_to_users(user)


def _back_to_users(user: Any) -> HttpResponse:
    if user.organisation is None:
        return redirect("members:directory")
    return redirect("members:list-users", slug=user.organisation.slug)


@login_required
@require_POST
def deactivate_user(request: HttpRequest, pk: int) -> HttpResponse:
    user = access.access_user(request.user, pk)
    try:
        actions.check_deactivate_user(request.user, user)
    except actions.MembersError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{user.username} can no longer sign in.")
    return _back_to_users(user)


@login_required
@require_POST
def reactivate_user(request: HttpRequest, pk: int) -> HttpResponse:
    user = access.access_user(request.user, pk)
    try:
        actions.check_reactivate_user(request.user, user)
    except actions.MembersError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{user.username} can sign in again.")
    return _back_to_users(user)


def set_password(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The one-time link of a new account (Django's password-reset token): choose a password."""
    user = access.access_user_by_set_password_token(uidb64, token)
    if user is None:
        return render(request, "members/set_password.html", {"valid": False}, status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_set_password(user, form.cleaned_data["new_password1"])
        messages.success(request, f"Your password is set. Sign in as {user.username}.")
        return redirect("accounts:login")
    return render(request, "members/set_password.html", {"valid": True, "form": form, "account": user})


# --- national coordination ---------------------------------------------------------------------------------


@login_required
def list_coordinators(request: HttpRequest) -> HttpResponse:
    secretariat = access.is_secretariat(request.user)
    form = DesignateForm(candidates=queries.coordinator_candidates(request.user)) if secretariat else None
    return render(
        request,
        "members/coordinators.html",
        {"designations": queries.national_coordinators(request.user), "form": form},
    )


@login_required
@require_POST
def designate_coordinator(request: HttpRequest) -> HttpResponse:
    access.require_secretariat(request.user)
    form = DesignateForm(request.POST, candidates=queries.coordinator_candidates(request.user))
    if not form.is_valid():
        messages.error(request, "Choose an active enforcement agency or government body.")
    else:
        try:
            designation = actions.do_designate_national_coordinator(
                request.user, form.cleaned_data["organisation"]
            )
        except actions.MembersError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, f"{designation.organisation} is the national coordinator of {designation.country}."
            )
    return redirect("members:list-coordinators")


@login_required
@require_POST
def remove_coordinator(request: HttpRequest, country: str) -> HttpResponse:
    access.require_secretariat(request.user)
    try:
        actions.do_remove_national_coordinator(request.user, country)
    except actions.MembersError as error:
        messages.error(request, str(error))
    return redirect("members:list-coordinators")


# --- membership applications: the applicant's side (public) ----------------------------------------------


def submit_application(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = actions.do_submit_application(
                form.application_fields(), base_url=_base_url(request)
            )
        except actions.MembersError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                "Thank you: your application is with the secretariat. We have mailed you the link to this "
                "page; keep it to follow your application.",
            )
            return redirect("members:track-application", token=access.application_token(application))
    return render(request, "members/apply.html", {"form": form})


def _applicant_page(
    request: HttpRequest, application: MembershipApplication, token: str, **extra: Any
) -> HttpResponse:
    events = allowed_events(application.status, Party.APPLICANT)
    return render(
        request,
        "members/application_status.html",
        {
            "application": application,
            "token": token,
            "history": application.events.exclude(kind="submit").order_by("at", "id"),
            "may_answer": "provide_information" in events,
            "may_withdraw": "withdraw" in events,
            "answer_form": MessageForm(),
            **extra,
        },
    )


def track_application(request: HttpRequest, token: str) -> HttpResponse:
    application = access.access_application_by_token(token)
    return _applicant_page(request, application, token)


@require_POST
def answer_application(request: HttpRequest, token: str) -> HttpResponse:
    application = access.access_application_by_token(token)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            actions.do_provide_information(
                application, form.cleaned_data["message"], base_url=_base_url(request)
            )
        except actions.MembersError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Thank you: the secretariat has your answer.")
            return redirect("members:track-application", token=token)
    return _applicant_page(request, application, token, answer_form=form)


@require_POST
def withdraw_application(request: HttpRequest, token: str) -> HttpResponse:
    application = access.access_application_by_token(token)
    try:
        actions.do_withdraw_application(application)
    except actions.MembersError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your application is withdrawn.")
    return redirect("members:track-application", token=token)


# --- membership applications: the secretariat's side -------------------------------------------------------


@login_required
def list_applications(request: HttpRequest) -> HttpResponse:
    access.require_secretariat(request.user)
    status = request.GET.get("status", "open")
    applications = access.applications_visible_to(request.user)
    if status == "open":
        applications = applications.filter(
            status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFORMATION_REQUESTED]
        )
    elif status in ApplicationStatus.values:
        applications = applications.filter(status=status)
    return render(
        request,
        "members/applications.html",
        {"applications": applications, "status": status, "statuses": ApplicationStatus.choices},
    )


def _review_page(request: HttpRequest, application: MembershipApplication, **extra: Any) -> HttpResponse:
    events = allowed_events(application.status, Party.SECRETARIAT)
    return render(
        request,
        "members/application_review.html",
        {
            "application": application,
            "history": application.events.select_related("actor").order_by("at", "id"),
            "may_approve": "approve" in events,
            "may_request_information": "request_information" in events,
            "may_decline": "decline" in events,
            "request_form": extra.pop("request_form", MessageForm()),
            "decline_form": extra.pop("decline_form", MessageForm()),
            **extra,
        },
    )


@login_required
def review_application(request: HttpRequest, pk: int) -> HttpResponse:
    return _review_page(request, access.access_application(request.user, pk))


@login_required
@require_POST
def approve_application(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.access_application(request.user, pk)
    try:
        approval = actions.do_approve_application(request.user, application, base_url=_base_url(request))
    except actions.MembersError as error:
        messages.error(request, str(error))
        return redirect("members:review-application", pk=pk)
    # rendered, not redirected: the set-password link is shown once and kept nowhere else
    return render(request, "members/application_approved.html", {"approval": approval})


@login_required
@require_POST
def request_information(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.access_application(request.user, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            actions.do_request_information(
                request.user, application, form.cleaned_data["message"], base_url=_base_url(request)
            )
        except actions.MembersError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "The applicant has been asked.")
        return redirect("members:review-application", pk=pk)
    return _review_page(request, application, request_form=form)


@login_required
@require_POST
def decline_application(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.access_application(request.user, pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            actions.do_decline_application(request.user, application, form.cleaned_data["message"])
        except actions.MembersError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "The application is declined; the applicant has been told why.")
        return redirect("members:review-application", pk=pk)
    return _review_page(request, application, decline_form=form)


# --- sector resources -----------------------------------------------------------------------------------------


@login_required
def list_resources(request: HttpRequest) -> HttpResponse:
    resources = access.resources_visible_to(request.user)
    sector = request.GET.get("sector", "")
    if sector in Sector.values:
        resources = resources.filter(sector=sector)
    return render(
        request,
        "members/resources.html",
        {
            "resources": resources,
            "sector": sector,
            "sectors": Sector.choices,
            "may_add": access.can_add_resources(request.user),
            "editable": {r.pk for r in resources if access.can_edit_resource(request.user, r)},
        },
    )


@login_required
def add_resource(request: HttpRequest) -> HttpResponse:
    if not access.can_add_resources(request.user):
        raise PermissionDenied("industry members keep the sector resources")
    form = ResourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_add_resource(request.user, form.cleaned_data)
        except actions.MembersError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The resource is added.")
            return redirect("members:list-resources")
    return render(request, "members/resource_form.html", {"form": form})


@login_required
def edit_resource(request: HttpRequest, pk: int) -> HttpResponse:
    resource = access.access_resource(request.user, pk, write=True)
    initial = {name: getattr(resource, name) for name in ResourceForm.base_fields}
    form = ResourceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_resource(request.user, resource, form.cleaned_data)
        except actions.MembersError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The resource is saved.")
            return redirect("members:list-resources")
    return render(request, "members/resource_form.html", {"form": form, "resource": resource})


@login_required
@require_POST
def delete_resource(request: HttpRequest, pk: int) -> HttpResponse:
    resource = access.access_resource(request.user, pk, write=True)
    actions.do_delete_resource(request.user, resource)
    messages.success(request, "The resource is removed.")
    return redirect("members:list-resources")
