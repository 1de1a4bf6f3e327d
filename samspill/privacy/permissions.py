"""Who may do what with personal data.

Everyone signed in reads the privacy page (what Samspill stores and why). Only
administrators export everything about a person, and delete or anonymise a person.
"""

from samspill.core.permissions import is_administrator


def can_manage_personal_data(user):
    return is_administrator(user)
