"""A population run gives, row for row, exactly what ``assess`` gives: on random
schema-valid profiles, on synthetic registries and on the worked cases."""

from hypothesis import given
from hypothesis import strategies as st

from policies.population import codec
from policies.population.runner import ChunkRunner, Tally, run_chunk
from policies.population.synthetic import synthetic_profiles
from policies.rules.engine import assess
from policies.rules.profile import parse
from policies.rules.serialize import json_value
from policies.rules.vocabulary import Status
from tests.rules.test_properties import PROFILES
from tests.seed import load_examples, seed_rule_set


def _blob(raws: list[dict]) -> bytes:
    rows = [
        codec.Row(
            f"E{n}",
            f"Enterprise {n}",
            {k: json_value(v) for k, v in parse(raw).items()},
        )
        for n, raw in enumerate(raws)
    ]
    return codec.encode_rows(rows)


def _expected(raw: dict) -> tuple:
    """What ``assess`` says of ``raw``, in the shape a run stores."""
    assessment = assess(parse(raw), seed_rule_set())
    outcomes = [
        [
            o.code,
            o.status.value,
            None if o.amount is None else int(o.amount.min),
            None if o.amount is None else int(o.amount.max),
            o.displaced_by,
            list(o.missing),
        ]
        for o in assessment.results
        if o.status is not Status.NOT_ELIGIBLE
    ]
    estimate = assessment.estimate
    low, high = (
        (None, None) if estimate is None else (int(estimate.min), int(estimate.max))
    )
    return raw.get("district", ""), low, high, outcomes


def assert_run_matches_assess(raws: list[dict], processes: int = 1) -> None:
    with ChunkRunner(seed_rule_set(), processes) as runner:
        ((encoded, tally),) = runner.map([_blob(raws)])
    results = codec.decode_results(encoded)
    assert len(results) == len(raws) == tally.rows
    for n, (raw, result) in enumerate(zip(raws, results, strict=True)):
        assert result[:2] == [f"E{n}", f"Enterprise {n}"]
        assert tuple(result[2:]) == _expected(raw), raw


@given(st.lists(PROFILES, min_size=1, max_size=20))
def test_a_run_gives_what_assess_gives_for_random_profiles(raws):
    assert_run_matches_assess(raws)


def test_a_run_gives_what_assess_gives_for_the_worked_cases():
    assert_run_matches_assess([case["profile"] for case in load_examples()])


def test_a_run_in_worker_processes_gives_what_assess_gives():
    raws = [raw for _code, raw in synthetic_profiles(400, seed=11)]
    assert_run_matches_assess(raws, processes=2)


def test_the_tally_counts_each_policy_and_district_as_the_rows_say():
    raws = [raw for _code, raw in synthetic_profiles(300, seed=5)]
    _encoded, tally = run_chunk(_blob(raws), seed_rule_set())
    for code in ("BJ-3", "DC-5", "CY-6"):
        outcomes = [assess(parse(raw), seed_rule_set()).outcome(code) for raw in raws]
        eligible = [o for o in outcomes if o.status is Status.ELIGIBLE]
        needs_info = [o for o in outcomes if o.status is Status.NEEDS_INFO]
        counts = tally.policies.get(code, [0, 0, 0, 0])
        assert counts[:2] == [len(eligible), len(needs_info)]
        assert counts[3] == sum(int(o.amount.max) for o in eligible if o.amount)
    assert sum(place[0] for place in tally.districts.values()) == 300


def test_tallies_add_up():
    raws = [raw for _code, raw in synthetic_profiles(200, seed=6)]
    whole = run_chunk(_blob(raws), seed_rule_set())[1]
    halves = Tally()
    for part in (raws[:80], raws[80:]):
        halves.merge(run_chunk(_blob(part), seed_rule_set())[1])
    assert halves == whole
