"""Domain errors and how forms show them."""

import pytest
from django import forms
from django.http import Http404

from socialrx.core.errors import Conflict, DomainError, NotFound, add_error_to_form

pytestmark = pytest.mark.unit


class _InviteForm(forms.Form):
    email = forms.CharField()


def test_a_refusal_about_a_field_is_shown_beside_it():
    form = _InviteForm({"email": "dana@example.org"})
    form.is_valid()

    add_error_to_form(form, DomainError("Already a member.", field="email"))

    assert form.errors == {"email": ["Already a member."]}


@pytest.mark.parametrize("field", [None, "roles"], ids=["no field", "field not on the form"])
def test_a_refusal_about_nothing_on_the_form_is_shown_above_it(field):
    form = _InviteForm({"email": "dana@example.org"})
    form.is_valid()

    add_error_to_form(form, DomainError("This invitation was revoked.", field=field))

    assert form.non_field_errors() == ["This invitation was revoked."]


def test_not_found_is_a_404_with_its_own_code():
    error = NotFound("Organization not found.")

    assert isinstance(error, Http404)
    assert (error.status_code, error.code, error.message, error.field) == (
        404,
        "not_found",
        "Organization not found.",
        None,
    )


def test_domain_errors_carry_their_http_status():
    assert (DomainError("x").status_code, Conflict("x").status_code) == (400, 409)
