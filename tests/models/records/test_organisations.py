"""Social organisations: credit code, kind, duplicates, the recycle bin."""
import pytest

from models.records.common import ListQuery
from models.records.organisations import (
    count_organisations,
    delete_organisation,
    get_organisation,
    restore_organisation,
    save_organisation,
)
from models.records.validation import ValidationError, credit_check_char


def code(kind_char: str, n: int) -> str:
    body = f"5{kind_char}330100MJ{n:07d}"
    return body + credit_check_char(body)


BASE = {"name": "市慈善总会", "credit_code": code("1", 1), "kind": "social_group", "party_org": "joint",
        "party_org_date": "2020-05-01", "registered_on": "2001-03-01"}


def errors(**changes) -> dict:
    with pytest.raises(ValidationError) as e:
        save_organisation({**BASE, **changes})
    return e.value.errors


def test_save_normalises_the_code(store):
    uuid = save_organisation({**BASE, "credit_code": BASE["credit_code"].lower()})
    assert get_organisation(uuid)["credit_code"] == BASE["credit_code"]


def test_field_messages(store):
    wrong = BASE["credit_code"][:-1] + next(c for c in "0123" if c != BASE["credit_code"][-1])
    got = errors(name="", credit_code=wrong, kind="")
    assert set(got) == {"name", "credit_code", "kind"}
    assert "校验位" in got["credit_code"]


def test_kind_must_agree_with_a_civil_affairs_code(store):
    assert "社会团体" in errors(kind="foundation")["kind"]
    assert save_organisation({**BASE, "credit_code": code("3", 2), "kind": "foundation", "name": "某基金会"})


def test_party_org_dates(store):
    assert "留空" in errors(party_org="none")["party_org_date"]
    assert "早于登记日期" in errors(party_org_date="2000-01-01")["party_org_date"]


def test_duplicates_are_refused_until_the_first_is_deleted(store):
    first = save_organisation(BASE)
    got = errors(name="市慈善总会")
    assert "已有名为" in got["name"] and "已登记为" in got["credit_code"]
    delete_organisation(first)
    second = save_organisation(BASE)
    with pytest.raises(ValidationError):
        restore_organisation(first)  # its name and code now belong to another live record
    delete_organisation(second)
    restore_organisation(first)
    assert count_organisations(ListQuery()) == 1


def test_filter_by_code_and_person(store):
    save_organisation({**BASE, "legal_rep": "赵六"})
    save_organisation({**BASE, "name": "市志愿者协会", "credit_code": code("1", 5), "legal_rep": "钱七"})
    assert count_organisations(ListQuery(text="钱七")) == 1
    assert count_organisations(ListQuery(text=code("1", 5)[-8:])) == 1
    assert count_organisations(ListQuery(text="协会")) == 1


def test_filter_by_party_organisation_and_grade(store):
    from models.records.organisations import NO_GRADE, OrganisationQuery, list_organisations
    save_organisation({**BASE, "grade": "5A"})
    save_organisation({**BASE, "name": "市志愿者协会", "credit_code": code("1", 5), "party_org": "independent",
                       "grade": "3A"})
    save_organisation({**BASE, "name": "市读书会", "credit_code": code("1", 6), "party_org": "none",
                       "party_org_date": None})

    def names(**choices) -> list[str]:
        query = OrganisationQuery(**choices)
        found = [r["name"] for r in list_organisations(query)]
        assert count_organisations(query) == len(found)
        return sorted(found)
    assert names() == ["市志愿者协会", "市慈善总会", "市读书会"]
    assert names(party_org="independent") == ["市志愿者协会"]
    assert names(party_org="none") == ["市读书会"]
    assert names(grade="5A") == ["市慈善总会"]
    assert names(grade=NO_GRADE) == ["市读书会"]
    assert names(party_org="joint", grade="3A") == []
    assert names(party_org="independent", grade="3A", text="志愿") == ["市志愿者协会"]
