"""The center staff's registry back office: imports, claims and corrections to review."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialrx.core.errors import DomainError, NotFound, add_error_to_form
from socialrx.core.pagination import paginate
from socialrx.core.permissions import require

from ..forms import DecisionForm, ImportUploadForm
from ..importing import runner
from ..importing.layouts import LAYOUTS
from ..models import Claim, ClaimStatus, Correction, CorrectionStatus, ImportPhase, ImportStatus
from ..selectors import reviews
from ..services import claims as claim_services
from ..services import corrections as correction_services
from ..services import imports as import_services


@login_required
@require_http_methods(["GET", "POST"])
def imports(request):
    require(request.user, "registry.manage_imports")
    form = ImportUploadForm()
    status = 200
    if request.method == "POST":
        form, status, job = _upload(request)
        if job is not None:
            return redirect("registry:staff_import", job.public_id)
    return render(
        request,
        "registry/staff/imports.html",
        {
            "form": form,
            "page": paginate(request, reviews.import_jobs()),
            "layouts": LAYOUTS.values(),
            "max_mb": settings.REGISTRY_IMPORT_MAX_BYTES // (1024 * 1024),
            "counts": reviews.pending_counts(),
        },
        status=status,
    )


def _upload(request):
    """(form, status, job): an oversize body is refused before it is read."""
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    try:
        import_services.check_upload_size(declared)
    except DomainError as error:
        form = ImportUploadForm()
        form.add_error(None, error.message)
        return form, 413, None
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return form, 400, None
    try:
        job = import_services.upload_import(
            actor=request.user,
            kind=form.cleaned_data["kind"],
            uploaded_file=form.cleaned_data["file"],
        )
    except DomainError as error:
        add_error_to_form(form, error)
        return form, 413 if error.code == "too_large" else 400, None
    return form, 200, job


def _job(request, job_id):
    require(request.user, "registry.manage_imports")
    job = reviews.import_job(job_id)
    if job is None:
        raise NotFound("No such import.")
    return job


@login_required
@require_GET
def import_detail(request, job_id):
    job = _job(request, job_id)
    phase = ImportPhase.IMPORT if job.status == ImportStatus.DONE else ImportPhase.PREVIEW
    return render(
        request,
        "registry/staff/import_detail.html",
        {
            "job": job,
            "layout": LAYOUTS[job.kind],
            "progress": runner.read_progress(import_services.progress_key(job)),
            "errors": list(reviews.row_errors(job, phase)[:200]),
            "counts": job.result_counts if job.status == ImportStatus.DONE else job.preview_counts,
        },
    )


@login_required
@require_GET
def import_progress(request, job_id):
    """The progress panel alone, polled by htmx every second while the job runs."""
    job = _job(request, job_id)
    response = render(
        request,
        "registry/staff/_import_progress.html",
        {"job": job, "progress": runner.read_progress(import_services.progress_key(job))},
    )
    if not job.is_running and request.htmx:
        response["HX-Refresh"] = "true"  # finished: show the whole page with its summary
    return response


@login_required
@require_POST
def start_import(request, job_id):
    job = _job(request, job_id)
    try:
        job = import_services.start_import(actor=request.user, job=job)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        job.refresh_from_db()
        if job.status == ImportStatus.DONE:
            messages.success(request, f"{job.original_name} was imported.")
        elif job.status == ImportStatus.FAILED:
            messages.error(request, job.problem)
    return redirect("registry:staff_import", job.public_id)


@login_required
@require_GET
def claims(request):
    require(request.user, "registry.review_claims")
    status = request.GET.get("status", ClaimStatus.PENDING)
    if status not in ClaimStatus.values:
        status = ClaimStatus.PENDING
    return render(
        request,
        "registry/staff/claims.html",
        {
            "page": paginate(request, reviews.claims_for_review(status)),
            "status": status,
            "statuses": ClaimStatus.choices,
            "counts": reviews.pending_counts(),
            "querystring": f"status={status}",
        },
    )


def _decide(request, model, public_id, decide, success: str, back: str):
    target = model.objects.filter(public_id=public_id).first()
    if target is None:
        raise NotFound("Not found.")
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        decide(actor=request.user, note=note, **{model._meta.model_name: target})
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(back)


@login_required
@require_POST
def approve_claim(request, claim_id):
    require(request.user, "registry.review_claims")
    return _decide(
        request,
        Claim,
        claim_id,
        claim_services.approve_claim,
        "The claim is verified; the claimant was emailed.",
        "registry:staff_claims",
    )


@login_required
@require_POST
def reject_claim(request, claim_id):
    require(request.user, "registry.review_claims")
    return _decide(
        request,
        Claim,
        claim_id,
        claim_services.reject_claim,
        "The claim was not verified; the claimant was emailed.",
        "registry:staff_claims",
    )


@login_required
@require_GET
def corrections(request):
    require(request.user, "registry.review_corrections")
    status = request.GET.get("status", CorrectionStatus.PENDING)
    if status not in CorrectionStatus.values:
        status = CorrectionStatus.PENDING
    return render(
        request,
        "registry/staff/corrections.html",
        {
            "page": paginate(request, reviews.corrections_for_review(status)),
            "status": status,
            "statuses": CorrectionStatus.choices,
            "counts": reviews.pending_counts(),
            "querystring": f"status={status}",
        },
    )


@login_required
@require_POST
def accept_correction(request, correction_id):
    require(request.user, "registry.review_corrections")
    return _decide(
        request,
        Correction,
        correction_id,
        correction_services.accept_correction,
        "The correction was made.",
        "registry:staff_corrections",
    )


@login_required
@require_POST
def decline_correction(request, correction_id):
    require(request.user, "registry.review_corrections")
    return _decide(
        request,
        Correction,
        correction_id,
        correction_services.decline_correction,
        "The suggestion was declined.",
        "registry:staff_corrections",
    )
