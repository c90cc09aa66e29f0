"""Search that shows why: the fields each word was found in, and the words marked in the text around them."""
import datetime as dt

from models.records.activities import save_activity
from models.records.members import save_member
from models.records.search import FIELDS, marked, search_all
from models.records.study import save_group, save_session
from models.store.search_spec import SPEC


def test_each_hit_says_which_fields_hold_the_words(store):
    save_activity({"type": "party_lecture", "title": "专题党课", "date": dt.date(2024, 3, 5), "place": "三楼会议室",
                   "content": "书记讲授党课，主题是弘扬伟大建党精神。" * 3, "speaker": "王书记"})
    save_member({"name": "李华", "gender": "male", "party_status": "full", "notes": "曾在 PPT 比赛获奖"})
    hits = {h["title"]: h for h in search_all("党课 会议室")}
    lecture = hits["专题党课"]
    assert [m["label"] for m in lecture["matches"]] == ["主题", "地点", "主要内容"]
    assert [m["words"] for m in lecture["matches"]] == [["党课"], ["会议室"], ["党课"]]
    assert ("会议室", True) in lecture["matches"][1]["parts"]
    assert lecture["title_parts"] == [("专题", False), ("党课", True)]
    content = lecture["matches"][2]["parts"]
    assert "".join(p for p, _ in content).startswith("书记讲授党课") and content[-1] == ("…", False)
    assert lecture["snippet"] == "专题党课"  # the plain text of the first field that explains the hit

    member = search_all("ppt")[0]  # ASCII letters in either case, as the index finds them
    assert member["title"] == "李华" and [m["label"] for m in member["matches"]] == ["备注"]
    assert ("PPT", True) in member["matches"][0]["parts"]


def test_a_session_found_by_a_reflection_says_so(store):
    a = save_member({"name": "青年甲", "gender": "male", "party_status": "full"})
    group = save_group({"name": "青听", "members": [{"member": a}]})
    save_session({"group": group, "date": dt.date(2024, 4, 2), "topic": "四月学习",
                  "reflections": [{"member": a, "text": "学习后深受触动，要把初心使命落到实处。"}]})
    hit = search_all("初心使命")[0]
    assert hit["kind"] == "study_session" and [m["label"] for m in hit["matches"]] == ["心得体会"]
    assert ("初心使命", True) in hit["matches"][0]["parts"]


def test_marked_pieces():
    assert marked("甲乙丙", ["乙"]) == [("甲", False), ("乙", True), ("丙", False)]
    assert marked("党课党课", ["党课", "课党"]) == [("党课党课", True)]  # overlapping matches are one piece
    long = "前" * 40 + "目标" + "后" * 80
    pieces = marked(long, ["目标"], before=4, length=10)
    assert pieces == [("…", False), ("前" * 4, False), ("目标", True), ("后" * 4, False), ("…", False)]
    assert marked("没有", ["别的"]) == [("没有", False)]


def test_every_field_the_index_searches_has_a_label_to_show_why():
    # a column added to the index without a label here would find records and never say where
    assert {kind: tuple(fields) for kind, fields in FIELDS.items()} == {kind: spec[1] for kind, spec in SPEC.items()}
