"""``manage.py synthetic_population --size N --seed S``: a synthetic registry to try
runs on; the distributions are documented in ``policies.population.synthetic``."""

from django.core.management.base import BaseCommand, CommandParser

from policies.population.services import synthetic_population_create


class Command(BaseCommand):
    help = "Generate a synthetic population of enterprises (labelled synthetic)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", type=int, default=1_000)
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args: object, **options: int) -> None:
        population = synthetic_population_create(
            size=options["size"], seed=options["seed"], user=None
        )
        self.stdout.write(
            f"Population {population.pk}: {population.row_count} synthetic "
            f"enterprises (seed {population.seed})."
        )
