"""My agenda: starring sessions, the private subscription feed and issuing a new link."""

from django.urls import path

from ..views import my_agenda as views

urlpatterns: list = [
    path("events/my/agenda/", views.my_agenda, name="my_agenda"),
    path("events/my/agenda/new-link/", views.agenda_feed_new, name="agenda_feed_new"),
    # No sign-in: the token is the key (a calendar program fetches it).
    path("events/agenda/<str:token>.ics", views.agenda_feed, name="agenda_feed"),
    path(
        "events/<slug:slug>/sessions/<slug:session_slug>/star/",
        views.session_star,
        name="session_star",
    ),
]
