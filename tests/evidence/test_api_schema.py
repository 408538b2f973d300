"""The REST API publishes its OpenAPI schema, and the schema names the evidence endpoints."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_the_openapi_schema_is_published_and_describes_the_evidence_endpoints(client: Client) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "lapnet API"
    assert {"/api/evidence", "/api/evidence/{evidence_id}", "/api/indicators"} <= set(schema["paths"])
    assert "post" in schema["paths"]["/api/evidence"]


@pytest.mark.django_db
def test_the_api_refuses_requests_without_a_token(client: Client) -> None:
    assert client.get("/api/indicators", {"value": "example.com"}).status_code == 401
