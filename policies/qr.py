"""QR codes of the portal's addresses, as SVG: one look for every printout.

Error correction level M survives a creased or smudged page. The SVG has no
inline style, so it passes the pages' Content Security Policy whether it is
served as an image (``views_qr``) or carried in the page as a ``data:`` URI.
"""

import base64
import io

import segno


def qr_svg(address: str) -> bytes:
    """The QR code of ``address``, as an SVG document without an XML declaration."""
    svg = io.BytesIO()
    segno.make(address, error="m").save(
        svg, kind="svg", border=4, light="#fff", omitsize=True, xmldecl=False, nl=False
    )
    return svg.getvalue()


def qr_data_uri(address: str) -> str:
    """``qr_svg`` as a ``data:`` URI, for an address too long to go in ``/qr.svg``'s
    query (a share link) or too private to go through a cache."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(address)).decode()
