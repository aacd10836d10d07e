"""The demo register: about 3,000 fictional Karlshamn companies (kommunkod 1082) in SCB's layout.

`python -m companies.demo_register` writes companies/demo_data/foretagsregister_karlshamn.csv, the
file shipped in the repository (Windows-1252, semicolons, as the municipality gets it). The
spread follows a small Swedish municipality: most companies have 0–4 employees, a few over 500.
Every name, address and number is made up; sole traders get invented personnummer.
"""

import csv
import io
import random
from pathlib import Path

from companies.orgnr import luhn_is_valid
from companies.register_file import LAYOUT

DEMO_FILE = Path(__file__).resolve().parent / "demo_data" / "foretagsregister_karlshamn.csv"
COUNT = 3_000
# Size class and its share in percent.
SIZES = [
    ("0", 60.0),
    ("1-4", 24.0),
    ("5-9", 7.0),
    ("10-19", 4.5),
    ("20-49", 2.8),
    ("50-99", 0.9),
    ("100-199", 0.4),
    ("200-499", 0.25),
    ("500+", 0.15),
]
# Trade word in the name and its SNI 2007 code.
TRADES = [
    ("Bygg", "41200"), ("El", "43210"), ("Måleri", "43341"), ("Bageri", "10710"), ("Fiske", "03111"),
    ("Konsult", "70220"), ("Åkeri", "49410"), ("Café", "56100"), ("Frisör", "96021"),
    ("Redovisning", "69201"), ("VVS", "43221"), ("Trädgård", "81300"), ("Data", "62010"),
    ("Design", "74101"), ("Snickeri", "16230"), ("Båtvarv", "30120"), ("Logistik", "52100"),
    ("Skog", "02100"), ("Lantbruk", "01110"), ("Fastigheter", "68204"), ("Butik", "47190"),
    ("Tandvård", "86230"), ("Hotell", "55101"), ("Bilverkstad", "45200"), ("Livsmedel", "10890"),
    ("Plast", "22290"), ("Städ", "81210"), ("Mekaniska", "25620"), ("Energi", "35111"), ("Hamnservice", "52220"),
]  # fmt: skip
PLACES = [
    "Hamn", "Väst", "Blekinge", "Mörrum", "Asarum", "Svängsta", "Hällaryd", "Tararp", "Vägga",
    "Stilleryd", "Sternö", "Långö", "Kastell", "Piren", "Skeppsbro", "Bodekull", "Matvik", "Hällevik",
]  # fmt: skip
FIRST_NAMES = [
    "Anna",
    "Erik",
    "Sara",
    "Johan",
    "Lena",
    "Mats",
    "Eva",
    "Nils",
    "Karin",
    "Olof",
    "Maria",
    "Per",
]
LAST_NAMES = ["Lindqvist", "Holm", "Berg", "Sjöberg", "Åkesson", "Nyström", "Ek", "Strand", "Hägg", "Blom"]
STREETS = [
    "Drottninggatan", "Ronnebygatan", "Regeringsgatan", "Kungsgatan", "Prinsgatan", "Strandgatan",
    "Väggavägen", "Erik Dahlbergsvägen", "Sölvesborgsvägen", "Östra Piren", "Hamngatan", "Industrivägen",
]  # fmt: skip
TOWNS = [
    ("KARLSHAMN", "374 3", 70),
    ("ASARUM", "374 5", 12),
    ("MÖRRUM", "375 3", 12),
    ("SVÄNGSTA", "376 3", 6),
]
# Legal form, share in percent, the first digits of its organisationsnummer.
LEGAL_FORMS = [
    ("Aktiebolag", 46, "55"),
    ("Enskild näringsidkare", 40, ""),
    ("Handelsbolag", 7, "96"),
    ("Ekonomisk förening", 4, "76"),
    ("Ideell förening", 3, "80"),
]


def _with_check_digit(nine: str) -> str:
    for last in "0123456789":
        if luhn_is_valid(nine + last):
            return f"{nine[:6]}-{nine[6:]}{last}"
    raise AssertionError("one of ten digits always completes a Luhn number")


def _number(rng: random.Random, prefix: str) -> str:
    if prefix:
        # A legal person's third digit is 2 or more, which tells it from a personnummer's month.
        rest = rng.choice("23456789") + "".join(rng.choice("0123456789") for _ in range(6))
        return _with_check_digit(prefix + rest)
    # An invented personnummer: a real date between 1950 and 1999, four made-up digits.
    year, month, day = rng.randint(50, 99), rng.randint(1, 12), rng.randint(1, 28)
    return _with_check_digit(f"{year:02d}{month:02d}{day:02d}{rng.randint(0, 999):03d}")


def rows(count: int = COUNT, seed: int = 1082) -> list[list[str]]:
    rng = random.Random(seed)  # noqa: S311 - made-up demo data, reproducible from the seed
    taken: set[str] = set()
    result: list[list[str]] = []
    while len(result) < count:
        form, _share, prefix = rng.choices(LEGAL_FORMS, weights=[f[1] for f in LEGAL_FORMS])[0]
        number = _number(rng, prefix)
        if number in taken:
            continue
        taken.add(number)
        trade, sni = rng.choice(TRADES)
        size = (
            "0"
            if not prefix and rng.random() < 0.8
            else rng.choices(SIZES, weights=[s[1] for s in SIZES])[0][0]
        )
        if not prefix:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {trade}"
        else:
            suffix = {"Aktiebolag": " AB", "Handelsbolag": " HB"}.get(form, "")
            name = (
                f"{rng.choice(PLACES)}{trade.lower()}{suffix}"
                if rng.random() < 0.5
                else f"{rng.choice(PLACES)} {trade}{suffix}"
            )
        town, postcode, _weight = rng.choices(TOWNS, weights=[t[2] for t in TOWNS])[0]
        street = f"{rng.choice(STREETS)} {rng.randint(1, 80)}"
        result.append([number, name, form, sni, size, street, f"{postcode}{rng.randint(0, 9)}", town, "1082"])
    return result


def write_demo_register(path: Path = DEMO_FILE) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(LAYOUT)
    writer.writerows(rows())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode("cp1252"))


if __name__ == "__main__":
    write_demo_register()
