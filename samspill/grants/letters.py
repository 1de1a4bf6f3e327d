"""The award and rejection letters as DOCX; the PDF is `grants/letter_pdf.html`. Both lay
out the same text from `services.letter_content`."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samspill.core.documents import docx_bytes


def letter_docx(title, paragraphs, nomination):
    from docx import Document

    document = Document()
    document.add_paragraph(_("Norsk kulturskoleråd"))
    document.add_paragraph(date_format(timezone.localdate(), "DATE_FORMAT"))
    document.add_paragraph(
        f"{nomination.nominee_name}\n{nomination.municipality.name} " + _("kommune")
    )
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    return docx_bytes(document)
