"""The fact catalogue: every fact a rule may test, what it means and how it is asked.

Input facts are those of the enterprise profile (``profile.schema.json``); derived
facts are computed from them (growth, R&D intensity, sums). Criteria name facts from
this catalogue only, so the admin can offer them in a list, the wizard can ask them,
and an explanation can label them. Adding a fact is a code change with tests; using
it in a rule is data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .text import N_


class FactType(StrEnum):
    """How a fact's value is typed, compared and shown."""

    MONEY = "money"  # whole CNY
    NUMBER = "number"  # a decimal quantity (years, square metres)
    INTEGER = "integer"  # a count
    PERCENT = "percent"  # 0-100
    BOOLEAN = "boolean"
    CHOICE = "choice"  # one of ``choices``
    CHOICES = "choices"  # a set of ``choices``
    CODE = "code"  # a short code such as an industry classification


NUMERIC_TYPES = frozenset(
    {FactType.MONEY, FactType.NUMBER, FactType.INTEGER, FactType.PERCENT}
)


class Unknown:
    """A value that cannot be used: the input is missing, or a divisor is zero.

    The two are kept apart because they lead to different outcomes: a missing input
    leaves a policy undecided (``needs_info``), while a zero divisor with every input
    given decides the criterion as not met.
    """

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def __repr__(self) -> str:
        return f"<{self.reason}>"

    def __bool__(self) -> bool:
        return False


MISSING = Unknown("missing")
DIVISOR_ZERO = Unknown("divisor is zero")


@dataclass(frozen=True)
class Topic:
    """A group of facts asked together; a gated topic opens with a yes/no question."""

    slug: str
    title: str
    gate_question: str = ""


@dataclass(frozen=True)
class Fact:
    """One fact: its type, wording and, for a derived fact, how it is computed."""

    name: str
    type: FactType
    label: str
    help: str = ""
    unit: str = ""
    topic: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    pattern: str = ""  # a code must match it in full
    inputs: tuple[str, ...] = ()
    formula: Callable[..., object] | None = None
    divisor: str = ""  # the input that, at zero, leaves the fact undefined

    @property
    def derived(self) -> bool:
        return self.formula is not None

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    def choice_label(self, value: str) -> str:
        return dict(self.choices).get(value, value)


TOPICS: tuple[Topic, ...] = (
    Topic("location", N_("Location")),
    Topic("enterprise", N_("About the enterprise")),
    Topic("recognition", N_("Recognitions and statistics")),
    Topic("revenue", N_("Revenue and output")),
    Topic(
        "quarter",
        N_("First-quarter revenue"),
        N_("Do you want to include first-quarter revenue figures for this year?"),
    ),
    Topic("employees", N_("Employees")),
    Topic("rd", N_("Research and development")),
    Topic(
        "equity",
        N_("Equity investment"),
        N_(
            "Did the enterprise receive equity investment from investment institutions this year?"
        ),
    ),
    Topic(
        "premises",
        N_("Office premises"),
        N_("Does the enterprise rent office premises in its district?"),
    ),
    Topic(
        "research_projects",
        N_("Major projects and innovation platforms"),
        N_(
            "Did the enterprise receive special funds for national or municipal major "
            "science and technology projects, or set up an innovation platform with a "
            "university or research institute?"
        ),
    ),
    Topic(
        "scenarios",
        N_("AI application scenarios and commercialisation"),
        N_(
            "Is the enterprise running an AI commercialisation project, an application-"
            "scenario solution, a demonstration scenario project or a project in the "
            "district science and technology plan?"
        ),
    ),
    Topic(
        "standards",
        N_("Standards"),
        N_(
            "Did the enterprise rank in the top two drafters of a standard published in the latest year?"
        ),
    ),
    Topic(
        "awards",
        N_("Science and technology awards"),
        N_(
            "Did the enterprise win a national or Beijing award for scientific and technological progress in the latest year?"
        ),
    ),
    Topic(
        "certified_products",
        N_("Certified first-set products"),
        N_(
            "Were any first (set of) major technical equipment products or first-batch "
            "new material applications of the enterprise certified in the latest year?"
        ),
    ),
)

DISTRICTS: tuple[tuple[str, str], ...] = (
    ("dongcheng", N_("Dongcheng District")),
    ("xicheng", N_("Xicheng District")),
    ("chaoyang", N_("Chaoyang District")),
    ("fengtai", N_("Fengtai District")),
    ("shijingshan", N_("Shijingshan District")),
    ("haidian", N_("Haidian District")),
    ("mentougou", N_("Mentougou District")),
    ("fangshan", N_("Fangshan District")),
    ("tongzhou", N_("Tongzhou District")),
    ("shunyi", N_("Shunyi District")),
    ("changping", N_("Changping District")),
    ("daxing", N_("Daxing District")),
    ("huairou", N_("Huairou District")),
    ("pinggu", N_("Pinggu District")),
    ("miyun", N_("Miyun District")),
    ("yanqing", N_("Yanqing District")),
    ("outside_beijing", N_("Outside Beijing")),
)

TECH_FIELDS: tuple[tuple[str, str], ...] = (
    ("artificial_intelligence", N_("Artificial intelligence")),
    ("integrated_circuits", N_("Integrated circuits")),
    ("biomedicine", N_("Biomedicine")),
    ("key_materials", N_("Key materials")),
    ("5g", N_("5G")),
    ("internet_of_things", N_("Internet of Things")),
    ("big_data", N_("Big data")),
    ("blockchain", N_("Blockchain")),
    ("life_sciences", N_("Life sciences")),
    ("new_materials", N_("New materials")),
    ("other", N_("Other")),
)

ENTERPRISE_TYPES: tuple[tuple[str, str], ...] = (
    ("production", N_("Production-type")),
    ("research_and_development", N_("Research-and-development-type")),
    ("other", N_("Other")),
)

CNY = N_("CNY")  # the unit shown beside a money field
MAX_MONEY = Decimal("1e13")
MAX_MONEY_PROJECT = Decimal("1e12")


def _money(name: str, label: str, help: str, topic: str, maximum=MAX_MONEY) -> Fact:
    return Fact(
        name,
        FactType.MONEY,
        label,
        help,
        CNY,
        topic,
        minimum=Decimal(0),
        maximum=maximum,
    )


def _count(name: str, label: str, help: str, topic: str, maximum: int) -> Fact:
    return Fact(
        name,
        FactType.INTEGER,
        label,
        help,
        "",
        topic,
        minimum=Decimal(0),
        maximum=Decimal(maximum),
    )


def _yes_no(name: str, label: str, help: str, topic: str) -> Fact:
    return Fact(name, FactType.BOOLEAN, label, help, "", topic)


INPUT_FACTS: tuple[Fact, ...] = (
    Fact(
        "district",
        FactType.CHOICE,
        N_("District of registration"),
        N_("The Beijing district where the enterprise is registered."),
        "",
        "location",
        DISTRICTS,
    ),
    Fact(
        "years_since_settlement",
        FactType.INTEGER,
        N_("Years since settling in the district"),
        N_(
            "0 = the year of incorporation or settlement in the district, 1 = the first full fiscal year after it, and so on."
        ),
        N_("years"),
        "location",
        minimum=Decimal(0),
        maximum=Decimal(200),
    ),
    Fact(
        "enterprise_type",
        FactType.CHOICE,
        N_("Type of enterprise"),
        N_("Production-type, research-and-development-type, or other."),
        "",
        "enterprise",
        ENTERPRISE_TYPES,
    ),
    Fact(
        "years_in_business",
        FactType.NUMBER,
        N_("Years in business"),
        N_("Years since the enterprise was incorporated; 1.5 means a year and a half."),
        N_("years"),
        "enterprise",
        minimum=Decimal(0),
        maximum=Decimal(200),
    ),
    Fact(
        "industry_code",
        FactType.CODE,
        N_("Industry code"),
        N_(
            "Major category of the national industrial classification (GB/T 4754), two digits: 64 internet and related services, 65 software and information technology services."
        ),
        "",
        "enterprise",
        pattern="[0-9]{2}",
    ),
    _yes_no(
        "advanced_manufacturing",
        N_("In advanced manufacturing"),
        N_(
            "In the advanced manufacturing industry and not in the prohibited catalogue."
        ),
        "enterprise",
    ),
    Fact(
        "tech_fields",
        FactType.CHOICES,
        N_("Technology fields"),
        N_("The technology fields the enterprise works in; choose all that apply."),
        "",
        "enterprise",
        TECH_FIELDS,
    ),
    _yes_no(
        "above_designated_size",
        N_("Above designated size"),
        N_("Included in the statistics of enterprises above designated size."),
        "recognition",
    ),
    _yes_no(
        "newly_above_designated_size",
        N_("Newly above designated size"),
        N_(
            "Included in those statistics for the first time in the latest full fiscal year."
        ),
        "recognition",
    ),
    _yes_no(
        "high_tech_enterprise",
        N_("High-tech enterprise"),
        N_("Identified (certified) as a high-tech enterprise."),
        "recognition",
    ),
    _yes_no(
        "specialized_sophisticated",
        N_("Specialized and sophisticated enterprise"),
        N_(
            "Recognised as a specialized and sophisticated enterprise that produces new and unique products."
        ),
        "recognition",
    ),
    _yes_no(
        "district_key_enterprise",
        N_("District key enterprise"),
        N_("Recognised by its district as a key enterprise."),
        "recognition",
    ),
    _money(
        "revenue_latest_year",
        N_("Revenue in the latest year"),
        N_("Business revenue in the latest full fiscal year."),
        "revenue",
    ),
    _money(
        "revenue_previous_year",
        N_("Revenue in the previous year"),
        N_("Business revenue in the year before the latest."),
        "revenue",
    ),
    _money(
        "revenue_two_years_ago",
        N_("Revenue two years before the latest"),
        N_("Business revenue two years before the latest full fiscal year."),
        "revenue",
    ),
    _money(
        "highest_revenue_before_latest_year",
        N_("Highest revenue before the latest year"),
        N_("The highest annual business revenue in any year before the latest."),
        "revenue",
    ),
    _money(
        "output_value_latest_year",
        N_("Output value in the latest year"),
        N_("Industrial output value in the latest full fiscal year."),
        "revenue",
    ),
    _money(
        "highest_output_value_before_latest_year",
        N_("Highest output value before the latest year"),
        N_("The highest annual output value in any year before the latest."),
        "revenue",
    ),
    _money(
        "revenue_q1_current_year",
        N_("First-quarter revenue this year"),
        N_("Business revenue in the first quarter of the current year."),
        "quarter",
    ),
    _money(
        "revenue_q1_previous_year",
        N_("First-quarter revenue last year"),
        N_("Business revenue in the first quarter of the previous calendar year."),
        "quarter",
    ),
    _count(
        "insured_employees_now",
        N_("Insured employees now"),
        N_("Employees with social insurance now."),
        "employees",
        10_000_000,
    ),
    _count(
        "insured_employees_previous_year_end",
        N_("Insured employees at the end of the latest year"),
        N_(
            "Employees with social insurance at the end of the latest full fiscal year."
        ),
        "employees",
        10_000_000,
    ),
    _money(
        "rd_expense_latest_year",
        N_("R&D expenses in the latest year"),
        N_("Research and development expenses in the latest full fiscal year."),
        "rd",
    ),
    _money(
        "rd_expense_previous_year",
        N_("R&D expenses in the previous year"),
        N_("R&D expenses in the year before the latest."),
        "rd",
    ),
    _money(
        "rd_expense_two_years_ago",
        N_("R&D expenses two years before the latest"),
        N_("R&D expenses two years before the latest full fiscal year."),
        "rd",
    ),
    Fact(
        "domestic_rd_share_pct",
        FactType.PERCENT,
        N_("Share of R&D expenses incurred in China"),
        N_("The share of total R&D expenses incurred in China, in percent."),
        "%",
        "rd",
        minimum=Decimal(0),
        maximum=Decimal(100),
    ),
    _money(
        "equity_investment_this_year",
        N_("Equity investment received this year"),
        N_(
            "Equity investment received from investment institutions this year, cumulative."
        ),
        "equity",
    ),
    _money(
        "office_rent_annual",
        N_("Annual office rent"),
        N_("Annual rent of office premises in the district."),
        "premises",
        Decimal("1e12"),
    ),
    Fact(
        "office_area_m2",
        FactType.NUMBER,
        N_("Office area"),
        N_("The area of those office premises."),
        "m²",
        "premises",
        minimum=Decimal(0),
        maximum=Decimal(10_000_000),
    ),
    _money(
        "special_funds_received",
        N_("Special funds received this year"),
        N_(
            "Special funds received this year for national or municipal major science and technology research projects."
        ),
        "research_projects",
        MAX_MONEY_PROJECT,
    ),
    _money(
        "innovation_platform_total_investment",
        N_("Total investment in an innovation platform"),
        N_(
            "Total investment in an innovation platform set up in the district with institutions of higher learning or research institutes."
        ),
        "research_projects",
        MAX_MONEY_PROJECT,
    ),
    _money(
        "innovation_platform_fixed_asset_investment",
        N_("Innovation platform fixed-asset investment"),
        N_("Of that total, the investment in fixed assets."),
        "research_projects",
        MAX_MONEY_PROJECT,
    ),
    _count(
        "standards_international_top2",
        N_("International standards (top two drafter)"),
        N_(
            "International standards published in the latest year on which the enterprise ranked in the top two drafters; count each standard once, at its highest level."
        ),
        "standards",
        1000,
    ),
    _count(
        "standards_national_top2",
        N_("National standards (top two drafter)"),
        N_(
            "National standards published in the latest year on which the enterprise ranked in the top two drafters."
        ),
        "standards",
        1000,
    ),
    _count(
        "standards_industry_or_beijing_top2",
        N_("Industry or Beijing standards (top two drafter)"),
        N_(
            "Industry or Beijing standards published in the latest year on which the enterprise ranked in the top two drafters."
        ),
        "standards",
        1000,
    ),
    _count(
        "first_set_products_certified",
        N_("Certified first-set products"),
        N_(
            "First (set of) major technical equipment products and first-batch new material applications certified in the latest year."
        ),
        "certified_products",
        1000,
    ),
    _count(
        "national_sti_progress_awards",
        N_("National science and technology progress awards"),
        N_(
            "National Awards for Scientific and Technological Progress won in the latest year."
        ),
        "awards",
        100,
    ),
    _count(
        "beijing_sti_progress_awards",
        N_("Beijing science and technology progress awards"),
        N_(
            "Beijing Awards for Scientific and Technological Progress won in the latest year."
        ),
        "awards",
        100,
    ),
    _money(
        "commercialization_project_investment",
        N_("Commercialisation project investment"),
        N_(
            "Total investment of a project commercialising disruptive, key and core, or major common technologies in AI and related fields."
        ),
        "scenarios",
        MAX_MONEY_PROJECT,
    ),
    _yes_no(
        "scenario_solution_selected",
        N_("Application-scenario solution selected"),
        N_(
            "A solution for an AI application-scenario plan of the district was selected and passed the assessment."
        ),
        "scenarios",
    ),
    _yes_no(
        "demonstration_scenario_project",
        N_("Demonstration scenario project"),
        N_(
            "A project recognised as a national or Beijing pilot or demonstration project of AI application scenarios."
        ),
        "scenarios",
    ),
    _money(
        "demonstration_scenario_funds_raised",
        N_("Funds raised for the demonstration scenario"),
        N_("Funds raised by the constructor of that application scenario."),
        "scenarios",
        MAX_MONEY_PROJECT,
    ),
    _yes_no(
        "sti_plan_project",
        N_("Project in the district S&T plan"),
        N_(
            "A research and development project included in the district science and technology plan after evaluation."
        ),
        "scenarios",
    ),
)


def _growth_pct(new: Decimal, old: Decimal) -> Decimal:
    return (new / old - 1) * 100


def _ratio_pct(part: Decimal, whole: Decimal) -> Decimal:
    return part / whole * 100


DERIVED_FACTS: tuple[Fact, ...] = (
    Fact(
        "in_beijing",
        FactType.BOOLEAN,
        N_("Registered in Beijing"),
        N_("The district is set and is not outside Beijing."),
        inputs=("district",),
        formula=lambda d: d != "outside_beijing",
    ),
    Fact(
        "revenue_growth_latest_pct",
        FactType.PERCENT,
        N_("Revenue growth in the latest year"),
        N_("Revenue of the latest year over that of the previous year."),
        "%",
        inputs=("revenue_latest_year", "revenue_previous_year"),
        formula=_growth_pct,
        divisor="revenue_previous_year",
    ),
    Fact(
        "revenue_growth_previous_pct",
        FactType.PERCENT,
        N_("Revenue growth in the previous year"),
        N_("Revenue of the previous year over that of the year before."),
        "%",
        inputs=("revenue_previous_year", "revenue_two_years_ago"),
        formula=_growth_pct,
        divisor="revenue_two_years_ago",
    ),
    Fact(
        "revenue_net_increase_latest",
        FactType.MONEY,
        N_("Net increase in revenue in the latest year"),
        N_("Revenue of the latest year minus that of the previous year."),
        CNY,
        inputs=("revenue_latest_year", "revenue_previous_year"),
        formula=lambda a, b: a - b,
    ),
    Fact(
        "revenue_q1_net_increase",
        FactType.MONEY,
        N_("Net increase in first-quarter revenue"),
        N_("First-quarter revenue this year minus that of the previous year."),
        CNY,
        inputs=("revenue_q1_current_year", "revenue_q1_previous_year"),
        formula=lambda a, b: a - b,
    ),
    Fact(
        "revenue_q1_growth_pct",
        FactType.PERCENT,
        N_("First-quarter revenue growth"),
        N_("First-quarter revenue this year over that of the previous year."),
        "%",
        inputs=("revenue_q1_current_year", "revenue_q1_previous_year"),
        formula=_growth_pct,
        divisor="revenue_q1_previous_year",
    ),
    Fact(
        "rd_intensity_pct",
        FactType.PERCENT,
        N_("R&D intensity"),
        N_("R&D expenses as a share of revenue in the latest year."),
        "%",
        inputs=("rd_expense_latest_year", "revenue_latest_year"),
        formula=_ratio_pct,
        divisor="revenue_latest_year",
    ),
    Fact(
        "insured_employees_not_reduced",
        FactType.BOOLEAN,
        N_("Insured employees not reduced"),
        N_(
            "Insured employees now are at least as many as at the end of the latest year."
        ),
        inputs=("insured_employees_now", "insured_employees_previous_year_end"),
        formula=lambda now, before: now >= before,
    ),
    Fact(
        "rd_expense_rising_two_years",
        FactType.BOOLEAN,
        N_("R&D expenses rising two years running"),
        N_("R&D expenses rose in each of the last two years."),
        inputs=(
            "rd_expense_latest_year",
            "rd_expense_previous_year",
            "rd_expense_two_years_ago",
        ),
        formula=lambda a, b, c: a > b > c,
    ),
    Fact(
        "sti_progress_awards_total",
        FactType.INTEGER,
        N_("Science and technology progress awards in all"),
        N_("National and Beijing awards added together."),
        inputs=("national_sti_progress_awards", "beijing_sti_progress_awards"),
        formula=lambda a, b: a + b,
    ),
    Fact(
        "standards_top2_total",
        FactType.INTEGER,
        N_("Standards as a top-two drafter in all"),
        N_(
            "International, national, and industry or Beijing standards added together."
        ),
        inputs=(
            "standards_international_top2",
            "standards_national_top2",
            "standards_industry_or_beijing_top2",
        ),
        formula=lambda a, b, c: a + b + c,
    ),
)

CATALOGUE: Mapping[str, Fact] = {
    fact.name: fact for fact in INPUT_FACTS + DERIVED_FACTS
}
TOPIC_BY_SLUG: Mapping[str, Topic] = {topic.slug: topic for topic in TOPICS}


def derive(profile: Mapping[str, object]) -> dict[str, object]:
    """Return every catalogue fact's value for ``profile``, derived facts included.

    Inputs arrive already typed (Decimal for numbers, bool, str, frozenset for
    ``tech_fields``). An absent input is ``MISSING``; a derived fact is ``MISSING``
    when an input is absent and ``DIVISOR_ZERO`` when its divisor is zero with every
    input present. The divisor is tested rather than the division trapped, because
    Decimal reports 0/0 as an invalid operation, not as a division by zero.
    """
    values: dict[str, object] = {
        f.name: profile.get(f.name, MISSING) for f in INPUT_FACTS
    }
    for fact in DERIVED_FACTS:
        args = [values[name] for name in fact.inputs]
        if any(arg is MISSING for arg in args):
            values[fact.name] = MISSING
        elif fact.divisor and values[fact.divisor] == 0:
            values[fact.name] = DIVISOR_ZERO
        else:
            values[fact.name] = fact.formula(*args)
    return values
