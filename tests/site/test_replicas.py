"""The read-replica router: reads go to the replica, except right after a write."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from platform_site import replicas
from projects.models import Project

DATABASES_WITH_REPLICA = {"default": {}, "replica": {}}


@pytest.fixture
def router():
    return replicas.PrimaryReplicaRouter()


def test_without_a_replica_everything_reads_from_the_primary(router):
    assert router.db_for_read(Project) == "default"


@override_settings(DATABASES=DATABASES_WITH_REPLICA)
def test_reads_go_to_the_replica_until_the_request_writes(router):
    def view(request):
        before = router.db_for_read(Project)
        router.db_for_write(Project)
        return HttpResponse(f"{before} {router.db_for_read(Project)}")

    response = replicas.PinToPrimaryMiddleware(view)(RequestFactory().get("/cs/"))

    assert response.content == b"replica default"
    assert router.db_for_read(Project) == "replica"  # the next request starts afresh


@override_settings(DATABASES=DATABASES_WITH_REPLICA, DATABASE_REPLICA_PIN_SECONDS=10)
def test_the_visitor_who_wrote_reads_from_the_primary_for_a_while(router):
    def view(request):
        return HttpResponse(router.db_for_read(Project))

    post = replicas.PinToPrimaryMiddleware(view)(RequestFactory().post("/cs/suggest/"))
    pinned = RequestFactory().get("/cs/projects/")
    pinned.COOKIES[replicas.PIN_COOKIE] = post.cookies[replicas.PIN_COOKIE].value

    assert post.cookies[replicas.PIN_COOKIE]["max-age"] == 10
    assert replicas.PinToPrimaryMiddleware(view)(pinned).content == b"default"
    assert replicas.PinToPrimaryMiddleware(view)(RequestFactory().get("/cs/")).content == (
        b"replica"
    )


def test_migrations_run_on_the_primary_only(router):
    assert router.allow_migrate("default", "projects")
    assert not router.allow_migrate("replica", "projects")
