"""import_companies FILE [--dry-run]: the register file's rules, as the operator sees them."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from companies.models import Company
from tests.companies.factories import HEADER, register_file, register_row
from tests.liaison.factories import valid_organisation_number

pytestmark = pytest.mark.django_db


def run(tmp_path, content: bytes, *options: str) -> list[str]:
    path = tmp_path / "register.csv"
    path.write_bytes(content)
    out = StringIO()
    call_command("import_companies", str(path), *options, stdout=out)
    return out.getvalue().splitlines()


def summary(lines: list[str]) -> dict[str, int]:
    return json.loads(lines[-1])


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", False), ("utf-8", True), ("cp1252", False)])
def test_every_encoding_and_delimiter_reads_the_same_companies(tmp_path, delimiter, encoding, bom):
    rows = [register_row(1, "Åkeri Öst AB"), register_row(2, "Mörrums Bageri AB", size="10–19")]
    lines = run(tmp_path, register_file(rows, delimiter=delimiter, encoding=encoding, bom=bom))
    assert summary(lines) == {"new": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    bakery = Company.objects.get(name="Mörrums Bageri AB")
    assert bakery.size_class == "10-19"
    assert bakery.industry_section == "G"
    assert bakery.postcode == "374 35"
    assert Company.objects.filter(name="Åkeri Öst AB", in_latest_register=True).exists()


def test_headers_match_in_any_case_without_swedish_letters_and_extra_columns_are_ignored(tmp_path):
    header = ["ORGANISATIONSNUMMER", "foretagsnamn", "juridisk form", "Sni 2007", "storleksklass", "Extra",
              "gatuadress", "postnummer", "postort", "KOMMUNKOD"]  # fmt: skip
    row = register_row(3, "Extra Kolumn AB")
    row.insert(5, "ignoreras")
    assert summary(run(tmp_path, register_file([row], header=header)))["new"] == 1
    assert Company.objects.get().address.startswith("Ronnebygatan")


def test_numbers_in_every_accepted_form_and_sole_traders_as_personal_data(tmp_path):
    rows = [
        register_row(4, number="5560160680"),
        register_row(5, number="165560360793"),
        register_row(6, "Anna Ek Måleri", number="19811218-9876"),
    ]
    lines = run(tmp_path, register_file(rows))
    assert summary(lines)["new"] == 3
    assert set(Company.objects.values_list("organisation_number", flat=True)) == {
        "556016-0680",
        "556036-0793",
        "811218-9876",
    }
    sole_trader = Company.objects.get(organisation_number="811218-9876")
    assert sole_trader.is_sole_trader
    assert sole_trader.masked_organisation_number == "811218-****"


def test_bad_rows_are_reported_by_line_and_never_stop_the_rest(tmp_path):
    rows = [
        register_row(7),
        register_row(8, number="556016-0681"),  # wrong check digit
        register_row(9, size="7"),
        register_row(10, sni="4719"),
        register_row(11, name=" "),
        register_row(12),
    ]
    lines = run(tmp_path, register_file(rows))
    assert summary(lines) == {"new": 2, "updated": 0, "unchanged": 0, "rejected": 4}
    rejected = [line for line in lines[:-1] if line.startswith(("line", "rad"))]
    assert [line.split(":")[0].split()[-1] for line in rejected] == ["3", "4", "5", "6"]


def test_a_rejected_sole_trader_number_is_not_repeated_in_the_output(tmp_path):
    lines = run(tmp_path, register_file([register_row(13, number="19811218-9875")]))
    assert summary(lines)["rejected"] == 1
    assert "9875" not in "\n".join(lines)


def test_a_number_twice_in_the_file_the_last_row_wins_and_the_report_says_so(tmp_path):
    rows = [register_row(14, "Först AB"), register_row(15), register_row(14, "Sist AB")]
    lines = run(tmp_path, register_file(rows))
    assert summary(lines) == {"new": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    assert Company.objects.get(organisation_number=valid_organisation_number(14)).name == "Sist AB"
    assert any("4" in line and "2" in line for line in lines[:-1])


def test_a_file_without_a_required_column_imports_nothing_and_names_it(tmp_path):
    header = [column for column in HEADER if column not in ("Storleksklass", "Kommunkod")]
    rows = [register_row(16)[:4] + register_row(16)[5:8]]
    with pytest.raises(CommandError) as refused:
        run(tmp_path, register_file(rows, header=header))
    assert "Storleksklass" in str(refused.value)
    assert "Kommunkod" in str(refused.value)
    assert not Company.objects.exists()


def test_an_empty_file_imports_nothing(tmp_path):
    with pytest.raises(CommandError):
        run(tmp_path, b"")
    assert not Company.objects.exists()


def test_the_same_file_twice_changes_nothing(tmp_path):
    content = register_file([register_row(17), register_row(18)])
    run(tmp_path, content)
    stamps = dict(Company.objects.values_list("pk", "updated_at"))
    assert summary(run(tmp_path, content)) == {"new": 0, "updated": 0, "unchanged": 2, "rejected": 0}
    assert dict(Company.objects.values_list("pk", "updated_at")) == stamps


def test_a_changed_row_updates_the_company(tmp_path):
    run(tmp_path, register_file([register_row(19, size="1-4")]))
    assert summary(run(tmp_path, register_file([register_row(19, size="20-49")])))["updated"] == 1
    assert Company.objects.get().size_class == "20-49"


def test_a_company_missing_from_a_newer_file_is_marked_never_deleted(tmp_path):
    run(tmp_path, register_file([register_row(20), register_row(21)]))
    run(tmp_path, register_file([register_row(20)]))
    gone = Company.objects.get(organisation_number=valid_organisation_number(21))
    assert not gone.in_latest_register
    assert gone.has_left_register
    assert Company.objects.in_register().count() == 1
    # Back in a later file: in the register again.
    assert summary(run(tmp_path, register_file([register_row(20), register_row(21)])))["updated"] == 1
    assert Company.objects.in_register().count() == 2


def test_a_dry_run_counts_but_saves_nothing(tmp_path):
    lines = run(tmp_path, register_file([register_row(22)]), "--dry-run")
    assert summary(lines)["new"] == 1
    assert not Company.objects.exists()


def test_the_shipped_demo_register_is_the_generated_one_and_imports_cleanly(tmp_path):
    from companies.demo_register import DEMO_FILE, write_demo_register

    generated = tmp_path / "demo.csv"
    write_demo_register(generated)
    assert generated.read_bytes() == DEMO_FILE.read_bytes()
    result = summary(run(tmp_path, DEMO_FILE.read_bytes()))
    assert result["rejected"] == 0
    assert 2_900 <= result["new"] <= 3_000
    assert set(Company.objects.values_list("municipality_code", flat=True)) == {"1082"}
    assert Company.objects.filter(size_class="500+").exists()
    small = Company.objects.filter(size_class__in=["0", "1-4"]).count()
    assert small > Company.objects.count() * 0.7
