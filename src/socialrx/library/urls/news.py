"""The center's news (public) and staff's news pages."""

from django.urls import path

from socialrx.core.pagecache import visitor_page_cache

from ..freshness import catalogue_version
from ..views import news

urlpatterns = [
    path("news/", visitor_page_cache(news.news, version=catalogue_version), name="news"),
    path("news/<slug:slug>/", news.news_post, name="news_post"),
    path("staff/library/news/", news.staff_news, name="staff_news"),
    # "new/" before "<uuid>/" (a uuid never reads "new", but the order says so).
    path("staff/library/news/new/", news.staff_news_new, name="staff_news_new"),
    path("staff/library/news/<uuid:post_id>/", news.staff_news_edit, name="staff_news_edit"),
]
