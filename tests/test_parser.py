import codecs

import pytest

from simulator.sis.parser import FeedFile, decode, delimiter_char


def test_header_is_first_non_blank_line_lowercased_and_stripped():
    feed = FeedFile("\n\n  EXTERNAL_PERSON_KEY | User_ID \nk1|u1\n")
    assert feed.header.line == 3
    assert feed.header.names == ["external_person_key", "user_id"]
    rows = list(feed.rows())
    assert [(r.line, r.values) for r in rows] == [(4, {"external_person_key": "k1", "user_id": "u1"})]


def test_blank_lines_are_skipped_and_crlf_is_one_ending():
    rows = list(FeedFile("A|B\r\n1|2\r\n\r\n   \r\n3|4\r\n").rows())
    assert [(r.line, r.values) for r in rows] == [(2, {"a": "1", "b": "2"}), (5, {"a": "3", "b": "4"})]


def test_a_row_with_the_wrong_field_count_is_reported_with_its_line():
    rows = list(FeedFile("A|B\n1|2|3\n1\n").rows())
    assert [r.values for r in rows] == [None, None]
    assert (rows[0].line, rows[0].problem) == (2, "the row has 3 fields but the header has 2")
    assert (rows[1].line, rows[1].problem) == (3, "the row has 1 fields but the header has 2")


def test_no_quoting_a_quote_is_data():
    (row,) = FeedFile('A|B\n"x|y"\n').rows()
    assert row.values == {"a": '"x', "b": 'y"'}


def test_only_newline_splits_lines_not_other_unicode_separators():
    (row,) = FeedFile("A|B\nx\x1cy|z\u2028w\n").rows()
    assert row.values == {"a": "x\x1cy", "b": "z\u2028w"}


@pytest.mark.parametrize("body, text", [
    (codecs.BOM_UTF8 + "Zoë".encode(), "Zoë"),
    ("Zoë".encode("utf-16"), "Zoë"),
    ("Zoë".encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]), "Zoë"),
    ("Zoë".encode("utf-8"), "Zoë"),
    ("Zoë".encode("iso-8859-1"), "Zoë"),
])
def test_decoding(body, text):
    assert decode(body) == text


@pytest.mark.parametrize("setting, char", [("pipe", "|"), ("comma", ","), ("tab", "\t"), ("colon", ":"), (";", ";")])
def test_delimiters(setting, char):
    assert delimiter_char(setting) == char


@pytest.mark.parametrize("setting", ["", "ab", "\n", "semicolon"])
def test_bad_delimiters_are_refused(setting):
    with pytest.raises(ValueError, match="delimiter"):
        delimiter_char(setting)


def test_an_empty_file_has_no_header():
    feed = FeedFile(b"\n \n")
    assert feed.header is None and list(feed.rows()) == []
