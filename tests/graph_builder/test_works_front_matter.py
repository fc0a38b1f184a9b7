"""A book's title page, copyright page and catalogue record are no text of it (issue: a
CIP record's added entry "I. Surname, Given." read as a person "I. Surname")."""

from graph_builder.people.mentions import find_person_mentions
from graph_builder.read.reading import ReadingText
from graph_builder.read.segment import blocks_of, line_roles
from graph_builder.records import BlockKind

BOOK = """The Salt Roads

Title Page

The Salt Roads
Merchants and Magistrates, 1780-1820
Agnes Whitlow
and
Piotr K. Lisowski

[Copyright]

Copyright © 2004 by Halden University Press.

All rights reserved.

Library of Congress Cataloging-in-Publication Data

Whitlow, Agnes, 1951-

The salt roads : merchants and magistrates, 1780-1820 / Agnes Whitlow and Piotr K. Lisowski.

p. cm.

Includes bibliographical references and index.

@ISBN@

HD9213.W45 2004

381'.45--dc22

2003012345

10 9 8 7 6 5 4 3 2 1

Preface

The merchant Tomasz Wrona kept ledgers that his heirs sold in 1850, and the town bought them.
""".replace("@ISBN@", "ISBN 0-123-45678-9 (alk. paper) 1. Salt trade--History. 2. Merchants--"
            "History. I. Lisowski, Piotr K. II. Title.")


def _kinds(text):
    blocks = blocks_of(text)

    class Kinds(dict):
        def __missing__(self, start):
            return next(b.kind for b in blocks if b.text.startswith(start))
    return Kinds()


def test_catalogue_record_and_copyright_page_are_front_matter():
    kinds = _kinds(BOOK)
    for line in ("Library of Congress Catalogin", "Whitlow, Agnes, 1951-",
                 "The salt roads : merchants and", "p. cm.", "ISBN 0-123-45678-9 (alk. paper",
                 "HD9213.W45 2004", "2003012345", "10 9 8 7 6 5 4 3 2 1",
                 "Copyright © 2004 by Halden Uni", "All rights reserved.",
                 "Merchants and Magistrates, 178", "Piotr K. Lisowski"):
        assert kinds[line] is BlockKind.FRONT_MATTER, line
    assert kinds["Preface"] is BlockKind.HEADING
    assert kinds["The merchant Tomasz Wrona kept"] is BlockKind.PARAGRAPH


def test_no_person_is_read_off_an_added_entry():
    blocks = blocks_of(BOOK)
    reading = ReadingText.of(BOOK, blocks)
    names = {m.text for m in find_person_mentions(reading.text, roles=line_roles(blocks))}
    assert not any(n.startswith("I. ") or n.startswith("II. ") for n in names)
    assert "Tomasz Wrona" in names


def test_an_unmarked_page_stays_text():
    text = ("A History\n\nThe printer's key of the old press was lost in 1911.\n\n"
            "Copyright law changed after the war, and the firm Printed in haste.\n")
    assert BlockKind.FRONT_MATTER not in {b.kind for b in blocks_of(text)}


def test_a_lone_label_without_a_next_part_decides_nothing():
    text = "Notes\n\nTitle Page\n\nThe council met on Tuesday and voted for the new bridge.\n"
    assert BlockKind.FRONT_MATTER not in {b.kind for b in blocks_of(text)}
