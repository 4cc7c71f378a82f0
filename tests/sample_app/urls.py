from django.urls import path

from . import views

app_name = "sample_app"
urlpatterns = [
    path("reading/", views.reading_list, name="reading_list"),
    path("reading/<uuid:public_id>/", views.org_reading, name="org_reading"),
]
