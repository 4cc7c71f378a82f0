"""Shared fixtures. Browser fixtures live in tests/e2e/conftest.py."""

import hashlib
import os

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from tests.factories import (
    CoachFactory,
    ResearcherFactory,
    SeatFactory,
    StaffFactory,
    UserFactory,
    give_mfa,
    org_with_admin,
)

# Playwright's sync API runs an event loop in the test thread; Django's guard against ORM
# calls from async contexts would otherwise refuse the live server's test database access.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _tasks_run_inline():
    """With REDIS_URL set (as in CI) Celery would queue to a broker no worker reads; tests run
    tasks inline, after commit, exactly as the default (no broker) configuration does."""
    from socialrx.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def _emptying_by_delete(original):
    """PostgreSQL's flush as one DELETE per table instead of one TRUNCATE of all of them.

    Transactional tests (browser journeys, concurrency tests) end with a flush. TRUNCATE gives
    each of the ~160 tables new files on disk and took 1.5-2.5 s a test; deleting the few rows a
    test wrote takes about 0.2 s. The tables end just as empty: Django creates PostgreSQL's
    foreign keys DEFERRABLE INITIALLY DEFERRED, so the order of the deletes does not matter
    inside the flush's transaction. Only the test suite's flush is changed."""

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return original(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        deletes = [f"DELETE FROM {self.quote_name(table)};" for table in tables]
        return ["SET CONSTRAINTS ALL DEFERRED;", *deletes]

    return sql_flush


@pytest.fixture(autouse=True, scope="session")
def _flush_by_delete_on_postgresql():
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush
    DatabaseOperations.sql_flush = _emptying_by_delete(original)
    yield
    DatabaseOperations.sql_flush = original


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests create many people: hash their passwords cheaply (sign-in still works)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_redis_database(settings, worker_id):
    """With Redis (as in CI) each test worker uses its own Redis database: clearing the cache
    (or a rate limit) in one worker must not touch another worker's running test."""
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        return
    worker = int(worker_id.removeprefix("gw")) if worker_id.startswith("gw") else 0
    # Another test run on the same Redis (a developer's, beside CI) lands on other databases.
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID", str(os.getpid()))
    offset = int(hashlib.sha256(run.encode()).hexdigest(), 16) % 5 * 3
    number = 1 + (offset + worker) % 15
    location = settings.CACHES["default"]["LOCATION"].rsplit("/", 1)[0]
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": f"{location}/{number}"}
    }


@pytest.fixture(autouse=True)
def _clean_cache(_own_redis_database):
    """Rate limits and caches live in the cache: every test starts from an empty one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _pages_drawn_by_their_views(settings):
    """Tests see every page drawn by its view (they read what the view put in the context), not
    the copy the page cache keeps for anonymous visitors; tests/core/test_pagecache.py and
    tests/registry/test_page_cache.py turn the cache on where they test it."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True, scope="session")
def _private_files_in_tmp(tmp_path_factory):
    """Private uploads (lesson video and audio, captions, library files) go to a throw-away
    directory, not the project's var/private. A FileField resolves its storage when the model
    loads, so the storage is replaced on the fields themselves for the whole session."""
    from django.core.files.storage import FileSystemStorage

    from socialrx.library.models import ResourceFile
    from socialrx.training.models import LessonMedia

    storage = FileSystemStorage(location=str(tmp_path_factory.mktemp("private")))
    fields = [LessonMedia._meta.get_field(name) for name in ("file", "captions")]
    fields.append(ResourceFile._meta.get_field("file"))
    kept = [field.storage for field in fields]
    for field in fields:
        field.storage = storage
    yield storage
    for field, original in zip(fields, kept, strict=True):
        field.storage = original


@pytest.fixture(autouse=True)
def _shared_vocabulary_after_a_flush(request):
    """Transactional tests (browser journeys, concurrency tests) run on a database that is
    emptied after each of them, rows of data migrations included: the topics and platforms
    every catalogue uses are put back before such a test."""
    marker = request.node.get_closest_marker("django_db")
    if not (
        {"transactional_db", "live_server"} & set(request.fixturenames)
        or (marker is not None and marker.kwargs.get("transaction"))
    ):
        return
    request.getfixturevalue("transactional_db")
    from socialrx.library.audiences import load as load_audiences
    from socialrx.library.models import Audience
    from socialrx.taxonomy.models import Platform, Topic
    from socialrx.taxonomy.vocabulary import load

    load(Topic, Platform)
    load_audiences(Audience)


@pytest.fixture(autouse=True)
def _import_files_in_tmp(settings, tmp_path_factory):
    """Uploaded registry import files go to a throw-away directory, not the project's var/."""
    settings.REGISTRY_IMPORT_DIR = tmp_path_factory.mktemp("imports")


# model -> the rows `demo_small` made, as value tuples of its concrete fields
_DEMO_SMALL_ROWS: dict = {}


@pytest.fixture
def demo_small(db):
    """The small demo (`socialrx seed-demo --profile small`: the demo organizations and people
    of every role, 40 hospitals) in this test's transaction, rolled back after it.

    Seeded once per test session (per xdist worker): the first test that asks seeds it and
    keeps a copy of every row the seeding made; later tests get those rows inserted as they
    were (pks, timestamps), which is much faster than seeding. The rows never stay in the
    database, so tests that assume an empty one (`Invoice.objects.count() == 0`) are
    unaffected."""
    if _DEMO_SMALL_ROWS:
        with connection.cursor() as cursor:
            for model, rows in _DEMO_SMALL_ROWS.items():
                fields = model._meta.concrete_fields
                columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
                cursor.executemany(
                    f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) "
                    f"VALUES ({', '.join(['%s'] * len(fields))})",
                    [
                        [
                            f.get_db_prep_save(v, connection)
                            for f, v in zip(fields, row, strict=True)
                        ]
                        for row in rows
                    ],
                )
            # PostgreSQL's sequences, past the copied pks.
            for sql in connection.ops.sequence_reset_sql(no_style(), list(_DEMO_SMALL_ROWS)):
                cursor.execute(sql)
        return
    tables = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
    before = {m: set(m._base_manager.values_list("pk", flat=True)) for m in tables}
    call_command("seed_demo", profile="small", quiet=True)
    for model in tables:
        names = [field.attname for field in model._meta.concrete_fields]
        rows = list(model._base_manager.exclude(pk__in=before[model]).values_list(*names))
        if rows:
            _DEMO_SMALL_ROWS[model] = rows


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def staff(db):
    person = StaffFactory()
    give_mfa(person)
    return person


@pytest.fixture
def coach(db):
    person = CoachFactory()
    give_mfa(person)
    return person


@pytest.fixture
def researcher(db):
    person = ResearcherFactory()
    give_mfa(person)
    return person


@pytest.fixture
def org_a(db):
    """Organization A with its admin and one member: (org, admin, member)."""
    organization, admin = org_with_admin(name="Riverside Regional Medical Center")
    member = SeatFactory(organization=organization).user
    return organization, admin, member


@pytest.fixture
def org_b(db):
    organization, admin = org_with_admin(name="Lakeside Family Physicians", city="Duluth")
    return organization, admin
