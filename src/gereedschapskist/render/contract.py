"""The contract between the templates (templates/*.j2, print.css) and the renderer.

The renderer finds its way in the laid-out pages by these names; a school's own
template that keeps them keeps the fast, layered printing (see `renderer`). Everything
the renderer looks for in a template is named here and nowhere else.
"""

from __future__ import annotations

# Template files.
GUIDE_TEMPLATE = "leidraad.html.j2"
FORMS_TEMPLATE = "gespreksformulieren.html.j2"
FORM_CONTENT_TEMPLATE = "formulier_inhoud.html.j2"
STYLESHEET = "print.css"

# The forms (gespreksformulieren.html.j2): every pupil's form is an element with id
# "formulier-1", "formulier-2", …; the page of each form is found by these anchors.
FORM_ANCHOR_PREFIX = "formulier-"
# A block that starts each next page of a form in the per-pupil layer (it holds that page's footer).
CONTINUATION_CLASS = "vervolgpagina"
# The footers the per-pupil layer writes in the bottom margin: painted like margin boxes.
FOOTER_CLASS = "voet"
# The room the shared content (formulier_inhoud.html.j2) leaves free for the per-pupil header.
HEADER_SPACE_CLASS = "kop-ruimte"
# The block in the content template that holds the content (used in one flow inside each form).
CONTENT_BLOCK = "body"

# The guide (leidraad.html.j2): one element with this class in the body holds the whole guide.
GUIDE_ROOT_CLASS = "leidraad"
# The guide's header (<header class="kop">): its height is the room the content layer leaves.
GUIDE_HEADER_TAG = "header"
GUIDE_HEADER_CLASS = "kop"
# The guide layers' empty blocks (room for the header, page breaks), left out when they are joined.
LAYER_SPACE_CLASS = "laag-ruimte"
# Context variables of the guide template: which layer to print ("klas" or "inhoud"),
# the class layer's page count, and the height (CSS px) of the header the content makes room for.
LAYER_VARIABLE = "laag"
CLASS_LAYER = "klas"
CONTENT_LAYER = "inhoud"
LAYER_PAGES_VARIABLE = "paginas"
HEADER_HEIGHT_VARIABLE = "kop_hoogte"
# Context variable of the forms template: the shared content poured into every form (one flow).
CONTENT_VARIABLE = "inhoud"

# The invitations (documents.py, render/invitations.py): the document of a class's letters, which
# includes one Dutch letter with reply slip per household and, on its back, the translation for the
# household's language when a template `uitnodiging.<code>.html.j2` exists (a school's own folder first).
INVITATIONS_TEMPLATE = "uitnodigingen.html.j2"
LETTER_TEMPLATE = "uitnodiging.html.j2"
TRANSLATION_TEMPLATE = "uitnodiging.{taal}.html.j2"
# The parts of a letter that differ per household (macros) and the per-household layer with only those.
LETTER_PLACES_TEMPLATE = "uitnodiging_plekken.html.j2"
LETTER_HEAD_TEMPLATE = "uitnodiging_kop.html.j2"
# Every letter is an element with id "brief-1", "brief-2", …: its first page is found by that anchor.
LETTER_ANCHOR_PREFIX = "brief-"
# The places of fixed height in the letter: the address with the children, the slip's names and code.
ADDRESS_PLACE_CLASS = "plek-adres"
SLIP_PLACE_CLASS = "plek-strook"
