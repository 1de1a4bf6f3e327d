"""The whole board and the priorities as DOCX, PDF, CSV or XLSX, by theme or by group.

Everyone who may read the board may take it home: NKR's staff and the seminar's own
participants (the session remembers them). Hidden points stay out (see `export`)."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samspill.core import documents

from .. import export
from ..models import Seminar
from .board import _viewer

CONTENT_TYPES = {
    "docx": documents.DOCX,
    "pdf": documents.PDF,
    "csv": documents.CSV,
    "xlsx": documents.XLSX,
}


@login_not_required
@require_GET
def board_export(request, slug, order, extension):
    seminar = get_object_or_404(Seminar, slug=slug)
    _viewer(request, seminar)
    if order not in export.ORDERS or extension not in CONTENT_TYPES:
        raise Http404
    themes, groups, rows = export.board_export(seminar)
    if extension == "csv":
        content = documents.csv_bytes(export.table_header(), export.table_rows(rows, order))
    elif extension == "xlsx":
        content = documents.xlsx_bytes(
            export.table_header(), export.table_rows(rows, order), title=_("Tavla")
        )
    else:
        parts = export.arrange(themes, groups, rows, order)
        if extension == "docx":
            content = export.board_docx(seminar, parts, order)
        else:
            content = export.board_pdf(seminar, parts, order, request=request)
    name = documents.filename(_("Tavla"), seminar.slug, _("etter"), order, extension=extension)
    return documents.download(content, content_type=CONTENT_TYPES[extension], name=name)


urlpatterns = [
    path(
        "<slug:slug>/eksport/<str:order>.<str:extension>",
        board_export,
        name="board_export",
    ),
]
