"""QR codes for feedback links, drawn on the server as SVG and embedded as a data: URI, so the page
needs no script and the Content-Security-Policy (img-src 'self' data:) holds."""

import segno


def qr_data_uri(url, *, scale=6):
    # Error correction "M" keeps the code readable through a crease or a smudge on a printed card.
    code = segno.make_qr(url, error="m")
    return code.svg_data_uri(scale=scale, border=2, dark="#000", light="#fff", omitsize=False)
