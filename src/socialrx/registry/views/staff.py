"""The center staff's registry back office: imports, claims and corrections to review."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
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

# Room in a request body for the form's other field and the multipart boundaries.
_FORM_OVERHEAD_BYTES = 64 * 1024


# CSRF is checked inside, once the size is known to be acceptable: the CSRF middleware reads
# the request body to find its token, which for an upload means receiving the whole file.
@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def imports(request):
    require(request.user, "registry.manage_imports")
    if request.method == "POST":
        refusal = _declared_size_refusal(request)
        if refusal:
            return _imports_page(request, _refused_form(refusal), status=413)
    return _imports_checked(request)


@csrf_protect
def _imports_checked(request):
    form, status = ImportUploadForm(), 200
    if request.method == "POST":
        form, status, job = _upload(request)
        if job is not None:
            return redirect("registry:staff_import", job.public_id)
    return _imports_page(request, form, status=status)


def _imports_page(request, form, *, status: int):
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


def _declared_size_refusal(request) -> str:
    """Why the body is too large to hold an acceptable file, told from its declared length
    before any of it is read; "" when it may be."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:  # Django itself reads a malformed length as no body
        declared = 0
    try:
        import_services.check_upload_size(declared, allowance=_FORM_OVERHEAD_BYTES)
    except DomainError as error:
        return error.message
    return ""


def _refused_form(message: str) -> ImportUploadForm:
    """An empty upload form showing `message` above its fields. It is not bound to the request
    (that would read the body being refused), and Django's add_error expects a cleaned form."""
    form = ImportUploadForm()
    form.cleaned_data = {}
    form.add_error(None, message)
    return form


def _upload(request):
    """(form, status, job): the file's own size is checked by the service."""
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
    counts = job.result_counts if job.status == ImportStatus.DONE else job.preview_counts
    ignored = job.preview_counts.get("ignored_columns", [])
    return render(
        request,
        "registry/staff/import_detail.html",
        {
            "job": job,
            "layout": LAYOUTS[job.kind],
            "progress": runner.read_progress(import_services.progress_key(job)),
            "stalled": import_services.is_stalled(job),
            "errors": list(reviews.row_errors(job, phase)[:200]),
            "counts": counts,
            # Every row the import keeps: new, updated and unchanged (only rejected ones go).
            "kept": sum(counts.get(name, 0) for name in ("created", "updated", "unchanged")),
            "ignored_columns": ignored,
            "more_ignored": job.preview_counts.get("ignored_column_count", 0) - len(ignored),
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
@require_POST
def abandon_import(request, job_id):
    job = _job(request, job_id)
    try:
        import_services.abandon_import(actor=request.user, job=job)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The import is marked failed: upload the file again.")
    return redirect("registry:staff_import", job.public_id)


@login_required
@require_GET
def claims(request):
    require(request.user, "registry.review_claims")
    return _queue(request, "registry/staff/claims.html", ClaimStatus, reviews.claims_for_review)


def _queue(request, template: str, statuses, items):
    """A review queue (claims, corrections) filtered by status, pending first by default."""
    status = request.GET.get("status", statuses.PENDING)
    if status not in statuses.values:
        status = statuses.PENDING
    return render(
        request,
        template,
        {
            "page": paginate(request, items(status)),
            "status": status,
            "statuses": statuses.choices,
            "counts": reviews.pending_counts(),
            "querystring": f"status={status}",
        },
    )


def _decide(request, model, public_id, decide, success: str, back: str):
    target = model.objects.filter(public_id=public_id).first()
    if target is None:
        raise NotFound("Not found.")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        # Deciding without the note staff typed (too long for the form) would lose it.
        messages.error(request, f"Note: {' '.join(form.errors.get('note', []))}")
        return redirect(back)
    try:
        decide(
            actor=request.user, note=form.cleaned_data["note"], **{model._meta.model_name: target}
        )
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
    return _queue(
        request, "registry/staff/corrections.html", CorrectionStatus, reviews.corrections_for_review
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
