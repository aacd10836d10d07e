"""SNI 2007: a company's five-digit industry code, and the section letter (A–U) that groups it.

The section follows from the first two digits (the division); the table is SCB's.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from karlshamn_portal.numbers import only_digits


class IndustrySection(models.TextChoices):
    A = "A", _("Agriculture, forestry and fishing")
    B = "B", _("Mining and quarrying")
    C = "C", _("Manufacturing")
    D = "D", _("Electricity, gas, steam and air conditioning supply")
    E = "E", _("Water supply, sewerage, waste management and remediation")
    F = "F", _("Construction")
    G = "G", _("Wholesale and retail trade, repair of motor vehicles")
    H = "H", _("Transportation and storage")
    I = "I", _("Accommodation and food service activities")  # noqa: E741 (SCB's letter)
    J = "J", _("Information and communication")
    K = "K", _("Financial and insurance activities")
    L = "L", _("Real estate activities")
    M = "M", _("Professional, scientific and technical activities")
    N = "N", _("Administrative and support service activities")
    O = "O", _("Public administration and defence")  # noqa: E741 (SCB's letter)
    P = "P", _("Education")
    Q = "Q", _("Human health and social work activities")
    R = "R", _("Arts, entertainment and recreation")
    S = "S", _("Other service activities")
    T = "T", _("Activities of households as employers")
    U = "U", _("Activities of extraterritorial organisations")


# The first division of each section, in order; a division belongs to the last section that
# starts at or below it. Divisions SCB does not use (04, 34, 40, ...) fall inside a range and
# are rejected by the import as unknown codes.
_SECTION_STARTS = [
    (1, "A"),
    (5, "B"),
    (10, "C"),
    (35, "D"),
    (36, "E"),
    (41, "F"),
    (45, "G"),
    (49, "H"),
    (55, "I"),
    (58, "J"),
    (64, "K"),
    (68, "L"),
    (69, "M"),
    (77, "N"),
    (84, "O"),
    (85, "P"),
    (86, "Q"),
    (90, "R"),
    (94, "S"),
    (97, "T"),
    (99, "U"),
]
_UNUSED_DIVISIONS = {4, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89}
_LAST_DIVISION = 99


def section_of(sni_code: str) -> str | None:
    """The section letter of a five-digit SNI 2007 code, or None when it is not one."""
    if len(sni_code) != 5 or not only_digits(sni_code):
        return None
    division = int(sni_code[:2])
    if division < 1 or division > _LAST_DIVISION or division in _UNUSED_DIVISIONS:
        return None
    letter = None
    for start, section in _SECTION_STARTS:
        if division >= start:
            letter = section
    return letter
