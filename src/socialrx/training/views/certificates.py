"""Certificates: the public verification page and its lookup form, the PDF, a person's own
certificates, and the staff's list with revocation."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from socialrx.core.errors import DomainError
from socialrx.core.forms import Form
from socialrx.core.pagination import paginate, querystring_without_page
from socialrx.core.pdf_downloads import limits_pdf_downloads
from socialrx.core.permissions import require
from socialrx.core.requests import client_ip

from ..models import Certificate
from ..pdf import certificate_pdf as render_certificate_pdf
from ..selectors import certificates as selectors
from ..services import certificates as services


class LookupForm(Form):
    code = forms.CharField(
        label="Certificate code",
        max_length=100,
        required=False,
        help_text="As printed on the certificate, for example SRX-7K2M-QX9D-4HTP.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class StaffSearchForm(Form):
    q = forms.CharField(
        label="Code, name, email or title", max_length=200, required=False, strip=True
    )
    state = forms.ChoiceField(
        label="Status", choices=selectors.CertificateState.CHOICES, required=False
    )


class RevokeForm(Form):
    reason = forms.CharField(
        label="Reason for revoking",
        max_length=services.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _noindex(response: HttpResponse) -> HttpResponse:
    """The verification pages answer people holding a code; search engines list none."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _lookup_refused(request, form: LookupForm) -> HttpResponse | None:
    """Count the lookup; the page saying so (429) when this address made too many."""
    try:
        services.note_lookup(client_ip(request))
    except services.TooManyLookups as error:
        response = render(
            request,
            "training/certificates/verify_limited.html",
            {"message": error.message, "form": form},
            status=429,
        )
        response["Retry-After"] = "60"
        return _noindex(response)
    return None


def _not_found(request, form: LookupForm) -> HttpResponse:
    """One answer for an unknown, forged or malformed code alike."""
    return _noindex(
        render(
            request,
            "training/certificates/verify_not_found.html",
            {"message": selectors.NO_SUCH_CERTIFICATE, "form": form},
            status=404,
        )
    )


@require_GET
@never_cache
def certificate_lookup(request):
    """The small form: a code typed from paper goes to its verification page."""
    form = LookupForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid() and form.cleaned_data["code"]:
        code = services.normalise_code(form.cleaned_data["code"])
        if code:
            return redirect("training:certificate_verify", code=code)
        return _lookup_refused(request, form) or _not_found(request, form)
    if form.is_bound and not form.is_valid():
        return _lookup_refused(request, LookupForm()) or _not_found(request, LookupForm())
    return _noindex(render(request, "training/certificates/lookup.html", {"form": LookupForm()}))


@require_GET
@never_cache
def certificate_verify(request, code: str):
    """VALID or REVOKED, for whom, for what and when; 404 for any code that names none."""
    form = LookupForm(initial={"code": code[:100]})
    refused = _lookup_refused(request, form)
    if refused is not None:
        return refused
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        return _not_found(request, form)
    return _noindex(
        render(
            request,
            "training/certificates/verify.html",
            {
                "certificate": certificate,
                "issuer": selectors.ISSUER,
                "verify_url": services.verification_url(certificate.code),
                "form": LookupForm(),
            },
        )
    )


@login_required
@limits_pdf_downloads
def certificate_pdf(request, public_id):
    """The certificate as a PDF, for its holder and center staff; refused once revoked."""
    certificate = selectors.certificate_for(request.user, public_id)
    if not certificate.is_valid:
        return render(
            request,
            "training/certificates/revoked_pdf.html",
            {"certificate": certificate},
            status=410,
        )
    response = HttpResponse(render_certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="SocialRx-certificate-{certificate.code}.pdf"'
    )
    return response


@login_required
def my_certificates(request):
    return render(
        request,
        "training/certificates/mine.html",
        {"certificates": selectors.certificates_of(request.user)},
    )


@login_required
def staff_certificates(request):
    require(request.user, "training.revoke_certificate")
    form = StaffSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    found = selectors.staff_certificates(query=filters.get("q", ""), state=filters.get("state", ""))
    return render(
        request,
        "training/certificates/staff_list.html",
        {
            "form": form,
            "page": paginate(request, found),
            "querystring": querystring_without_page(request),
            "reason_max_length": services.REASON_MAX_LENGTH,
        },
    )


@login_required
@require_POST
def staff_certificate_revoke(request, public_id):
    require(request.user, "training.revoke_certificate")
    certificate = get_object_or_404(Certificate, public_id=public_id)
    back = reverse("training:staff_certificates") + "?" + urlencode({"q": certificate.code})
    form = RevokeForm(request.POST)
    if not form.is_valid():
        reason_errors = form.errors.get("reason") or ["Say why the certificate is revoked."]
        messages.error(
            request, f"Certificate {certificate.code} was not revoked: {reason_errors[0]}"
        )
        return redirect(back)
    try:
        services.revoke_certificate(
            actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
        )
    except DomainError as error:
        messages.error(request, f"Certificate {certificate.code}: {error.message}")
    else:
        messages.success(
            request,
            f"Certificate {certificate.code} of {certificate.recipient_name} is revoked; "
            "its page now says so and its holder was emailed.",
        )
    return redirect(back)
