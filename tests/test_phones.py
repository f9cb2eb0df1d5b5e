"""Phone numbers as each language writes them: the guide's +86-10-… on English
pages, 010-… on Chinese ones, and a tel: link that dials from anywhere."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from policies import phones


@pytest.mark.parametrize(
    ("international", "domestic"),
    [
        ("+86-10-55578513", "010-55578513"),
        ("+86 10 6471 3621", "010-64713621"),
        ("+86-21-12345678", "021-12345678"),
        ("+86-13812345678", "13812345678"),  # a mobile has no trunk prefix
        ("+852-2345-6789", "+852-2345-6789"),  # not the mainland: unchanged
        ("010-55578513", "010-55578513"),  # already domestic
    ],
)
def test_a_mainland_number_is_written_the_domestic_way(international, domestic):
    assert phones.domestic(international) == domestic


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("zh-hans", ">010-55578513</a>", ">+86-10-55578513</a>"),
        ("en", ">+86-10-55578513</a>", ">010-55578513</a>"),
    ],
)
def test_a_policy_page_writes_its_phone_number_as_its_language_does(
    client, language, shown, not_shown
):
    call_command("loaddata", "content", verbosity=0)
    with translation.override(language):
        url = reverse("policies:policy", kwargs={"code": "BJ-1"})

    html = client.get(url).content.decode()

    assert shown in html
    assert not_shown not in html
    assert 'href="tel:+861055578513"' in html
