"""Reference cards: worded exactly as the documents, one page each, every font embedded."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from partnerdesk.cards import UnknownCardError, reference_card, reference_cards, render_card
from partnerdesk.cli import main
from tests.record_checks import assert_all_embedded, pdf_text, qpdf_check, squash

# Quoted from the documents (NHS Partners in Cornwall, "Underpinning Principles"; the
# Collaborative Working workbook, "Principles of Representation").
SPF = [
    "building trust and a mutual respect for each other's roles and responsibilities",
    "openness, honesty and transparency in communications",
    "top level commitment",
    "a positive and constructive approach",
    "commitment to work with and learn from each other",
    "early discussion of emerging issues and maintaining dialogue on policy and priorities",
    "commitment to ensuring high quality outcomes",
    "where appropriate, confidentiality and agreed external positions",
    "making the best use of resources",
    "ensuring a no surprises culture.",
]
PLEDGES = [
    "to provide all staff with clear roles and responsibilities and rewarding jobs for teams and "
    "individuals that make a difference to patients, their families and carers and communities",
    "to provide all staff with personal development, access to appropriate training for their "
    "jobs and line management support to succeed",
    "to provide support and opportunities for staff to maintain their health, well-being and safety,",
    "to engage staff in decisions that affect them and the services they provide, individually, "
    "through representative organisations and through local partnership working arrangements. "
    "All staff will be empowered to put forward ways to deliver better and safer services for "
    "patients and their families.",
]
REPRESENTATION = [
    ("Accountability", "clearly defined responsibilities for all decisions and actions"),
    ("Equality", "place equality diversity and inclusiveness at the core of what you do"),
    ("Leadership", "the sector's representatives will need to think and act strategically"),
    ("Openness", "be as open as possible in all your dealings and relationships"),
    ("Purpose", "be clear about the local sector's objectives and support them with a strong "
                "evidence base"),
    ("Sustainability", "ensuring the continuation of the collective voice"),
    ("Values", "identify and build on the values of the local sector."),
]


def test_three_cards_in_order_worded_as_the_documents():
    cards = reference_cards()
    assert [c.id for c in cards] == ["spf-principles", "nhs-constitution-staff-pledges",
                                     "principles-of-representation"]
    spf, pledges, representation = cards
    assert spf.title == "Social Partnership Forum Principles" and not spf.numbered
    assert [i.text for i in spf.items] == SPF
    assert spf.introduction.endswith("all parties commit to adopt the following principles in "
                                     "their dealings with each other:")
    assert pledges.title == "NHS Constitution Staff Pledges" and pledges.numbered
    assert pledges.introduction == "The NHS commits:"
    assert [i.text for i in pledges.items] == PLEDGES
    assert representation.title == "Principles of Representation"
    assert [(i.term, i.text) for i in representation.items] == REPRESENTATION
    assert all(card.source for card in cards)


def test_a_card_is_found_by_id_or_title_ignoring_case():
    assert reference_card("SPF-principles").id == "spf-principles"
    assert reference_card(" nhs constitution staff pledges ").id == "nhs-constitution-staff-pledges"
    with pytest.raises(UnknownCardError, match="spf-principles"):
        reference_card("Pratt's quadrants")


def test_plain_text_lines_number_or_name_each_item():
    assert reference_card("nhs-constitution-staff-pledges").lines()[0].startswith("1. to provide")
    assert reference_card("principles-of-representation").lines()[0] == (
        "• Accountability – clearly defined responsibilities for all decisions and actions")


@pytest.mark.parametrize("letter", [False, True])
def test_each_card_prints_on_one_page_with_every_word(tmp_path, letter):
    for card in reference_cards():
        data = render_card(card, letter=letter)
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) == 1, card.id
        assert round(float(reader.pages[0].mediabox.height)) == (792 if letter else 842)
        text = squash(pdf_text(data))
        for expected in [card.title, card.introduction, *(i.text for i in card.items),
                         *(i.term for i in card.items)]:
            assert squash(expected) in text, (card.id, expected)
        assert reader.metadata.title == card.title
        assert_all_embedded(data)
        qpdf_check(data, tmp_path)


def test_invariant_output_is_byte_identical():
    card = reference_card("spf-principles")
    assert render_card(card, invariant=True) == render_card(card, invariant=True)


def test_the_card_command_writes_lists_and_refuses(tmp_path, capsys):
    out = tmp_path / "cards" / "pledges.pdf"
    assert main(["card", "NHS Constitution Staff Pledges", "--out", str(out)]) == 0
    assert squash(PLEDGES[3]) in squash(pdf_text(out.read_bytes()))
    assert main(["card"]) == 0
    listed = capsys.readouterr().out
    assert "principles-of-representation\tPrinciples of Representation" in listed
    assert main(["card", "spf-principles"]) == 0
    assert "• top level commitment" in capsys.readouterr().out
    assert main(["card", "nope", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "no reference card called “nope”" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
