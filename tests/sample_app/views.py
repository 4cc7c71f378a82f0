from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from socialrx.core.permissions import require


@login_required
def reading_list(request):
    require(request.user, "sample_app.view_reading_list")
    return HttpResponse("Reading list")


@login_required
def org_reading(request, public_id):
    return HttpResponse("Organization reading list")
