"""The toolkit's home: the four tools, and why a champion needs them."""

from django.urls import path

from ..views import home

urlpatterns = [path("toolkit/", home.home, name="home")]
