"""Small PDF and DOCX files made in the test itself, so no binary fixture sits in the repository."""

import io
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_pdf(*lines: str, title: str = "", author: str = "", note: str = "") -> bytes:
    text_ops = " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
    content = f"BT /F1 12 Tf 72 720 Td {text_ops} ET".encode("latin-1")
    annotations = b" /Annots [7 0 R]" if note else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >>" + annotations + b" >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Title ({title}) /Author ({author}) >>".encode("latin-1"),
        f"<< /Type /Annot /Subtype /Text /Rect [72 72 90 90] /Contents ({note}) >>".encode("latin-1"),
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def _part(paragraphs, root="document"):
    body = "".join(f"<w:p><w:r><w:t xml:space='preserve'>{p}</w:t></w:r></w:p>" for p in paragraphs)
    if root == "document":
        return f"<w:document xmlns:w='{W}'><w:body>{body}</w:body></w:document>"
    return f"<w:{root} xmlns:w='{W}'>{body}</w:{root}>"


def _properties(**values) -> str:
    ns = (
        "xmlns:cp='http://schemas.openxmlformats.org/package/2006/metadata/core-properties'"
        " xmlns:dc='http://purl.org/dc/elements/1.1/' xmlns:dcterms='http://purl.org/dc/terms/'"
    )
    tags = {"title": "dc:title", "author": "dc:creator", "modified_by": "cp:lastModifiedBy", "revision": "cp:revision"}
    body = "".join(f"<{tags[k]}>{v}</{tags[k]}>" for k, v in values.items() if v)
    return f"<cp:coreProperties {ns}>{body}</cp:coreProperties>"


def make_docx(
    *paragraphs: str,
    header: str = "",
    footer: str = "",
    comment: str = "",
    deleted: str = "",
    inserted: str = "",
    **properties: str,
) -> bytes:
    """A DOCX with `paragraphs` as its body; `deleted` and `inserted` are tracked changes in a last
    paragraph, and `properties` (title, author, modified_by, revision) go in docProps/core.xml."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>",
        )
        document = _part(paragraphs)
        if deleted or inserted:
            changes = (
                f"<w:p><w:del w:id='1' w:author='A'><w:r><w:delText>{deleted}</w:delText></w:r></w:del>"
                f"<w:ins w:id='2' w:author='A'><w:r><w:t>{inserted}</w:t></w:r></w:ins></w:p>"
            )
            document = document.replace("</w:body>", changes + "</w:body>")
        archive.writestr("word/document.xml", document)
        if header:
            archive.writestr("word/header1.xml", _part([header], root="hdr"))
        if footer:
            archive.writestr("word/footer1.xml", _part([footer], root="ftr"))
        if comment:
            archive.writestr("word/comments.xml", _part([comment], root="comments"))
        if properties:
            archive.writestr("docProps/core.xml", _properties(**properties))
    return buffer.getvalue()
