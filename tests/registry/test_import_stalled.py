"""A job whose worker died (restarted, out of memory) stays "importing" forever unless staff
give it up; giving up is refused while it still reports progress, and a worker that comes
back after it was given up cannot land anything."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.registry.importing import runner
from socialrx.registry.models import Entity, ImportJob, ImportStatus
from socialrx.registry.services import imports

pytestmark = pytest.mark.integration

HOSPITALS = (
    b'"Facility ID","Facility Name","City/Town","State"\n'
    b"240999,NORTHFIELD COMMUNITY HOSPITAL,NORTHFIELD,MN\n"
)


@pytest.fixture
def running(staff):
    """A previewed job whose import was started two hours ago."""
    job = ImportJob(
        kind="hospitals", original_name="h.csv", size_bytes=len(HOSPITALS), created_by=staff
    )
    job.file.save("h.csv", ContentFile(HOSPITALS), save=True)
    imports.preview_import(job_id=job.pk)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.IMPORTING, started_at=timezone.now() - timedelta(hours=2)
    )
    cache.delete(imports.progress_key(job))  # its worker died before reporting anything
    job.refresh_from_db()
    return job


def test_a_job_without_progress_for_half_an_hour_is_stalled_and_may_be_given_up(running, staff):
    runner.report_progress(imports.progress_key(running), 0, 1)
    assert imports.is_stalled(running) is False
    cache.delete(imports.progress_key(running))
    assert imports.is_stalled(running) is True

    job = imports.abandon_import(actor=staff, job=running)

    assert (job.status, "upload it again" in job.problem) == (ImportStatus.FAILED, True)
    assert AuditEvent.objects.filter(action="registry.import.abandoned").count() == 1


def test_a_job_reporting_progress_is_not_given_up(running, staff):
    runner.report_progress(imports.progress_key(running), 500, 1000)

    with pytest.raises(DomainError) as refused:
        imports.abandon_import(actor=staff, job=running)

    assert refused.value.message == "This import reported progress 0 minutes ago: it is working."
    running.refresh_from_db()
    assert running.status == ImportStatus.IMPORTING


def test_a_job_that_is_not_running_is_not_given_up(running, staff):
    ImportJob.objects.filter(pk=running.pk).update(status=ImportStatus.DONE)

    with pytest.raises(DomainError) as refused:
        imports.abandon_import(actor=staff, job=running)

    assert refused.value.message == "This import is not running: Imported."


def test_a_worker_that_comes_back_after_the_job_was_given_up_lands_nothing(
    running, staff, monkeypatch
):
    real_run = runner.run

    def run_then_staff_give_up(*args, **kwargs):
        outcome = real_run(*args, **kwargs)
        ImportJob.objects.filter(pk=running.pk).update(status=ImportStatus.FAILED)
        return outcome

    monkeypatch.setattr(runner, "run", run_then_staff_give_up)

    job = imports.run_import(job_id=running.pk)

    # (Here staff's change shares the test's transaction and is rolled back with the import;
    # in production it commits on its own connection first.)
    assert (job.status != ImportStatus.DONE, Entity.objects.count()) == (True, 0)


def test_the_job_page_offers_to_give_up_a_stalled_job(client, running, staff):
    client.force_login(staff)
    page = reverse("registry:staff_import", args=[running.public_id])

    content = client.get(page).content.decode()
    response = client.post(reverse("registry:staff_import_abandon", args=[running.public_id]))

    assert "Mark it failed" in content
    assert (response.status_code, response["Location"]) == (302, page)
    running.refresh_from_db()
    assert running.status == ImportStatus.FAILED
