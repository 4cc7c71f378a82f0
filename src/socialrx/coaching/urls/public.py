"""The public coaching page and each listed coach's page."""

from django.urls import path

from ..views import public

urlpatterns = [
    path("coaching/", public.home, name="home"),
    path("coaching/coaches/<slug:slug>/", public.coach, name="coach"),
]
