"""Forms of development programmes. Forms validate input; views call services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Programme


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "name",
            "slug",
            "subtitle",
            "introduction",
            "purpose",
            "target_group",
            "background",
            "goals",
            "competence_goals",
            "method",
            "organisation",
            "preparation",
            "obligations",
            "period_start",
            "period_end",
            "semesters",
            "fee",
            "instalment_count",
            "invoicing_rule",
            "covers",
            "participants_pay",
            "contact_person",
            "contact_title",
            "call_opens",
            "call_closes",
            "is_published",
            "contract_heading",
            "contract_subheading",
            "contract_basis",
            "contract_period",
            "contract_place_date",
            "nkr_signatory_name",
            "nkr_signatory_title",
        ]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "call_opens": DateInput(),
            "call_closes": DateInput(),
        }
        help_texts = {"slug": _("Små bokstaver, tall og bindestrek, f.eks. fremtidens-2026.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from samspill.members.models import Person

        # The contact person is someone at NKR.
        self.fields["contact_person"].queryset = Person.objects.filter(
            organisation__kind="nkr"
        ).order_by("last_name", "first_name")
