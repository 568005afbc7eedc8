"""Lexical keys: exact words kept, Darija in Arabic and Latin letters meeting, safe as terms."""

from __future__ import annotations

import re

import numpy as np
import pytest

from demo.phrases import SECTORS
from matcher.lexical import LexicalIndex, keys_text, lexical_keys, linking_keys, word_forms
from matcher.lexicon import sector_concepts, sectors_named, skills_named


def skeletons(text: str) -> set[str]:
    return {key for key in lexical_keys(text) if key.startswith("_")}


def test_darija_in_arabic_and_latin_letters_share_skeleton_keys() -> None:
    assert skeletons("الفلاحة") & skeletons("lfla7a") & skeletons("flaha")
    assert skeletons("سودور") & skeletons("soudeur")
    assert skeletons("شيفور") & skeletons("chauffeur")
    assert skeletons("خياطة") & skeletons("khiyata")


def test_the_words_of_a_farming_profile_meet_in_both_scripts_and_glued_to_their_article() -> None:
    assert skeletons("فالفلاحة") & skeletons("lfla7a")  # "in farming", article and "f" glued
    assert skeletons("فالسقي") & skeletons("ssa9i")  # "in irrigation"
    assert skeletons("التراكتور") & skeletons("tracteur")


def test_arabizi_digits_and_accents_fold_to_one_key() -> None:
    assert "lflaha" in lexical_keys("lfla7a")
    assert "qualifie" in lexical_keys("Qualifié")
    assert lexical_keys("technicienne")[1] == lexical_keys("technicien")[1]


def test_unrelated_words_do_not_meet() -> None:
    assert not skeletons("soudeur") & skeletons("couturière")
    assert not skeletons("الخياطة") & skeletons("السقي")


def test_keys_hold_only_letters_digits_and_underscore() -> None:
    text = 'Développeur "web" (junior) + C++ / 3D: الخياطة؟ OR AND* ~ fuzzy^2 \\ :'
    for key in lexical_keys(text):
        assert re.fullmatch(r"[0-9a-z_\u0621-\u064a]+", key), key


def test_the_index_finds_the_document_with_the_exact_word_first() -> None:
    index = LexicalIndex(["soudeur qualifié", "menuisier aluminium", "couturière"])
    scores = index.scores(["ana soudeur 3andi experience"])[0]
    assert int(np.argmax(scores)) == 0
    assert scores[1] == 0 and scores[2] == 0


def test_a_label_named_inside_a_long_text_is_as_contained_as_alone_where_its_cosine_drops() -> None:
    index = LexicalIndex(["مرشد سياحي", "أستاذ التاريخ", "العمل في مدينة", "حاصل على إجازة"])
    alone = ["مرشدا سياحيا"]
    inside = ["حاصل على إجازة، وأرغب في العمل مرشدا سياحيا في مدينة أبي الجعد"]
    contained = index.containment(alone + inside, mass_scale=1.0)[:, 0]
    cosines = index.scores(alone + inside)[:, 0]
    assert contained[0] == contained[1] > 0.4
    assert cosines[1] < cosines[0] / 2


def test_a_label_of_one_common_word_counts_less_than_a_longer_one_wholly_contained() -> None:
    index = LexicalIndex(["technicien", "technicien irrigation", "technicien froid", "soudeur"])
    contained = index.containment(["technicien en irrigation goutte"], mass_scale=10.0)[0]
    assert contained[1] > contained[0] > 0 and contained[2] < contained[0]


def test_the_lexicon_names_the_esco_skill_of_a_darija_or_french_skill_in_either_script() -> None:
    irrigation = "700ea222-8139-4c48-95cf-014855565530"
    assert skills_named("السقي") == skills_named("Ssa9i") == (irrigation,)
    assert skills_named("tracteur") and skills_named("التراكتور") == skills_named("tracteur")
    assert skills_named("une phrase qui ne nomme aucune compétence") == ()


def test_the_msa_accusative_meets_the_plain_word_when_linking_only() -> None:
    assert {"مرشد", "سياحي"} <= set(linking_keys("أعمل مرشدا سياحيا"))
    assert "مرشد" not in lexical_keys("أعمل مرشدا سياحيا")
    assert linking_keys("مرشد سياحي") == lexical_keys("مرشد سياحي")
    assert linking_keys("hna") == lexical_keys("hna")
    index = LexicalIndex(["مرشد سياحي", "أستاذ التاريخ"], analyzer=linking_keys)
    contained = index.containment(["أرغب في العمل مرشدا سياحيا"], mass_scale=1.0)[0]
    assert contained[0] > 0.6 > contained[1]


def test_the_letters_moroccan_arabic_adds_stay_inside_their_words_when_linking() -> None:
    assert "گوته" in linking_keys("بالگوتة گوتة")
    assert set(linking_keys("الگوتة")) & set(linking_keys("goutte a goutte")) == {"_gt"}


def test_a_proclitic_fused_with_the_article_is_dropped_when_linking_only() -> None:
    assert linking_keys("فالفلاحة") == linking_keys("الفلاحة")
    assert linking_keys("بالخياطة") == linking_keys("الخياطة")
    assert "الماعز" in linking_keys("الغنم والماعز") and "التعاونيات" in linking_keys("للتعاونيات")
    assert "فالفلاحه" in lexical_keys("فالفلاحة")
    # without the article the first letter may be the word's own, and a short rest stays
    assert linking_keys("فقهوة") == lexical_keys("فقهوة")
    assert linking_keys("والد") == lexical_keys("والد")
    index = LexicalIndex(["تقني الطريسيتي", "تقني الصيدلة"], analyzer=linking_keys)
    contained = index.containment(["بغيت نولي تقني فالطريسيتي"], mass_scale=1.0)[0]
    assert contained[0] > 0.9 > contained[1]


def test_the_stored_keys_keep_the_darija_letters_inside_their_words_as_linking_does() -> None:
    stored = keys_text("تركيب الگوتة گوتة").split()
    assert "الگوته" in stored and "گوته" in stored
    assert set(stored) <= set(linking_keys("تركيب الگوتة گوتة"))


def test_the_forms_of_a_word_drop_a_glued_article_and_stopwords_leave_no_place() -> None:
    forms = word_forms("transport dyal lphosphate f فالفلاحة")
    assert forms[0] == {"transport"}
    assert "phosphate" in forms[1]  # "dyal" and "f" are stopwords: no place of their own
    assert "الفلاحه" in forms[2]
    assert len(forms) == 3


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("bghit ndkhol l ocp wla chi charika kbira, 3ndi bac+2 f mecanique", "phosphate"),
        ("بغيت نخدم فالفلاحة، عندي دبلوم فالسقي", "agri"),
        ("أبحث عن عمل في السياحة القروية", "tourism"),
        ("je cherche un stage dans le numérique", "digital"),
        ("mining engineering graduate looking for a first job in the phosphate sites", "phosphate"),
    ],
)
def test_a_text_names_the_sector_it_wants_in_any_form(text: str, sector: str) -> None:
    named = sectors_named([text])
    assert named[sector] == 1.0


def test_named_sectors_weigh_by_different_phrases_and_nothing_named_is_empty() -> None:
    assert sectors_named(["my cousin and I like to walk"]) == {}
    once = sectors_named(["lfla7a"])
    assert sectors_named(["lfla7a, lfla7a", "lfla7a"]) == once  # repeated: counted once
    both = sectors_named(["bghit nkhdm f lfla7a w f siya7a w lfla7a"])
    assert both == {"agri": 1.0, "tourism": 1.0}


def test_each_demo_sector_is_known_by_its_name_to_the_lexicon_sector_of_its_key() -> None:
    for key, name in SECTORS.items():
        assert sector_concepts(name) == (f"sector:{key}",), name
