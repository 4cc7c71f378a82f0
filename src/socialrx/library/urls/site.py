"""The site's own pages (About, Contact, Privacy, Terms) and staff's pages for them."""

from django.urls import path

from socialrx.core.pagecache import visitor_page_cache

from ..selectors.site import pages_version
from ..views import site

# About, Privacy and Terms are the same for every visitor: served from the page cache until
# staff save a page (Contact holds a form, whose CSRF token is each visitor's own).
cached_page = visitor_page_cache(site.site_page, version=pages_version)

urlpatterns = [
    path("about/", cached_page, {"key": "about"}, name="about"),
    path("contact/", site.contact, name="contact"),
    path("privacy/", cached_page, {"key": "privacy"}, name="privacy"),
    path("terms/", cached_page, {"key": "terms"}, name="terms"),
    # "messages/" before "<key>/" ("messages" is no page's key, but the order says so).
    path("staff/site/messages/", site.staff_contact_messages, name="staff_contact_messages"),
    path("staff/site/<slug:key>/", site.staff_site_page, name="staff_site_page"),
]
