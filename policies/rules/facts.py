"""The fact catalogue: every fact a rule may test, what it means and how it is asked.

Input facts are those of the enterprise profile (``profile.schema.json``); derived
facts are computed from them (growth, R&D intensity, sums). Criteria name facts from
this catalogue only, so the admin can offer them in a list, the wizard can ask them,
and an explanation can label them. Adding a fact is a code change with tests; using
it in a rule is data.
"""

from __future__ import annotations

import operator
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
    """A group of facts asked together; a gated topic opens with a yes/no question.

    A gate that offers to include something (``gate_is_choice``) is answered yes or
    no: "I don't know" means nothing there. Gate questions may name years (see
    ``Fact.question``).
    """

    slug: str
    title: str
    gate_question: str = ""
    gate_is_choice: bool = False


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
    # How a derived number moves as each input grows (+1 up, -1 down), so that a
    # criterion on it can be decided while an input is still missing (``span``).
    trend: tuple[int, ...] = ()
    # A logical derived fact that chains comparisons of its inputs, ``a > b > c``:
    # one comparison (``operator.gt`` or ``operator.ge``) per pair of neighbours,
    # joined with "and" (``derive``).
    chain: tuple[Callable[[Decimal, Decimal], bool], ...] = ()
    # How the check asks an input fact, as a question that may name the fiscal
    # years: %(this_year)s, %(latest_year)s, %(previous_year)s and
    # %(year_before_previous)s (see ``question_years``). ``label`` stays the short
    # name that explanations, the admin and the API use.
    question: str = ""
    # A count of years since an event, asked as the event's calendar year.
    asked_as_year: bool = False
    # The range an answer to this question usually falls in. A figure outside it in
    # the direction a slipped unit goes (yuan typed for 万元 or the reverse, a
    # fraction typed for a percentage) is queried once before it is accepted: a
    # guard against typing slips, not a rule of any policy.
    usual_minimum: Decimal | None = None
    usual_maximum: Decimal | None = None

    @property
    def derived(self) -> bool:
        return self.formula is not None

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    def choice_label(self, value: str) -> str:
        return dict(self.choices).get(value, value)


def question_years(this_year: int) -> dict[str, int]:
    """The years the questions name, for a check made in ``this_year`` (in Beijing):
    the latest full fiscal year is the one before it, as the guide reads "latest"."""
    return {
        "this_year": this_year,
        "latest_year": this_year - 1,
        "previous_year": this_year - 2,
        "year_before_previous": this_year - 3,
    }


TOPICS: tuple[Topic, ...] = (
    Topic("location", N_("Location")),
    Topic("enterprise", N_("About the enterprise")),
    Topic("recognition", N_("Recognitions and statistics")),
    Topic("revenue", N_("Revenue and output")),
    # Asked only once the latest year's figures are in, which decide whether an
    # earlier peak matters (a revenue milestone crossed for the first time).
    Topic("earlier_peaks", N_("Revenue and output in earlier years")),
    Topic(
        "quarter",
        N_("First-quarter revenue"),
        N_(
            "Do you want to add the enterprise’s first-quarter revenue for "
            "%(this_year)s and %(latest_year)s?"
        ),
        gate_is_choice=True,
    ),
    Topic("employees", N_("Employees")),
    Topic("rd", N_("Research and development")),
    Topic(
        "equity",
        N_("Equity investment"),
        N_(
            "Has the enterprise received equity investment from investment "
            "institutions in %(this_year)s?"
        ),
    ),
    Topic(
        "premises",
        N_("Office premises"),
        N_("Does the enterprise rent offices in its district?"),
    ),
    Topic(
        "research_projects",
        N_("Major projects and innovation platforms"),
        N_(
            "In %(this_year)s, did the enterprise receive special funds for a national "
            "or municipal major science and technology project, or set up an "
            "innovation platform with a university or research institute?"
        ),
    ),
    Topic(
        "scenarios",
        N_("AI application scenarios and commercialisation"),
        N_(
            "Does the enterprise have an AI commercialisation project, an "
            "application-scenario solution, a demonstration scenario project or a "
            "project in the district science and technology plan?"
        ),
    ),
    Topic(
        "standards",
        N_("Standards"),
        N_(
            "Was the enterprise first or second among the drafters of a standard "
            "published in %(latest_year)s?"
        ),
    ),
    Topic(
        "awards",
        N_("Science and technology awards"),
        N_(
            "Did the enterprise win a national or Beijing award for scientific and "
            "technological progress in %(latest_year)s?"
        ),
    ),
    Topic(
        "certified_products",
        N_("Certified first-set products"),
        N_(
            "Were any of the enterprise’s products certified in %(latest_year)s as a "
            "first (set of) major technical equipment or a first-batch new material "
            "application?"
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
# A year's or a project's money is usually at least 1万元 and below 100亿元: "200"
# typed in yuan was likely 200万元, "600000000" typed in 万元 likely 6亿元 in yuan.
USUAL_MONEY_MINIMUM = Decimal(10_000)
USUAL_MONEY_MAXIMUM = Decimal("1e10")


def _money(
    name: str,
    label: str,
    question: str,
    help: str,
    topic: str,
    maximum: Decimal = MAX_MONEY,
) -> Fact:
    return Fact(
        name,
        FactType.MONEY,
        label,
        help,
        CNY,
        topic,
        minimum=Decimal(0),
        maximum=maximum,
        question=question,
        usual_minimum=USUAL_MONEY_MINIMUM,
        usual_maximum=USUAL_MONEY_MAXIMUM,
    )


def _count(
    name: str, label: str, question: str, help: str, topic: str, maximum: int
) -> Fact:
    return Fact(
        name,
        FactType.INTEGER,
        label,
        help,
        "",
        topic,
        minimum=Decimal(0),
        maximum=Decimal(maximum),
        question=question,
    )


def _yes_no(name: str, label: str, question: str, help: str, topic: str) -> Fact:
    return Fact(name, FactType.BOOLEAN, label, help, "", topic, question=question)


INPUT_FACTS: tuple[Fact, ...] = (
    Fact(
        "district",
        FactType.CHOICE,
        N_("District of registration"),
        N_("The district of the registered address on the business licence."),
        "",
        "location",
        DISTRICTS,
        question=N_("In which district is the enterprise registered?"),
    ),
    Fact(
        "years_since_settlement",
        FactType.INTEGER,
        N_("Years since settling in the district"),
        N_(
            "The year of establishment on the business licence or, for an enterprise "
            "that moved, the year its registration moved to this district."
        ),
        N_("years"),
        "enterprise",
        minimum=Decimal(0),
        maximum=Decimal(200),
        question=N_(
            "In which year did the enterprise register in its district, or move its "
            "registration there?"
        ),
        asked_as_year=True,
    ),
    Fact(
        "enterprise_type",
        FactType.CHOICE,
        N_("Type of enterprise"),
        N_(
            "A production-type enterprise mainly makes products; a research-and-"
            "development-type enterprise mainly does research and development."
        ),
        "",
        "enterprise",
        ENTERPRISE_TYPES,
        question=N_("What type of enterprise is it?"),
    ),
    Fact(
        "years_in_business",
        FactType.NUMBER,
        N_("Years in business"),
        N_(
            "Count from the date of establishment on the business licence; 1.5 means "
            "a year and a half."
        ),
        N_("years"),
        "enterprise",
        minimum=Decimal(0),
        maximum=Decimal(200),
        question=N_("How many years has the enterprise been in business?"),
    ),
    Fact(
        "industry_code",
        FactType.CODE,
        N_("Industry code"),
        N_(
            "The two-digit major category of the national industrial classification "
            "(GB/T 4754) in its statistical registration: for example 64 internet and "
            "related services, 65 software and information technology services."
        ),
        "",
        "enterprise",
        pattern="[0-9]{2}",
        question=N_("What is the enterprise’s industry code?"),
    ),
    _yes_no(
        "advanced_manufacturing",
        N_("In advanced manufacturing"),
        N_("Is the enterprise in the advanced manufacturing industry?"),
        N_("Answer no if its business is in the prohibited catalogue."),
        "enterprise",
    ),
    Fact(
        "tech_fields",
        FactType.CHOICES,
        N_("Technology fields"),
        N_(
            "The fields of its main products, services or research; choose all "
            "that apply."
        ),
        "",
        "enterprise",
        TECH_FIELDS,
        question=N_("Which technology fields does the enterprise work in?"),
    ),
    _yes_no(
        "above_designated_size",
        N_("Above designated size"),
        N_(
            "Is the enterprise included in the statistics of enterprises above "
            "designated size?"
        ),
        N_(
            "That is, the statistics bureau counts it among the enterprises above "
            "its industry’s size threshold (规模以上企业), and it files the "
            "statistical reports they file."
        ),
        "recognition",
    ),
    _yes_no(
        "newly_above_designated_size",
        N_("Newly above designated size"),
        N_("Was %(latest_year)s the first year it was included in those statistics?"),
        N_(
            "The year the statistics bureau entered it in the register of enterprises "
            "above designated size."
        ),
        "recognition",
    ),
    _yes_no(
        "high_tech_enterprise",
        N_("High-tech enterprise"),
        N_("Does the enterprise hold a valid high-tech enterprise certificate?"),
        N_(
            "The high-tech enterprise certificate is valid for three years from the "
            "date on it."
        ),
        "recognition",
    ),
    _yes_no(
        "specialized_sophisticated",
        N_("Specialized and sophisticated enterprise"),
        N_(
            "Is the enterprise recognised as a specialized and sophisticated "
            "enterprise that produces new and unique products?"
        ),
        N_(
            "The “专精特新” recognition: the enterprise is on the list of recognised "
            "enterprises that the municipal or national authorities publish."
        ),
        "recognition",
    ),
    _yes_no(
        "district_key_enterprise",
        N_("District key enterprise"),
        N_("Is the enterprise one of its district’s key enterprises?"),
        N_(
            "Recognised as such by the district, for example on its list of key "
            "enterprises; the district’s enterprise service office can confirm it."
        ),
        "recognition",
    ),
    _money(
        "revenue_latest_year",
        N_("Revenue in the latest year"),
        N_("What was the enterprise’s business revenue in %(latest_year)s?"),
        N_(
            "Operating revenue in the income statement of that year’s annual "
            "financial statements."
        ),
        "revenue",
    ),
    _money(
        "revenue_previous_year",
        N_("Revenue in the previous year"),
        N_("What was its business revenue in %(previous_year)s?"),
        N_("From that year’s income statement."),
        "revenue",
    ),
    _money(
        "revenue_two_years_ago",
        N_("Revenue two years before the latest"),
        N_("What was its business revenue in %(year_before_previous)s?"),
        N_("From that year’s income statement."),
        "revenue",
    ),
    _money(
        "highest_revenue_before_latest_year",
        N_("Highest revenue before the latest year"),
        N_(
            "What was its highest business revenue in any one year before "
            "%(latest_year)s?"
        ),
        N_(
            "The largest annual operating revenue in the income statements of the "
            "earlier years; it tells whether a revenue milestone was crossed for the "
            "first time."
        ),
        "earlier_peaks",
    ),
    _money(
        "output_value_latest_year",
        N_("Output value in the latest year"),
        N_("What was the enterprise’s industrial output value in %(latest_year)s?"),
        N_(
            "Gross industrial output value as the enterprise reports it to the "
            "statistics bureau; it is not the same as revenue."
        ),
        "revenue",
    ),
    _money(
        "highest_output_value_before_latest_year",
        N_("Highest output value before the latest year"),
        N_(
            "What was its highest industrial output value in any one year before "
            "%(latest_year)s?"
        ),
        N_("From the statistical reports of the earlier years."),
        "earlier_peaks",
    ),
    _money(
        "revenue_q1_current_year",
        N_("First-quarter revenue this year"),
        N_("What was its business revenue in the first quarter of %(this_year)s?"),
        N_("January to March, from the quarterly income statement."),
        "quarter",
    ),
    _money(
        "revenue_q1_previous_year",
        N_("First-quarter revenue last year"),
        N_("What was its business revenue in the first quarter of %(latest_year)s?"),
        N_("January to March of that year."),
        "quarter",
    ),
    _count(
        "insured_employees_now",
        N_("Insured employees now"),
        N_("How many employees does the enterprise pay social insurance for now?"),
        N_("The number on its latest social insurance payment record."),
        "employees",
        10_000_000,
    ),
    _count(
        "insured_employees_previous_year_end",
        N_("Insured employees at the end of the latest year"),
        N_("How many did it pay social insurance for at the end of %(latest_year)s?"),
        N_("The number on that December’s payment record."),
        "employees",
        10_000_000,
    ),
    _money(
        "rd_expense_latest_year",
        N_("R&D expenses in the latest year"),
        N_(
            "How much did the enterprise spend on research and development in "
            "%(latest_year)s?"
        ),
        N_(
            "Research and development expenses in the income statement of that "
            "year’s annual financial statements."
        ),
        "rd",
    ),
    _money(
        "rd_expense_previous_year",
        N_("R&D expenses in the previous year"),
        N_("How much did it spend on research and development in %(previous_year)s?"),
        N_("From that year’s income statement."),
        "rd",
    ),
    _money(
        "rd_expense_two_years_ago",
        N_("R&D expenses two years before the latest"),
        N_(
            "How much did it spend on research and development in "
            "%(year_before_previous)s?"
        ),
        N_("From that year’s income statement."),
        "rd",
    ),
    Fact(
        "domestic_rd_share_pct",
        FactType.PERCENT,
        N_("Share of R&D expenses incurred in China"),
        N_(
            "R&D expenses incurred in China divided by all R&D expenses, as a "
            "percentage: 100 when all of it is spent in China. A high-tech enterprise "
            "application reports both figures."
        ),
        "%",
        "rd",
        minimum=Decimal(0),
        maximum=Decimal(100),
        question=N_("What share of its R&D expenses was incurred in China?"),
        usual_minimum=Decimal(1),  # "0.5" is likelier half than half a percent
    ),
    _money(
        "equity_investment_this_year",
        N_("Equity investment received this year"),
        N_(
            "How much equity investment has it received from investment institutions "
            "in %(this_year)s?"
        ),
        N_(
            "Add up every round received this year, as paid in under the investment "
            "agreements."
        ),
        "equity",
    ),
    _money(
        "office_rent_annual",
        N_("Annual office rent"),
        N_("How much rent does the enterprise pay a year for its offices there?"),
        N_("The annual rent in the lease contract, before any subsidy."),
        "premises",
        Decimal("1e12"),
    ),
    Fact(
        "office_area_m2",
        FactType.NUMBER,
        N_("Office area"),
        N_("The leased floor area in the lease contract."),
        "m²",
        "premises",
        minimum=Decimal(0),
        maximum=Decimal(10_000_000),
        question=N_("How large are those offices?"),
    ),
    _money(
        "special_funds_received",
        N_("Special funds received this year"),
        N_(
            "How much has it received in %(this_year)s in special funds for national "
            "or municipal major science and technology projects?"
        ),
        N_(
            "Add up the funds allocated to the enterprise this year under the "
            "projects’ task agreements."
        ),
        "research_projects",
        MAX_MONEY_PROJECT,
    ),
    _money(
        "innovation_platform_total_investment",
        N_("Total investment in an innovation platform"),
        N_(
            "What is the total investment in the innovation platform it set up in "
            "the district with a university or research institute?"
        ),
        N_("The total in the platform’s agreement or budget, fixed assets included."),
        "research_projects",
        MAX_MONEY_PROJECT,
    ),
    _money(
        "innovation_platform_fixed_asset_investment",
        N_("Innovation platform fixed-asset investment"),
        N_("How much of that total is investment in fixed assets?"),
        N_("Buildings, equipment and instruments for the platform."),
        "research_projects",
        MAX_MONEY_PROJECT,
    ),
    _count(
        "standards_international_top2",
        N_("International standards (top two drafter)"),
        N_(
            "How many international standards published in %(latest_year)s list the "
            "enterprise first or second among their drafters?"
        ),
        N_(
            "Count each standard once, at its highest level: an international "
            "standard later adopted as a national one counts here only."
        ),
        "standards",
        1000,
    ),
    _count(
        "standards_national_top2",
        N_("National standards (top two drafter)"),
        N_(
            "How many national standards published in %(latest_year)s list it first "
            "or second among their drafters?"
        ),
        N_("A standard’s foreword lists its drafting organisations in order."),
        "standards",
        1000,
    ),
    _count(
        "standards_industry_or_beijing_top2",
        N_("Industry or Beijing standards (top two drafter)"),
        N_(
            "How many industry or Beijing local standards published in "
            "%(latest_year)s list it first or second among their drafters?"
        ),
        N_("A standard’s foreword lists its drafting organisations in order."),
        "standards",
        1000,
    ),
    _count(
        "first_set_products_certified",
        N_("Certified first-set products"),
        N_("How many of its products were certified in %(latest_year)s?"),
        N_(
            "Count the products and materials in Beijing’s certified first (set of) "
            "major technical equipment and first-batch new material applications."
        ),
        "certified_products",
        1000,
    ),
    _count(
        "national_sti_progress_awards",
        N_("National science and technology progress awards"),
        N_(
            "How many National Awards for Scientific and Technological Progress did "
            "it win in %(latest_year)s?"
        ),
        N_("Count each award whose certificate names the enterprise as a winner."),
        "awards",
        100,
    ),
    _count(
        "beijing_sti_progress_awards",
        N_("Beijing science and technology progress awards"),
        N_(
            "How many Beijing Awards for Scientific and Technological Progress did it "
            "win in %(latest_year)s?"
        ),
        N_("Count each award whose certificate names the enterprise as a winner."),
        "awards",
        100,
    ),
    _money(
        "commercialization_project_investment",
        N_("Commercialisation project investment"),
        N_(
            "What is the total investment of its project commercialising AI technology?"
        ),
        N_(
            "A project bringing disruptive, key and core, or major common "
            "technologies in AI and related fields to market: the total in its "
            "budget. Enter 0 if there is none."
        ),
        "scenarios",
        MAX_MONEY_PROJECT,
    ),
    _yes_no(
        "scenario_solution_selected",
        N_("Application-scenario solution selected"),
        N_(
            "Was a solution of the enterprise selected for the district’s AI "
            "application-scenario plan, and did it pass the assessment?"
        ),
        N_(
            "The district’s plan lists the AI application scenarios it seeks solutions for."
        ),
        "scenarios",
    ),
    _yes_no(
        "demonstration_scenario_project",
        N_("Demonstration scenario project"),
        N_(
            "Is a project of the enterprise recognised as a national or Beijing pilot "
            "or demonstration project of AI application scenarios?"
        ),
        N_(
            "Such projects are on the list of pilot or demonstration projects that a "
            "national ministry or a Beijing municipal department publishes."
        ),
        "scenarios",
    ),
    _money(
        "demonstration_scenario_funds_raised",
        N_("Funds raised for the demonstration scenario"),
        N_("How much did the constructor of that application scenario raise for it?"),
        N_(
            "The constructor is the organisation building the scenario, often the "
            "enterprise’s client; count the funds it raised for the project."
        ),
        "scenarios",
        MAX_MONEY_PROJECT,
    ),
    _yes_no(
        "sti_plan_project",
        N_("Project in the district S&T plan"),
        N_(
            "Is a research and development project of the enterprise included in the "
            "district science and technology plan after evaluation?"
        ),
        N_("The plan’s approval notice lists the projects included."),
        "scenarios",
    ),
)


INFINITY = Decimal("Infinity")


def _quotient(part: Decimal, whole: Decimal) -> Decimal:
    """``part / whole``; a zero ``whole`` is only reached as a bound in ``span``,
    where the limit from above stands for it (infinite, or 0 for a zero part)."""
    if whole == 0:
        return INFINITY if part else Decimal(0)
    return part / whole


def _growth_pct(new: Decimal, old: Decimal) -> Decimal:
    return _quotient(new * 100, old) - 100


def _ratio_pct(part: Decimal, whole: Decimal) -> Decimal:
    return _quotient(part * 100, whole)


def _comparisons(
    name: str,
    label: str,
    help: str,
    inputs: tuple[str, ...],
    *links: Callable[[Decimal, Decimal], bool],
) -> Fact:
    """A logical derived fact: each input compared with the next, all must hold."""

    def formula(*args: Decimal) -> bool:
        return all(
            link(a, b) for link, a, b in zip(links, args, args[1:], strict=False)
        )

    return Fact(
        name, FactType.BOOLEAN, label, help, inputs=inputs, formula=formula, chain=links
    )


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
        trend=(1, -1),
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
        trend=(1, -1),
    ),
    Fact(
        "revenue_net_increase_latest",
        FactType.MONEY,
        N_("Net increase in revenue in the latest year"),
        N_("Revenue of the latest year minus that of the previous year."),
        CNY,
        inputs=("revenue_latest_year", "revenue_previous_year"),
        formula=lambda a, b: a - b,
        trend=(1, -1),
    ),
    Fact(
        "revenue_q1_net_increase",
        FactType.MONEY,
        N_("Net increase in first-quarter revenue"),
        N_("First-quarter revenue this year minus that of the previous year."),
        CNY,
        inputs=("revenue_q1_current_year", "revenue_q1_previous_year"),
        formula=lambda a, b: a - b,
        trend=(1, -1),
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
        trend=(1, -1),
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
        trend=(1, -1),
    ),
    _comparisons(
        "insured_employees_not_reduced",
        N_("Insured employees not reduced"),
        N_(
            "Insured employees now are at least as many as at the end of the latest year."
        ),
        ("insured_employees_now", "insured_employees_previous_year_end"),
        operator.ge,
    ),
    _comparisons(
        "rd_expense_rising_two_years",
        N_("R&D expenses rising two years running"),
        N_("R&D expenses rose in each of the last two years."),
        (
            "rd_expense_latest_year",
            "rd_expense_previous_year",
            "rd_expense_two_years_ago",
        ),
        operator.gt,
        operator.gt,
    ),
    Fact(
        "sti_progress_awards_total",
        FactType.INTEGER,
        N_("Science and technology progress awards in all"),
        N_("National and Beijing awards added together."),
        inputs=("national_sti_progress_awards", "beijing_sti_progress_awards"),
        formula=lambda a, b: a + b,
        trend=(1, 1),
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
        trend=(1, 1, 1),
    ),
)

CATALOGUE: Mapping[str, Fact] = {
    fact.name: fact for fact in INPUT_FACTS + DERIVED_FACTS
}
TOPIC_BY_SLUG: Mapping[str, Topic] = {topic.slug: topic for topic in TOPICS}


def derive(profile: Mapping[str, object]) -> dict[str, object]:
    """Return every catalogue fact's value for ``profile``, derived facts included.

    Inputs arrive already typed (Decimal for numbers, bool, str, frozenset for
    ``tech_fields``). An absent input is ``MISSING``. A derived fact is
    ``DIVISOR_ZERO`` when its divisor is zero, whatever the other inputs; a logical
    one that the known inputs already settle takes that value (``_settled``);
    otherwise a derived fact with an absent input is ``MISSING``. The divisor is
    tested rather than the division trapped, because Decimal reports 0/0 as an
    invalid operation, not as a division by zero.
    """
    get = profile.get
    values: dict[str, object] = {name: get(name, MISSING) for name in _INPUT_NAMES}
    for fact, name, inputs, divisor, formula in _DERIVATIONS:
        args = [values[i] for i in inputs]
        if divisor and values[divisor] == 0:
            values[name] = DIVISOR_ZERO
        elif MISSING in args:  # Unknown compares by identity only
            values[name] = _settled(fact, args)
        else:
            values[name] = formula(*args)
    return values


# ``derive`` runs once per check and once per enterprise of a population run (a
# million in a benchmark): its loop reads these plain tuples, not attributes.
_INPUT_NAMES = tuple(fact.name for fact in INPUT_FACTS)
_DERIVATIONS = tuple(
    (fact, fact.name, fact.inputs, fact.divisor, fact.formula) for fact in DERIVED_FACTS
)


def _settled(fact: Fact, args: list[object]) -> object:
    """A chain of comparisons in three-valued logic: false as soon as one comparison
    is false (false and unknown = false), or when two figures given leave no room
    for the missing ones between them (``a > b > c`` with only b missing needs
    a > c); true when every comparison is; else ``MISSING``."""
    if not fact.chain:
        return MISSING
    results = [
        _compared(link, fact.inputs[i : i + 2], args[i : i + 2])
        for i, link in enumerate(fact.chain)
    ]
    given = [i for i, arg in enumerate(args) if arg is not MISSING]
    for i, j in zip(given, given[1:], strict=False):
        links = fact.chain[i:j]
        composed = operator.gt if operator.gt in links else operator.ge
        results.append(composed(args[i], args[j]))
    if False in results:
        return False
    return True if all(results) else MISSING


def _compared(
    link: Callable[[Decimal, Decimal], bool],
    names: tuple[str, ...],
    args: list[object],
) -> bool | None:
    """One comparison, decided while one side is missing when both of that side's
    extremes give the same answer (a comparison is monotone in each side)."""
    if MISSING not in args:
        return link(*args)
    if all(arg is MISSING for arg in args):
        return None
    side = args.index(MISSING)
    answers = set()
    for extreme in _extremes(names[side]):
        trial = list(args)
        trial[side] = extreme
        answers.add(link(*trial))
    return answers.pop() if len(answers) == 1 else None


def _extremes(name: str) -> tuple[Decimal, Decimal]:
    fact = CATALOGUE[name]
    return fact.minimum, fact.maximum


def span(fact: Fact, values: Mapping[str, object]) -> tuple[Decimal, Decimal, bool]:
    """The lowest and highest values a derived number with a ``trend`` can take,
    given the inputs known (each missing input anywhere between its minimum and
    maximum), and whether it may be undefined because its divisor is missing.

    A trend makes the extremes lie at the inputs' extremes, so two evaluations
    suffice; at a divisor of 0 the formula gives its limit (see ``_quotient``).
    """
    args = [values[name] for name in fact.inputs]
    ends = []
    for direction in (-1, 1):
        trial = [
            _extremes(name)[(sign * direction) > 0] if arg is MISSING else arg
            for name, arg, sign in zip(fact.inputs, args, fact.trend, strict=True)
        ]
        ends.append(fact.formula(*trial))
    undefined = bool(fact.divisor) and values[fact.divisor] is MISSING
    return ends[0], ends[1], undefined
