"""Storing populations: synthetic ones reproducible and labelled, rows stored as
``parse`` reads them, everything logged, and old registries purged."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from policies.models import Population, PopulationChunk, PopulationEvent
from policies.population import codec
from policies.population.services import (
    population_create,
    purge_expired,
    synthetic_population_create,
)
from policies.population.synthetic import synthetic_profiles
from policies.rules.profile import parse
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


def test_the_same_size_and_seed_give_the_same_registry():
    assert list(synthetic_profiles(50, seed=7)) == list(synthetic_profiles(50, seed=7))
    assert list(synthetic_profiles(50, seed=7)) != list(synthetic_profiles(50, seed=8))


def test_every_synthetic_profile_passes_the_api_checks_and_is_marked():
    for code, raw in synthetic_profiles(500, seed=1):
        assert code.startswith("SYN-")
        parse(raw)


def test_synthetic_districts_follow_the_documented_weights():
    districts = [raw["district"] for _code, raw in synthetic_profiles(5000, seed=2)]
    assert (
        districts.count("haidian")
        > districts.count("chaoyang")
        > districts.count("dongcheng")
    )
    assert "outside_beijing" in districts


def test_stored_rows_decode_to_what_parse_gives(settings):
    population = synthetic_population_create(size=12, seed=4, user=None)
    chunk = population.chunks.get()
    typed = codec.typed_rows(chunk.data)
    expected = [(code, "", parse(raw)) for code, raw in synthetic_profiles(12, seed=4)]
    assert typed == expected


def test_a_large_population_is_stored_in_chunks(monkeypatch):
    monkeypatch.setattr("policies.population.services.CHUNK_ROWS", 5)
    population = synthetic_population_create(size=12, seed=4, user=None)
    assert population.row_count == 12
    assert [len(codec.decode_rows(c.data)) for c in population.chunks.all()] == [
        5,
        5,
        2,
    ]


def test_the_synthetic_population_command_says_what_it_made():
    call_command("synthetic_population", "--size", "30", "--seed", "5", stdout=None)
    population = Population.objects.get()
    assert population.synthetic and population.row_count == 30 and population.seed == 5
    event = PopulationEvent.objects.get()
    assert event.action == "generate" and event.username == ""


def test_an_upload_is_logged_with_who_and_what():
    user = StaffUserFactory(username="li.publisher")
    rows = [codec.Row("A", "", {"district": "haidian"})]
    population_create(
        name="Haidian registry",
        source=Population.Source.UPLOAD,
        rows=rows,
        columns=["district"],
        user=user,
        file_name="haidian.csv",
    )
    event = PopulationEvent.objects.get()
    assert (event.action, event.username, event.population_name) == (
        "upload",
        "li.publisher",
        "Haidian registry",
    )
    assert event.detail == "1 rows haidian.csv"


def test_populations_past_the_retention_period_are_purged_with_their_rows(settings):
    settings.POPULATION_RETENTION_DAYS = 30
    old = synthetic_population_create(size=3, seed=1, user=None)
    Population.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=31)
    )
    recent = synthetic_population_create(size=3, seed=2, user=None)
    assert purge_expired() == 1
    assert list(Population.objects.all()) == [recent]
    assert not PopulationChunk.objects.filter(population_id=old.pk).exists()
    purge = PopulationEvent.objects.get(action="purge")
    assert purge.population is None and purge.population_name == old.name


def test_the_purge_command_reports_what_it_deleted(capsys):
    call_command("purge_populations")
    assert "Deleted 0 population(s) older than 30 days." in capsys.readouterr().out
