"""The network's pages: the directory first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lapnet.members.models import Organisation


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.filter(is_active=True).prefetch_related("contacts")
    return render(request, "members/directory.html", {"organisations": organisations})
