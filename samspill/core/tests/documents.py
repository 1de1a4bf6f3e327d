"""Reading back the documents Samspill makes, to test what a reader sees in them."""

import io
import re
import shutil
import subprocess
import zlib


def docx_text(content):
    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(paragraph.text for paragraph in cell.paragraphs)
    return "\n".join(parts)


def pdf_text(content):
    """The PDF's text with pypdf or poppler's pdftotext when there; otherwise the document
    title WeasyPrint writes into the PDF's (compressed) info dictionary."""
    try:
        from pypdf import PdfReader
    except ImportError:
        PdfReader = None
    if PdfReader is not None:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
        ).stdout.decode()
    texts = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            data = zlib.decompress(stream)
        except zlib.error:
            continue
        for title in re.findall(rb"/Title\s*<feff([0-9a-fA-F]*)>", data):
            texts.append(bytes.fromhex(title.decode()).decode("utf-16-be"))
        texts.extend(m.decode("latin-1") for m in re.findall(rb"/Title\s*\(([^)]*)\)", data))
    return "\n".join(texts)
