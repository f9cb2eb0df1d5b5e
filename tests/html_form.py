"""Read a rendered HTML form the way a browser submits it.

Building a POST from the form objects in a response's context trusts the form's
values, not what the page offers: a select rendered without the stored option
still "posts" the stored value there, while a browser posts the first option. Reading
the HTML instead makes a test fail exactly where a member of staff would.
"""

from html.parser import HTMLParser

FormData = dict[str, list[str]]
_NOT_SENT = {"submit", "button", "reset", "image", "file"}


class _FormReader(HTMLParser):
    """Collects the successful controls of the form with ``id="form_id"``."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.found = False
        self.data: FormData = {}
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form" and attributes.get("id") == self.form_id:
            self.inside = self.found = True
        if not self.inside:
            return
        if tag == "input":
            self._input(attributes)
        elif tag == "select":
            self._select = {**attributes, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = {**attributes, "text": ""}
            self._select["options"].append(self._option)
        elif tag == "textarea":
            self._textarea = {**attributes, "text": ""}

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            self._close_select(self._select)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"]
            # A browser drops the newline that follows the opening tag.
            text = text[1:] if text.startswith("\n") else text
            self._add(self._textarea, text.replace("\n", "\r\n"))
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option["text"] += data
        elif self._textarea is not None:
            self._textarea["text"] += data

    def _input(self, attributes: dict) -> None:
        kind = attributes.get("type", "text").lower()
        if kind in _NOT_SENT:
            return
        if kind in ("checkbox", "radio"):
            if "checked" in attributes:
                self._add(attributes, attributes.get("value", "on"))
            return
        self._add(attributes, attributes.get("value", ""))

    def _close_select(self, select: dict) -> None:
        options = [o for o in select["options"] if "disabled" not in o]
        chosen = [o for o in options if "selected" in o]
        if "multiple" not in select:
            # One choice: the last marked selected, else the first on offer.
            chosen = chosen[-1:] or options[:1]
        for option in chosen:
            self._add(select, option.get("value", option["text"].strip()))

    def _add(self, attributes: dict, value: str) -> None:
        name = attributes.get("name")
        if name and "disabled" not in attributes:
            self.data.setdefault(name, []).append(value)


def form_data(html: str, form_id: str) -> FormData:
    """The name/value pairs a browser would send for the form ``form_id``."""
    reader = _FormReader(form_id)
    reader.feed(html)
    reader.close()
    if not reader.found:
        raise AssertionError(f"No form with id {form_id!r} on the page.")
    return reader.data
