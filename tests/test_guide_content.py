"""The guide's content ships as fixtures/content.json: every fact of the guide is there.

The expected values are written out here, from the guide, on purpose: the test does not
read them from the fixture it checks.
"""

import datetime

import pytest
from django.core.management import call_command

from policies.models import (
    Agency,
    Contact,
    DevelopmentGoal,
    GuideNote,
    KeyArea,
    KeyProject,
    Policy,
    Region,
    SourceDocument,
    StackingGroup,
)

GOAL_OPENINGS = [
    "Beijing will keep promoting the cultivation of an AI innovation source",
    "Beijing will support leading enterprises to construct big models",
    "Beijing will support AI-advantaged enterprises to launch innovative applications",
    "Beijing will support studying the paradigm of safety and ethical governance",
    "Beijing will support efforts of taking the lead in building a highland",
]

KEY_PROJECTS = {
    "dongcheng": [
        "Benchmark Information Consumption Experience Hall",
        "Special Information Consumption Experience Center",
        "Tencent Internet Hospital",
    ],
    "chaoyang": [
        "AI smart computing center",
        "Alibaba DAMO Academy (Beijing)",
        "Beijing Kunpeng Joint Innovation Center",
        "360 Security Platform",
        "BONC",
        "SuperMap",
    ],
    "changping": [
        "AI laboratories",
        "Xiaomi Smart Industrial Base Project",
        "Baidu Innovation Center",
    ],
}

KEY_AREAS = {
    "dongcheng": ["Graphical image recognition", "Voice recognition"],
    "chaoyang": [
        "Intelligent perception",
        "Image recognition",
        "Human-computer interaction",
    ],
    "changping": [
        "Smart hardware technology integration and innovation",
        "Business model innovation",
        "Intelligent perception, recognition and interaction",
    ],
}

SOURCE_TITLES = {
    "White Paper on the Development of Artificial Intelligence Industry in Beijing in 2022",
    "Implementation Guide of Beijing Municipality for the Development Fund for High-end, "
    "Precision and Sophisticated Industry in 2022",
    'Implementation Plan of Beijing Municipality for the Pilot "Approval on Filing" Program '
    "for High-tech Enterprise Identification",
    "Opinions of Dongcheng District on Promoting the Development of Science, Technology and "
    "Information Industries",
    "Notice on the Open Call for Projects to be Supported by Chaoyang District High-tech "
    "Industry Development Guidance Fund (Information Service Industry) in 2022",
    "Notice on the Open Call for Projects to be Supported by the 2022 Chaoyang District "
    "Digital Economy Industry Innovation Development Fund",
    "Measures of Chaoyang District for Management of High-tech Industry Development Guidance Fund",
    "Measures of Changping District to Support the Incubation and Development of High-tech "
    "Enterprises",
}

REFERENCE_NOTE = "The 2022 policy is for reference only and subject to the latest notice in the subsequent years."

# (agency, phone) exactly as the guide prints them; one number serves two bodies.
CONTACTS = {
    (
        "Beijing Municipal Bureau of Economy and Information Technology",
        "+86-10-55578513",
    ),
    ("Beijing Municipal Science and Technology Commission", "+86-10-55577777"),
    ("Administrative Commission of Zhongguancun Science Park", "+86-10-55577777"),
    (
        "Dongcheng District Bureau of Scientific, Technological and Economic Information Technology",
        "+86-10-87160650",
    ),
    (
        "Chaoyang District Bureau of Science, Technology and Information Technology",
        "+86-10-65099909",
    ),
    (
        "Chaoyang District Bureau of Science, Technology and Information Technology",
        "+86-10-65099682",
    ),
    (
        "Chaoyang Park Administrative Commission of Zhongguancun Science Park",
        "+86-10-64713621",
    ),
    ("Changping District Commission of Science and Technology", "+86-10-69745035"),
}
PHONES = {
    "+86-10-55578513",
    "+86-10-55577777",
    "+86-10-87160650",
    "+86-10-65099909",
    "+86-10-65099682",
    "+86-10-64713621",
    "+86-10-69745035",
}

CODES = [
    "BJ-1", "BJ-2", "BJ-3",
    "DC-1", "DC-2", "DC-3", "DC-4", "DC-5", "DC-6",
    "CY-1", "CY-2", "CY-3", "CY-4", "CY-5", "CY-6",
    "CP-1", "CP-2", "CP-3a", "CP-3b", "CP-4", "CP-5",
]  # fmt: skip

NON_STACKING = (
    "If a single entity is eligible for multiple support policies, the most favorable policy "
    "shall apply."
)
INTERPRETATION = "The responsibility to interpret each specific policy shall be borne by the issuing agency."

# policy code -> phones of its contacts, as the guide lists them under each source
POLICY_PHONES = {
    "BJ-1": {"+86-10-55578513"},
    "BJ-2": {"+86-10-55578513"},
    "BJ-3": {"+86-10-55577777"},
    **{f"DC-{n}": {"+86-10-87160650"} for n in range(1, 7)},
    "CY-1": {"+86-10-65099909"},
    "CY-2": {"+86-10-65099909"},
    "CY-3": {"+86-10-65099682"},
    **{f"CY-{n}": {"+86-10-64713621"} for n in range(4, 7)},
    **{
        code: {"+86-10-69745035"}
        for code in ["CP-1", "CP-2", "CP-3a", "CP-3b", "CP-4", "CP-5"]
    },
}

REFERENCE_ONLY = {"CY-1", "CY-2", "CY-3", "CY-4", "CY-5", "CY-6"}
WITH_READING = {"BJ-2", "DC-2", "DC-3", "DC-4", "CY-1", "CY-4", "CY-6", "CP-2"}


@pytest.fixture
def content(db):
    call_command("loaddata", "content", verbosity=0)


@pytest.mark.django_db
def test_fixture_loads_twice_without_duplicates(content):
    call_command("loaddata", "content", verbosity=0)
    assert Policy.objects.count() == 21
    assert Contact.objects.count() == len(CONTACTS)


@pytest.mark.django_db
def test_regions(content):
    regions = {r.slug: r for r in Region.objects.all()}
    assert set(regions) == {"beijing", "dongcheng", "chaoyang", "changping", "haidian"}
    beijing = regions["beijing"]
    assert beijing.name == "Beijing Municipality"
    assert beijing.is_municipal and beijing.order == 0 and beijing.has_guide_content
    assert "four 100-billion-yuan-level industry clusters" in beijing.positioning
    assert "national AI innovation and application pioneer zone" in beijing.layout
    assert beijing.goals_source.title.startswith(
        "White Paper on the Development of Artificial"
    )
    assert not beijing.layout_key_district
    for slug in ("dongcheng", "chaoyang", "changping"):
        assert regions[slug].level == Region.Level.DISTRICT
        assert regions[slug].has_guide_content
    assert regions["dongcheng"].name == "Dongcheng District"
    haidian = regions["haidian"]
    assert haidian.name == "Haidian District" and not haidian.has_guide_content
    key = {slug for slug, r in regions.items() if r.layout_key_district}
    assert key == {"haidian", "chaoyang", "changping"}


@pytest.mark.django_db
def test_development_goals(content):
    goals = list(
        DevelopmentGoal.objects.filter(region__slug="beijing").order_by("number")
    )
    assert [g.number for g in goals] == [1, 2, 3, 4, 5]
    for goal, opening in zip(goals, GOAL_OPENINGS, strict=True):
        assert goal.text.startswith(opening)
    assert DevelopmentGoal.objects.count() == 5
    assert "on par with ChatGPT" in goals[1].text
    assert goals[4].text.endswith(
        "activate the driving force for innovation from the source."
    )


@pytest.mark.django_db
def test_key_projects_and_areas(content):
    for slug, names in KEY_PROJECTS.items():
        got = list(
            KeyProject.objects.filter(region__slug=slug).values_list("name", flat=True)
        )
        assert got == names
    assert KeyProject.objects.count() == 12
    for slug, names in KEY_AREAS.items():
        got = list(
            KeyArea.objects.filter(region__slug=slug).values_list("name", flat=True)
        )
        assert got == names
    assert KeyArea.objects.count() == sum(len(v) for v in KEY_AREAS.values())


@pytest.mark.django_db
def test_sources(content):
    assert set(SourceDocument.objects.values_list("title", flat=True)) == SOURCE_TITLES
    assert SourceDocument.objects.count() == 8
    noted = SourceDocument.objects.filter(note=REFERENCE_NOTE)
    assert noted.count() == 3
    assert all("Chaoyang" in s.title for s in noted)
    assert not SourceDocument.objects.exclude(url="").exists()


@pytest.mark.django_db
def test_contacts(content):
    got = set(Contact.objects.values_list("agency__name", "phone"))
    assert got == CONTACTS
    assert set(Contact.objects.values_list("phone", flat=True)) == PHONES
    assert Agency.objects.count() == 7
    shared = Contact.objects.filter(phone="+86-10-55577777")
    assert shared.count() == 2


@pytest.mark.django_db
def test_closing_notes(content):
    notes = {n.slug: n.text for n in GuideNote.objects.all()}
    assert notes == {"non-stacking": NON_STACKING, "interpretation": INTERPRETATION}
    group = StackingGroup.objects.get(pk=1)
    assert NON_STACKING in group.description


@pytest.mark.django_db
def test_policies(content):
    policies = list(Policy.objects.order_by("pk"))
    assert [p.code for p in policies] == CODES
    assert [p.pk for p in policies] == list(range(1, 22))
    for p in policies:
        assert p.order == p.pk and p.version == 1
        assert p.state == Policy.State.PUBLISHED and p.published_at is not None
        assert p.stacking_group_id == 1
        assert p.title and p.summary and p.full_text and p.headline_benefit
        assert not p.full_text[:1].isdigit() and not p.full_text.startswith("(")
        expected_region = {
            "BJ": "beijing",
            "DC": "dongcheng",
            "CY": "chaoyang",
            "CP": "changping",
        }
        assert p.region.slug == expected_region[p.code[:2]]
        assert (
            set(p.contacts.values_list("phone", flat=True)) == POLICY_PHONES[p.code]
        ), p.code
        expected_status = "reference_only" if p.code in REFERENCE_ONLY else "not_stated"
        assert p.legal_status == expected_status, p.code
        assert bool(p.reading_note) == (p.code in WITH_READING), p.code
    assert Policy.objects.assessable(today=datetime.date(2026, 11, 26)).count() == 21
    bj3 = Policy.objects.get(code="BJ-3")
    assert {c.agency.name for c in bj3.contacts.all()} == {
        "Beijing Municipal Science and Technology Commission",
        "Administrative Commission of Zhongguancun Science Park",
    }
    cp3a, cp3b = Policy.objects.get(code="CP-3a"), Policy.objects.get(code="CP-3b")
    assert "10 percent of the total amount of special funds" in cp3a.full_text
    assert "industry-university-research" not in cp3a.full_text
    assert "innovation platforms established in Changping District" in cp3b.full_text
