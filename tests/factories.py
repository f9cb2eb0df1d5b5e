"""factory_boy factories for the content models: minimal valid rows, published by
default, so a test states only what it is about."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from policies.models import (
    Agency,
    Contact,
    Criterion,
    GuideNote,
    Policy,
    Region,
    Route,
    SourceDocument,
    StackingGroup,
    WorkedCase,
)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    slug = factory.Sequence(lambda n: f"district-{n}")
    name = factory.Sequence(lambda n: f"District {n}")
    level = Region.Level.DISTRICT
    order = factory.Sequence(lambda n: n + 1)
    has_guide_content = True


class SourceDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceDocument

    title = factory.Sequence(lambda n: f"Measures to support enterprises, no. {n}")
    issuing_body = "District Commission of Science and Technology"
    year = 2022


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Bureau of Science and Technology {n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    agency = factory.SubFactory(AgencyFactory)
    phone = factory.Sequence(lambda n: f"+86-10-6{n:07d}")


class PolicyFactory(factory.django.DjangoModelFactory):
    """A published, in-force policy with its own source and one contact."""

    class Meta:
        model = Policy
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"TS-{n + 1}")
    state = Policy.State.PUBLISHED
    region = factory.SubFactory(RegionFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Support policy {n}")
    summary = "Enterprises that qualify receive a one-time incentive."
    full_text = "A one-time incentive of CNY 500,000 will be granted."
    headline_benefit = "CNY 500,000"
    benefit_type = Policy.BenefitType.CASH_REWARD
    source = factory.SubFactory(SourceDocumentFactory)
    legal_status = Policy.LegalStatus.IN_FORCE
    last_reviewed = datetime.date(2026, 1, 15)

    @factory.post_generation
    def contacts(self, create: bool, extracted: list[Contact] | None, **kwargs) -> None:
        """Attach the given contacts, or one new contact when none are given."""
        if not create:
            return
        self.contacts.set(extracted if extracted is not None else [ContactFactory()])


class GuideNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideNote

    slug = factory.Sequence(lambda n: f"note-{n}")
    text = "If a single entity is eligible for several policies, the most favorable applies."
    order = factory.Sequence(lambda n: n)


class StackingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StackingGroup

    name = factory.Sequence(lambda n: f"Non-stacking group {n}")


class RouteFactory(factory.django.DjangoModelFactory):
    """A route paying a fixed CNY 500,000, with no criteria of its own."""

    class Meta:
        model = Route

    policy = factory.SubFactory(PolicyFactory)
    name = factory.Sequence(lambda n: f"Route {n}")
    order = factory.Sequence(lambda n: n)
    kind = "fixed"
    amount = 500_000


class CriterionFactory(factory.django.DjangoModelFactory):
    """A policy-level criterion: registered in Beijing."""

    class Meta:
        model = Criterion

    policy = factory.SubFactory(PolicyFactory)
    route = None
    order = factory.Sequence(lambda n: n)
    fact = "in_beijing"
    operator = "=="
    value = True


class StaffUserFactory(factory.django.DjangoModelFactory):
    """A member of staff; ``role="Editor"`` or ``"Publisher"`` puts them in that
    group (made by the roles migration)."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.gov.cn")
    is_staff = True
    password = factory.django.Password("a-long-staff-password")

    @factory.post_generation
    def role(self, create: bool, extracted: str | None, **kwargs) -> None:
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


class WorkedCaseFactory(factory.django.DjangoModelFactory):
    """A case whose empty profile expects nothing to be eligible."""

    class Meta:
        model = WorkedCase

    name = factory.Sequence(lambda n: f"Worked case {n}")
    profile = factory.LazyFunction(dict)
    expected = factory.LazyFunction(lambda: {"eligible": {}, "most_favorable": [None]})
