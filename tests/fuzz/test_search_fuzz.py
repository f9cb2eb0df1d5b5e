"""Whatever is typed in the policy search and its filters, the list answers without
a server error."""

from urllib.parse import quote, urlencode

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from .conftest import FUZZ, odd_text

params = st.dictionaries(
    st.sampled_from(["q", "region", "sort", "page", "status", "lang"]) | odd_text,
    st.one_of(odd_text, st.lists(odd_text, max_size=3)),
    max_size=5,
)


@FUZZ
@given(query=params)
def test_the_policy_list_answers_any_search(client, guide, query):
    response = client.get(
        reverse("policies:policy_list") + "?" + urlencode(query, doseq=True)
    )
    assert response.status_code < 500
    assert response.status_code in {200, 400, 404}


@FUZZ
@given(slug=odd_text)
def test_a_region_of_any_name_is_found_or_a_404(client, guide, slug):
    response = client.get(
        reverse("policies:home") + "regions/" + urlencode({"": slug})[1:] + "/"
    )
    assert response.status_code in {200, 301, 400, 404}


@FUZZ
@given(code=odd_text.filter(lambda c: "/" not in c and c.strip()))
def test_a_policy_page_of_any_code_is_found_or_refused(client, guide, code):
    response = client.get(reverse("policies:policy_list") + quote(code, safe="") + "/")
    assert response.status_code in {200, 301, 400, 404}
