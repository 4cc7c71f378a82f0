"""Course authoring (faculty: `training.author_courses`) and the lesson media files."""

from django.urls import path

from ..views import authoring, authoring_content, authoring_quiz, media

STAFF = "staff/training/courses/"
COURSE = STAFF + "<slug:slug>/"

urlpatterns = [
    path(STAFF, authoring.course_list, name="staff_courses"),
    path(STAFF + "new/", authoring.course_edit, name="staff_course_new"),
    path(COURSE + "edit/", authoring.course_edit, name="staff_course_edit"),
    path(COURSE + "content/", authoring_content.content, name="staff_course_content"),
    path(COURSE + "new-version/", authoring.new_draft, name="staff_course_new_draft"),
    path(COURSE + "publish/", authoring.publish, name="staff_course_publish"),
    path(COURSE + "archive/", authoring.archive, name="staff_course_archive"),
    path(COURSE + "preview/", authoring.preview, name="staff_course_preview"),
    path(COURSE + "modules/", authoring_content.module_add, name="staff_module_add"),
    path(
        COURSE + "modules/<int:module_id>/",
        authoring_content.module_edit,
        name="staff_module_edit",
    ),
    path(
        COURSE + "modules/<int:module_id>/delete/",
        authoring_content.module_delete,
        name="staff_module_delete",
    ),
    path(
        COURSE + "modules/<int:module_id>/move/",
        authoring_content.module_move,
        name="staff_module_move",
    ),
    path(
        COURSE + "modules/<int:module_id>/lessons/",
        authoring_content.lesson_add,
        name="staff_lesson_add",
    ),
    path(
        COURSE + "lessons/<int:lesson_id>/",
        authoring_content.lesson_edit,
        name="staff_lesson_edit",
    ),
    path(
        COURSE + "lessons/<int:lesson_id>/delete/",
        authoring_content.lesson_delete,
        name="staff_lesson_delete",
    ),
    path(
        COURSE + "lessons/<int:lesson_id>/move/",
        authoring_content.lesson_move,
        name="staff_lesson_move",
    ),
    path(
        COURSE + "lessons/<int:lesson_id>/media/",
        authoring_content.media_upload,
        name="staff_media_upload",
    ),
    path(
        COURSE + "lessons/<int:lesson_id>/questions/new/",
        authoring_quiz.question_new,
        name="staff_question_new",
    ),
    path(
        COURSE + "questions/<int:question_id>/",
        authoring_quiz.question_edit,
        name="staff_question_edit",
    ),
    path(
        COURSE + "questions/<int:question_id>/delete/",
        authoring_quiz.question_delete,
        name="staff_question_delete",
    ),
    path(
        COURSE + "questions/<int:question_id>/move/",
        authoring_quiz.question_move,
        name="staff_question_move",
    ),
    path("training/media/<uuid:public_id>/", media.media_file, name="media"),
    path(
        "training/media/<uuid:public_id>/captions.vtt",
        media.media_captions,
        name="media_captions",
    ),
]
