"""The forums' pages under /community/."""

from django.urls import path

from ..views import forums

urlpatterns = [
    path("community/", forums.home, name="home"),
    path("community/search/", forums.search, name="search"),
    path("community/c/<slug:slug>/", forums.category, name="category"),
    path("community/c/<slug:slug>/new/", forums.new_thread, name="new_thread"),
    path("community/c/<slug:slug>/follow/", forums.follow_category, name="follow_category"),
    path("community/t/<uuid:public_id>/", forums.thread, name="thread"),
    path("community/t/<uuid:public_id>/reply/", forums.reply, name="reply"),
    path("community/t/<uuid:public_id>/accept/", forums.accept_answer, name="accept_answer"),
    path("community/t/<uuid:public_id>/follow/", forums.follow_thread, name="follow_thread"),
    path("community/posts/<int:pk>/", forums.post_link, name="post"),
    path("community/posts/<int:pk>/edit/", forums.edit_post, name="edit_post"),
]
