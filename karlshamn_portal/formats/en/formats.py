"""English date formats for a Swedish municipality: day before month and a 24-hour clock, as the
Swedish pages have (Django's own "en" formats are American: "Jan. 5, 2027, 7:30 a.m.").
Swedish uses Django's "sv" formats unchanged; templates name a format ("DATE_FORMAT") rather
than spelling one out, so both languages follow their own rules."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
