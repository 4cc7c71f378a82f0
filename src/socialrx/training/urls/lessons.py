"""Taking a course: lessons, completing them, quizzes and their results."""

from django.urls import path

from ..views import lessons, quizzes

LESSON = "training/courses/<slug:slug>/lessons/<uuid:key>/"

urlpatterns = [
    path(LESSON, lessons.lesson, name="lesson"),
    path(f"{LESSON}complete/", lessons.complete, name="complete_lesson"),
    path(f"{LESSON}attempts/", quizzes.start, name="quiz_start"),
    path(f"{LESSON}attempts/<uuid:attempt>/", quizzes.attempt, name="quiz_attempt"),
]
