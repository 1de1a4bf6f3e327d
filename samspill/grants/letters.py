"""Letters as DOCX: the award and rejection letters to nominees and the decision letters
to municipalities; the PDF is `grants/letter_pdf.html`. Both lay out the same text from
`services.letter_content` or `services.decision_letter_content`."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samspill.core.documents import docx_bytes


def letter_docx(title, paragraphs, nomination=None, *, recipient=None):
    from docx import Document

    if recipient is None:
        recipient = f"{nomination.nominee_name}\n" + _("%(municipality)s kommune") % {
            "municipality": nomination.municipality.name
        }
    document = Document()
    document.add_paragraph(_("Norsk kulturskoleråd"))
    document.add_paragraph(date_format(timezone.localdate(), "DATE_FORMAT"))
    document.add_paragraph(recipient)
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    return docx_bytes(document)
