"""People's own text in pages of either direction: each sentence keeps its punctuation, and a
text takes the direction most of its letters read in (not its first letter's)."""

from __future__ import annotations

from api.web.bidi import foreign_runs, sentences, text_dir

DARIJA_BIO = "كنعاون الشباب ديال خريبكة باش يبداو المشاريع ديالهم. Available online or in person."
HIRING = (
    "تعاونية السنابل للفخار is hiring: Skilled seamstress in Oued Zem. Tasks related to weaving."
)


def test_a_darija_bio_ending_in_english_keeps_the_english_full_stop_with_its_sentence() -> None:
    assert text_dir(DARIJA_BIO, "ltr") == "rtl"
    shown = sentences(DARIJA_BIO, "ltr")
    assert shown.endswith('<bdi dir="ltr">Available online or in person.</bdi>')
    assert shown.startswith("كنعاون الشباب")  # the Arabic sentence as is


def test_an_english_text_that_begins_with_an_arabic_name_reads_left_to_right() -> None:
    assert text_dir(HIRING, "rtl") == "ltr"
    assert "<bdi" not in sentences(HIRING, "rtl")  # every sentence is mostly English


def test_text_without_letters_takes_the_page_direction_and_stays_escaped() -> None:
    assert text_dir("06 12 34 56 78", "rtl") == "rtl" and text_dir(None, "ltr") == "ltr"
    shown = sentences('<script>alert("x")</script> مرحبا. Hello there.', "rtl")
    assert "<script>" not in shown and "&lt;script&gt;" in shown


def test_terms_of_the_other_direction_in_a_reason_are_isolated_word_runs() -> None:
    reason = "1 من 3 مهارات يطلبها هذا العرض: sewing — تنقص: cutting، alterations"
    assert foreign_runs(reason, "rtl") == (
        "1 من 3 مهارات يطلبها هذا العرض: <bdi>sewing</bdi> — تنقص: <bdi>cutting</bdi>، "
        "<bdi>alterations</bdi>"
    )
    french = "dans votre commune, وادي زم"
    assert foreign_runs(french, "ltr") == "dans votre commune, <bdi>وادي زم</bdi>"
    assert foreign_runs("<b>couture</b> خياطة", "rtl").count("<b>") == 0
