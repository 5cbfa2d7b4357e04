"""The invitation's own texts under the rules: kmg's defaults pass, even when a school writes them out."""

from __future__ import annotations

import json

from gereedschapskist.agenda.uitnodiging import Uitnodiging


def test_the_defaults_written_out_pass_every_rule(lint) -> None:
    defaults = Uitnodiging()
    section = "uitnodiging:\n" + "".join(
        f"  {field}: {json.dumps(getattr(defaults, field), ensure_ascii=False)}\n"
        for field in ("aanhef", "tekst", "taalhulp", "huisbezoek", "via")
    )
    section += "  antwoord_voor: 2026-09-07\n  momenten: [maandag 7 september]\n  contact: juf Petra\n"
    result = lint.run(lint.edit(lint.base, append=section))
    assert result.agenda is not None and result.agenda.uitnodiging.gegeven
    assert result.agenda.uitnodiging.tekst == defaults.tekst
    assert result.findings == []


def test_a_home_visit_letter_with_the_default_sentence_passes(lint) -> None:
    text = lint.edit(
        lint.base,
        replace=[("setting: school", "setting: huisbezoek"), ("duur: 25", "duur: 60")],
        append="uitnodiging:\n"
        "  huisbezoek: Het is een bezoek om kennis te maken, geen controle.\n  momenten: [maandag]\n",
    )
    assert [f.code for f in lint.run(text).findings] == []
