"""Who may do what with personal data.

Everyone signed in reads the privacy page (what Samspill stores and why). Only
administrators export everything about a person, and delete or anonymise a person.
"""

from samspill.accounts.models import Role


def can_manage_personal_data(user):
    return user.is_authenticated and (user.is_superuser or user.role == Role.ADMINISTRATOR)
