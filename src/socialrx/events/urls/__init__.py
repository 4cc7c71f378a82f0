"""Events' pages, one module per area, all in the "events" namespace."""

from . import check_in, my_agenda, public, registration, reports, staff_agenda, tickets, waitlist

app_name = "events"

# Fixed paths ("events/my/", "events/orders/…") before "events/<slug>/".
urlpatterns = [
    *tickets.urlpatterns,
    *my_agenda.urlpatterns,
    *waitlist.urlpatterns,
    *registration.urlpatterns,
    *check_in.urlpatterns,
    *reports.urlpatterns,
    *staff_agenda.urlpatterns,
    *public.urlpatterns,
]
