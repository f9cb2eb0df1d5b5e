"""Writes for populations: store one whole or not at all, log who did what, purge.

Every upload, generation, run, export and deletion goes through ``record``, which
writes a ``PopulationEvent`` and a line to the ``policies.population`` logger.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone

from ..models import Population, PopulationChunk, PopulationEvent
from ..rules.profile import parse
from ..rules.serialize import json_value
from .codec import CHUNK_ROWS, Row, encode_rows
from .synthetic import synthetic_profiles

logger = logging.getLogger("policies.population")

User = AbstractBaseUser | AnonymousUser | None


def record(
    action: str, population: Population, user: User, detail: str = ""
) -> PopulationEvent:
    """Log ``action`` on ``population`` by ``user`` (None: a command or the worker)."""
    known = user if user is not None and user.is_authenticated else None
    event = PopulationEvent.objects.create(
        action=action,
        population=population if population.pk else None,
        population_name=population.name,
        user=known,
        username=known.get_username() if known else "",
        detail=detail[:300],
    )
    logger.info(
        "population %s %s by %s: %s",
        population.pk,
        action,
        event.username or "a command",
        detail,
    )
    return event


def chunked(rows: Iterable[Row]) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, CHUNK_ROWS)):
        yield chunk


@transaction.atomic
def population_create(
    *,
    name: str,
    source: str,
    rows: Iterable[Row],
    columns: list[str],
    user: User,
    file_name: str = "",
    seed: int | None = None,
) -> Population:
    """Store a population and its rows in one transaction: all of it or nothing."""
    known = user if user is not None and user.is_authenticated else None
    population = Population.objects.create(
        name=name,
        source=source,
        file_name=file_name,
        seed=seed,
        row_count=0,
        columns=columns,
        created_by=known,
    )
    count = 0
    for index, chunk in enumerate(chunked(rows)):
        PopulationChunk.objects.create(
            population=population, index=index, data=encode_rows(chunk)
        )
        count += len(chunk)
    population.row_count = count
    population.save(update_fields=["row_count"])
    action = (
        PopulationEvent.Action.GENERATE
        if population.synthetic
        else PopulationEvent.Action.UPLOAD
    )
    record(action, population, user, f"{count} rows {file_name}".strip())
    return population


def synthetic_rows(size: int, seed: int) -> Iterator[Row]:
    """Synthetic profiles, checked by ``parse`` as an uploaded row would be."""
    for code, raw in synthetic_profiles(size, seed=seed):
        profile = parse(raw)
        yield Row(code, "", {k: json_value(v) for k, v in profile.items()})


def synthetic_population_create(*, size: int, seed: int, user: User) -> Population:
    return population_create(
        name=f"Synthetic {size} (seed {seed})",
        source=Population.Source.SYNTHETIC,
        rows=synthetic_rows(size, seed),
        columns=[],
        user=user,
        seed=seed,
    )


def population_delete(*, population: Population, user: User, purge=False) -> None:
    action = PopulationEvent.Action.PURGE if purge else PopulationEvent.Action.DELETE
    with transaction.atomic():
        record(action, population, user, f"{population.row_count} rows")
        population.delete()


def purge_expired(*, now=None) -> int:
    """Delete every population past the retention period; how many were."""
    expired = list(Population.objects.expired(now=now or timezone.now()))
    for population in expired:
        population_delete(population=population, user=None, purge=True)
    return len(expired)
