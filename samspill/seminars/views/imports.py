"""Import of a Padlet board and the review queue of what could not be placed."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from samspill.core.permissions import require

from .. import padlet, permissions
from ..importing import seminar_import_board, unreadable_csv
from ..models import Group, Point, Question, Seminar, Theme, UnplacedPost

MAX_UPLOAD = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Padlet-eksport"),
        help_text=gettext_lazy("Teksteksporten (.txt) eller CSV-eksporten (.csv), høyst 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".txt", ".csv")):
            raise ValidationError(_("Velg en .txt- eller .csv-fil fra Padlet."))
        if upload.size > MAX_UPLOAD:
            raise ValidationError(_("Filen er større enn 5 MB."))
        data = upload.read()
        if b"\x00" in data:  # a binary file renamed .txt
            raise ValidationError(_("Filen er ikke en teksteksport fra Padlet."))
        if name.endswith(".csv"):
            return name, data  # the CSV reader finds the encoding itself
        try:
            return name, data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return name, data.decode("cp1252")


class PlaceForm(forms.Form):
    group = forms.ModelChoiceField(label=gettext_lazy("Gruppe"), queryset=Group.objects.none())
    question = forms.ModelChoiceField(
        label=gettext_lazy("Spørsmål"), queryset=Question.objects.none()
    )
    text = forms.CharField(label=gettext_lazy("Tekst"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, seminar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = seminar.groups.all()
        self.fields["question"].queryset = Question.objects.filter(
            theme__seminar=seminar
        ).select_related("theme")
        self.fields["question"].label_from_instance = lambda q: (
            f"{q.theme.number}.{q.number} {q.text[:80]}"
        )


def _organised(request, slug):
    seminar = get_object_or_404(Seminar, slug=slug)
    require(permissions.can_organise(request.user, seminar))
    return seminar


@require_http_methods(["GET", "POST"])
def import_board(request, slug):
    seminar = _organised(request, slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, content = form.cleaned_data["file"]
        try:
            parse = padlet.parse_csv if name.endswith(".csv") else padlet.parse_text
            summary = seminar_import_board(seminar=seminar, board=parse(content))
        except padlet.PadletError as error:
            form.add_error("file", unreadable_csv(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, str(summary))
            return redirect("seminars:unplaced_list", slug=seminar.slug)
    return render(request, "seminars/import_form.html", {"seminar": seminar, "form": form})


@require_http_methods(["GET", "POST"])
def unplaced_list(request, slug):
    """The review queue: every imported post that is not in a box yet."""
    seminar = _organised(request, slug)
    waiting = seminar.unplaced.filter(placed_as__isnull=True)
    if request.method == "POST":
        item = get_object_or_404(waiting, pk=request.POST.get("post"))
        form = PlaceForm(request.POST, seminar=seminar, prefix=f"p{item.pk}")
        if form.is_valid():
            _place(item, **form.cleaned_data)
            messages.success(request, _("Innlegget er plassert i gruppens boks."))
            return redirect(reverse("seminars:unplaced_list", args=[seminar.slug]))
        forms_by_item = {item.pk: form}
    else:
        forms_by_item = {}
    items = [
        (
            item,
            forms_by_item.get(item.pk)
            or PlaceForm(seminar=seminar, prefix=f"p{item.pk}", initial={"text": item.text}),
        )
        for item in waiting
    ]
    return render(
        request,
        "seminars/unplaced_list.html",
        {"seminar": seminar, "items": items, "placed": seminar.unplaced.exclude(placed_as=None)},
    )


@transaction.atomic
def _place(item: UnplacedPost, *, group, question, text):
    theme: Theme = question.theme
    point = Point.objects.create(
        group=group, theme=theme, question=question, text=text, imported=True
    )
    item.placed_as = point
    item.save(update_fields=["placed_as"])
    return point


urlpatterns = [
    path("<slug:slug>/import/", import_board, name="import_board"),
    path("<slug:slug>/uplasserte/", unplaced_list, name="unplaced_list"),
]
