"""Staff's review of members' contributions (`library.manage`): the queue (submitted ones, the
longest waiting first, with counts by status and the latest decisions) and one contribution
read as it would be published, with the decision form (approve with the access chosen,
request changes with a note, reject with a reason). A decision on a contribution no longer
waiting is refused with 409."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.permissions import require

from ..forms_contributions import ReviewForm
from ..models import ResourceReview, ResourceStatus
from ..selectors.contributions import contribution_for_review, review_queue
from ..services.contribution_reviews import DECIDE, AlreadyDecided

PERMISSION = "library.manage"
DONE = {
    ResourceReview.Decision.APPROVED: "“{title}” is published, credited to {organization}.",
    ResourceReview.Decision.CHANGES_REQUESTED: "“{title}” was sent back to {organization} "
    "with your note.",
    ResourceReview.Decision.REJECTED: "“{title}” was rejected; {organization} was told why.",
}


@login_required
def staff_reviews(request):
    require(request.user, PERMISSION)
    return render(request, "library/reviews/queue.html", {"queue": review_queue()})


def _page(request, resource, form, *, status=200):
    return render(
        request,
        "library/reviews/review.html",
        {
            "resource": resource,
            "case_study": getattr(resource, "case_study", None),
            "reviews": list(resource.reviews.all()),
            "form": form,
            "waiting": resource.status == ResourceStatus.SUBMITTED,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_review(request, contribution_id):
    require(request.user, PERMISSION)
    resource = contribution_for_review(contribution_id)
    if request.method == "GET":
        return _page(request, resource, ReviewForm(initial={"access": resource.access}))
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _page(request, resource, form, status=400)
    decision = form.cleaned_data["decision"]
    try:
        resource = DECIDE[decision](
            actor=request.user,
            resource=resource,
            note=form.cleaned_data["note"],
            **(
                {"access": form.cleaned_data["access"]}
                if decision == ResourceReview.Decision.APPROVED
                else {}
            ),
        )
    except AlreadyDecided as conflict:
        return render(
            request,
            "library/reviews/decided_already.html",
            {"resource": resource, "message": conflict.message},
            status=409,
        )
    except DomainError as refusal:
        add_error_to_form(form, refusal)
        return _page(request, resource, form, status=400)
    organization = resource.contributed_by_organization.name
    messages.success(
        request, DONE[decision].format(title=resource.title, organization=organization)
    )
    return redirect("library:staff_reviews")
