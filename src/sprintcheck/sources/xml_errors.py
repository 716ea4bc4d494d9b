"""What an expat error says about an XML input, shared by the JUnit and Cobertura readers."""

from __future__ import annotations

from xml.parsers import expat

NO_ELEMENTS = expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS]
# Expat errors that mean the input stopped in the middle of something.
TRUNCATION_CODES = frozenset(
    expat.errors.codes[message]
    for message in (
        expat.errors.XML_ERROR_NO_ELEMENTS,
        expat.errors.XML_ERROR_UNCLOSED_TOKEN,
        expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
        expat.errors.XML_ERROR_PARTIAL_CHAR,
    )
)
