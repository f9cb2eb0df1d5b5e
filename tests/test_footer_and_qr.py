"""A mainland site's footer (ICP filing and public security record numbers, shown once
set) with a problem report that names the page, and printouts whose QR code leads
back to the page's canonical address."""

from urllib.parse import quote

import pytest
import segno
from django.urls import reverse
from django.utils import translation

from .factories import PolicyFactory

pytestmark = pytest.mark.django_db


def test_footer_shows_the_filing_numbers_once_they_are_set(client, settings):
    settings.ICP_LICENSE = "京ICP备12345678号-1"
    settings.PUBLIC_SECURITY_RECORD = "京公网安备 11010502030143号"

    html = client.get(reverse("policies:home")).content.decode()

    assert (
        '<a href="https://beian.miit.gov.cn/" rel="external">京ICP备12345678号-1</a>'
        in (html)
    )
    assert "beian.mps.gov.cn/#/query/webSearch?code=11010502030143" in html
    assert "京公网安备 11010502030143号</a>" in html


def test_footer_has_no_filing_line_when_the_numbers_are_not_set(client, settings):
    settings.ICP_LICENSE = ""
    settings.PUBLIC_SECURITY_RECORD = ""

    html = client.get(reverse("policies:home")).content.decode()

    assert "site-footer__records" not in html
    assert "beian" not in html


def test_problem_report_names_the_page_in_the_subject(client, settings):
    policy = PolicyFactory(code="DC-9")

    html = client.get(policy.get_absolute_url()).content.decode()

    address = settings.PORTAL_BASE_URL + policy.get_absolute_url()
    subject = quote(f"Problem with the page {address}", safe="")
    assert f"mailto:{settings.PORTAL_CONTACT_EMAIL}?subject={subject}&amp;" in html


def test_printed_policy_and_region_pages_carry_a_qr_code_of_their_address(client):
    policy = PolicyFactory(code="DC-9")
    english_policy = policy.get_absolute_url()
    with translation.override("zh-hans"):
        chinese_region = policy.region.get_absolute_url()

    policy_html = client.get(english_policy).content.decode()
    region_html = client.get(chinese_region).content.decode()

    assert english_policy == "/en/policies/DC-9/"
    assert f'<img class="print-qr__code" src="/qr.svg?path={english_policy}"' in (
        policy_html
    )
    assert f'src="/qr.svg?path={chinese_region}"' in region_html
    assert 'class="print-qr print-qr--aside print-only"' in region_html


def test_qr_code_encodes_the_canonical_address_of_a_portal_page(client, settings):
    settings.PORTAL_BASE_URL = "https://ai-policy.example.gov.cn"
    PolicyFactory(code="DC-9")

    response = client.get(reverse("qr") + "?path=/zh-hans/policies/DC-9/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.startswith("<svg") and "style=" not in svg and "<script" not in svg
    expected = segno.make(
        "https://ai-policy.example.gov.cn/zh-hans/policies/DC-9/", error="m"
    )
    same_code = expected.svg_inline(border=4, light="#fff", omitsize=True)
    assert svg.replace(' xmlns="http://www.w3.org/2000/svg"', "") == same_code


@pytest.mark.parametrize(
    "path",
    [
        "https://evil.example/",
        "//evil.example/policies/",
        "/\\evil.example",
        "/en/policies/DC-9/?next=https://evil.example",
        "/no/such/page/",
        "",
    ],
)
def test_qr_code_refuses_anything_but_a_page_of_the_portal(client, path):
    response = client.get(reverse("qr"), {"path": path})

    assert response.status_code == 400
