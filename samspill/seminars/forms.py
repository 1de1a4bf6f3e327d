"""Forms of dialogue seminars. Forms validate input; views call services.

Shared file: append new forms at the end of the file.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samspill.accounts.models import NKR_ROLES, User
from samspill.members.models import Municipality

from .models import (
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    Group,
    GroupRole,
    Question,
    Seminar,
    Theme,
)
from .services import RESERVED_SLUGS

# --- Set-up by organisers (helper S) --------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def organiser_candidates():
    """NKR's staff and elected members, the people who may organise a seminar."""
    return User.objects.filter(
        Q(is_superuser=True) | Q(role__in=sorted(NKR_ROLES)), is_active=True
    ).order_by("first_name", "last_name", "email")


class SeminarForm(forms.ModelForm):
    class Meta:
        model = Seminar
        fields = ["title", "slug", "starts_on", "ends_on", "places", "organisers"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "places": forms.Textarea(attrs={"rows": 5}),
            "organisers": forms.CheckboxSelectMultiple(attrs={"class": "ds-input"}),
        }
        help_texts = {
            "slug": _(
                "Små bokstaver, tall og bindestrek, f.eks. dialogseminar-2026. "
                "Står feltet tomt, lages kortnavnet av tittelen."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["organisers"].queryset = organiser_candidates()

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("Dette kortnavnet brukes av Samspill selv."))
        return slug


#: How groups organised themselves in seed 002 ("Organisering av gruppen").
DEFAULT_GROUP_ORGANISATION = _(
    "Velg en møteleder og tidtaker\nVelg en skriver\nVelg en som holder dere på sporet tematisk"
)
#: Seed 002's "Hvordan svarer vi?", for a board in Samspill instead of Padlet.
DEFAULT_INSTRUCTIONS = _(
    "Skriv gruppens innspill under hvert spørsmål i gruppens boks, gjerne i stikkordsform. "
    "Gruppene prioriterer selv tid og spørsmål. Til slutt prioriterer dere 1–3 punkter "
    "dere vil melde tilbake fra gruppen."
)


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["number", "title", "introduction", "instructions", "group_organisation"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 8}),
            "instructions": forms.Textarea(attrs={"rows": 6}),
            "group_organisation": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, seminar, **kwargs):
        super().__init__(*args, **kwargs)
        self.seminar = seminar

    def clean_number(self):
        number = self.cleaned_data["number"]
        clash = Theme.objects.filter(seminar=self.seminar, number=number)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("Seminaret har allerede et dialogtema med dette nummeret.")
            )
        return number


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["number", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def has_changed(self):
        """A new row without a question is an empty row, whatever its number says."""
        if self.instance.pk is None and not self.data.get(self.add_prefix("text"), "").strip():
            return False
        return super().has_changed()


class BaseQuestionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            question = form.instance
            if question.pk and question.points.exists():
                raise forms.ValidationError(
                    _(
                        "Spørsmål %(number)s har svar på tavla og kan ikke slettes. "
                        "Endre teksten i stedet."
                    )
                    % {"number": question.number}
                )


QuestionFormSet = forms.inlineformset_factory(
    Theme,
    Question,
    form=QuestionForm,
    formset=BaseQuestionFormSet,
    extra=3,
    can_delete=True,
)


# --- Joining without an account (helper J) --------------------------------------------


def normalise_join_code(text):
    """ "abcd-efgh", " ABCD EFGH " and "abcdefgh" are the same code."""
    return "".join(c for c in str(text or "").upper() if c.isalnum())


def looks_like_join_code(code):
    return len(code) == JOIN_CODE_LENGTH and all(c in JOIN_CODE_ALPHABET for c in code)


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Deltakerkode"),
        max_length=40,
        help_text=_("Åtte tegn, f.eks. ABCD EFGH."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        return normalise_join_code(self.cleaned_data["code"])


NEW_GROUP = "ny"


class JoinForm(forms.Form):
    """Pick or create a group, and say who you are. Only the group is required."""

    group = forms.ChoiceField(
        label=_("Gruppe"), widget=forms.RadioSelect(attrs={"class": "ds-input"})
    )
    new_group_name = forms.CharField(label=_("Navn på gruppen"), max_length=100, required=False)
    new_group_place = forms.ChoiceField(label=_("Sted eller rom"), required=False)
    new_group_municipalities = forms.CharField(
        label=_("Kommuner i gruppen"),
        max_length=500,
        required=False,
        help_text=_("Kommunene deltakerne kommer fra, f.eks. «Sogndal, Luster, Gloppen»."),
    )
    name = forms.CharField(
        label=_("Navnet ditt"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    municipality = forms.CharField(
        label=_("Kommunen du kommer fra"),
        max_length=100,
        required=False,
        help_text=_("Skriv navnet på kommunen, f.eks. Sogndal."),
        widget=forms.TextInput(attrs={"list": "kommuneliste", "autocomplete": "off"}),
    )
    role = forms.CharField(
        label=_("Rollen din i kommunen"),
        max_length=100,
        required=False,
        help_text=_("F.eks. kulturskoleleder, rektor eller kommunalsjef."),
    )
    group_role = forms.ChoiceField(
        label=_("Rollen din i gruppen"),
        choices=GroupRole.choices,
        initial=GroupRole.MEMBER,
        widget=forms.RadioSelect(attrs={"class": "ds-input"}),
    )

    def __init__(self, *args, seminar, names, **kwargs):
        super().__init__(*args, **kwargs)
        self.seminar = seminar
        self.names = names  # services.MunicipalityNames
        self.groups = {str(group.pk): group for group in seminar.groups.all()}
        self.fields["group"].choices = [
            (pk, f"{group.name} ({group.place})" if group.place else group.name)
            for pk, group in self.groups.items()
        ] + [(NEW_GROUP, _("Lag en ny gruppe"))]
        if not self.groups:
            self.fields["group"].initial = NEW_GROUP
        places = [line.strip() for line in seminar.places.splitlines() if line.strip()]
        if places:
            self.fields["new_group_place"].choices = [("", _("Velg sted eller rom"))] + [
                (place, place) for place in places
            ]
        else:
            del self.fields["new_group_place"]

    def clean_municipality(self):
        text = self.cleaned_data["municipality"].strip()
        if not text:
            return None
        municipality = self.names.find(text)
        if municipality is None:
            suggestions = [m.name for m in Municipality.objects.search(text)[:5]]
            if suggestions:
                raise forms.ValidationError(
                    _("Fant ingen kommune som heter «%(text)s». Mente du: %(names)s?")
                    % {"text": text, "names": ", ".join(suggestions)}
                )
            raise forms.ValidationError(
                _(
                    "Fant ingen kommune som heter «%(text)s». "
                    "Skriv navnet slik kommunen heter i dag."
                )
                % {"text": text}
            )
        return municipality

    def clean(self):
        data = super().clean()
        if data.get("group") == NEW_GROUP:
            name = " ".join(data.get("new_group_name", "").split())
            if not name:
                self.add_error("new_group_name", _("Gi den nye gruppen et navn."))
            elif any(g.name.casefold() == name.casefold() for g in self.groups.values()):
                self.add_error(
                    "new_group_name",
                    _("Gruppen «%(name)s» finnes allerede. Velg den i listen over.")
                    % {"name": name},
                )
        return data

    def chosen_group(self):
        """The existing group picked, or None when a new group is to be made."""
        return self.groups.get(self.cleaned_data["group"])


# --- The board, priorities and moderation (helper B) ----------------------------------

#: The longest point a group may write; Padlet posts in seed 002 are far shorter.
POINT_MAX_LENGTH = 2000


def _short(text, length=90):
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


class PointForm(forms.Form):
    """A new point in the group's own box, under one of the theme's questions."""

    question = forms.ModelChoiceField(
        queryset=Question.objects.none(), required=False, widget=forms.HiddenInput
    )
    text = forms.CharField(
        label=_("Nytt punkt"),
        max_length=POINT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = theme.questions.all()

    def clean(self):
        data = super().clean()
        missing = not data.get("question") and "question" not in self.errors
        if missing and self.fields["question"].queryset.exists():
            raise forms.ValidationError(_("Velg hvilket spørsmål punktet svarer på."))
        return data


class PointEditForm(forms.Form):
    text = forms.CharField(
        label=_("Punkt"), max_length=POINT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )


class PointHideForm(forms.Form):
    reason = forms.CharField(
        label=_("Grunn til å skjule"),
        max_length=300,
        help_text=_("Står i moderasjonsloggen og vises for arrangørene, ikke på tavla."),
    )


class QuestionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("Tema %(theme)s, spørsmål %(number)s: %(text)s") % {
            "theme": obj.theme.number,
            "number": obj.number,
            "text": _short(obj.text, 70),
        }


class PointMoveForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Til gruppe"), queryset=Group.objects.none())
    question = QuestionChoiceField(
        label=_("Til spørsmål"),
        queryset=Question.objects.none(),
        required=False,
        empty_label=_("Uten spørsmål"),
    )

    def __init__(self, *args, seminar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = seminar.groups.all()
        self.fields["question"].queryset = Question.objects.filter(
            theme__seminar=seminar
        ).select_related("theme")


class PrioritiesForm(forms.Form):
    """Pri 1 is required; Pri 2 and 3 are optional, but Pri 3 needs a Pri 2."""

    def __init__(self, *args, points, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Velg et punkt"))] + [(str(p.pk), _short(p.text)) for p in points]
        for rank in (1, 2, 3):
            self.fields[f"pri_{rank}"] = forms.ChoiceField(
                label=_("Pri %(rank)s") % {"rank": rank}, choices=choices, required=rank == 1
            )

    def clean(self):
        data = super().clean()
        chosen = [data.get(f"pri_{rank}") or "" for rank in (1, 2, 3)]
        if chosen[2] and not chosen[1]:
            self.add_error("pri_3", _("Velg Pri 2 før Pri 3."))
        picked = [pk for pk in chosen if pk]
        if len(set(picked)) != len(picked):
            raise forms.ValidationError(_("Et punkt kan bare ha én prioritet."))
        return data

    def ranked_ids(self):
        return [
            int(self.cleaned_data[f"pri_{rank}"])
            for rank in (1, 2, 3)
            if self.cleaned_data.get(f"pri_{rank}")
        ]


class DotVoteForm(forms.Form):
    """How many of the group's dots each of the other groups' priorities gets."""

    def __init__(self, *args, candidates, dots, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.dots = dots
        current = current or {}
        for priority in candidates:
            self.fields[f"dots_{priority.point_id}"] = forms.IntegerField(
                label=_("Prikker til «%(text)s» (%(group)s, Pri %(rank)s)")
                % {
                    "text": _short(priority.point.text, 70),
                    "group": priority.group.name,
                    "rank": priority.rank,
                },
                min_value=0,
                max_value=dots,
                initial=current.get(priority.point_id, 0),
                required=False,
            )

    def clean(self):
        data = super().clean()
        total = sum(value or 0 for value in data.values())
        if total > self.dots:
            raise forms.ValidationError(
                _("Dere har %(dots)s prikker, men ga %(total)s.")
                % {"dots": self.dots, "total": total}
            )
        return data

    def dots_by_point_id(self):
        return {
            int(name.removeprefix("dots_")): value or 0 for name, value in self.cleaned_data.items()
        }
