"""From what a class-list export writes in its Thuistaal/Taal column to a language code.

The invitation prints a translation on the back of the Dutch letter when the school has
a template `uitnodiging.<code>.html.j2` for the household's language. Exports write the
language in many ways: "Engels", "English", "en", "ENG", "Arabisch (Marokko)",
"Turks", "Oekraïens", "Українська". `language_code` turns each into one code:
the ISO 639-1 code (two letters) where the language has one, else the ISO 639-2/3 code
(Tamazight "ber", Papiamento "pap"). Dutch gives "nl"; "Anders", "Onbekend" or an empty
cell give None.
"""

from __future__ import annotations

import re
import unicodedata

# code -> names an export may write: Dutch first, then English, then the language's own name.
_NAMES: dict[str, tuple[str, ...]] = {
    "nl": ("nederlands", "dutch", "vlaams", "flemish"),
    "en": ("engels", "english"),
    "ar": (
        "arabisch",
        "arabic",
        "العربية",
        "عربي",
        "marokkaans arabisch",
        "marokkaans",
        "darija",
        "syrisch arabisch",
        "irakees arabisch",
        "egyptisch arabisch",
    ),
    "tr": ("turks", "turkish", "turkce", "türkçe"),
    "pl": ("pools", "polish", "polski"),
    "uk": ("oekraiens", "oekraïens", "ukrainian", "українська", "ukrainska"),
    "ru": ("russisch", "russian", "русский"),
    "ti": ("tigrinya", "tigrinja", "tigrigna", "ትግርኛ"),
    "am": ("amhaars", "amharic", "አማርኛ"),
    "so": ("somalisch", "somali", "soomaali"),
    "om": ("oromo", "afaan oromoo"),
    "fa": ("perzisch", "persian", "farsi", "فارسی", "dari", "دری"),
    "ps": ("pasjtoe", "pashto", "pashtu", "پښتو"),
    "ur": ("urdu", "اردو"),
    "ku": ("koerdisch", "kurdish", "kurmanji", "kurdî"),
    "ckb": ("sorani", "soranî", "koerdisch sorani", "كوردی"),
    "he": ("hebreeuws", "hebrew", "ivriet", "עברית"),
    "ber": ("berbers", "berber", "tamazight", "amazigh", "tamazigh", "riffijns", "tarifit", "tarifiyt", "chleuh"),
    "fr": ("frans", "french", "français", "francais"),
    "de": ("duits", "german", "deutsch"),
    "es": ("spaans", "spanish", "español", "espanol", "castellano"),
    "pt": ("portugees", "portuguese", "português", "portugues", "braziliaans portugees"),
    "it": ("italiaans", "italian", "italiano"),
    "ro": ("roemeens", "romanian", "română", "romana", "moldavisch"),
    "bg": ("bulgaars", "bulgarian", "български"),
    "hu": ("hongaars", "hungarian", "magyar"),
    "cs": ("tsjechisch", "czech", "čeština", "cestina"),
    "sk": ("slowaaks", "slovak", "slovenčina", "slovencina"),
    "sl": ("sloveens", "slovenian", "slovene", "slovenščina"),
    "hr": ("kroatisch", "croatian", "hrvatski"),
    "sr": ("servisch", "serbian", "srpski", "српски"),
    "bs": ("bosnisch", "bosnian", "bosanski"),
    "mk": ("macedonisch", "macedonian", "македонски"),
    "sq": ("albanees", "albanian", "shqip"),
    "el": ("grieks", "greek", "ελληνικά"),
    "lt": ("litouws", "lithuanian", "lietuvių"),
    "lv": ("lets", "latvian", "latviešu"),
    "et": ("ests", "estonian", "eesti"),
    "fi": ("fins", "finnish", "suomi"),
    "sv": ("zweeds", "swedish", "svenska"),
    "da": ("deens", "danish", "dansk"),
    "no": ("noors", "norwegian", "norsk"),
    "fy": ("fries", "frysk", "frisian", "westerlauwers fries"),
    "hy": ("armeens", "armenian", "հայերեն"),
    "ka": ("georgisch", "georgian", "ქართული"),
    "az": ("azerbeidzjaans", "azerbaijani", "azərbaycan"),
    "uz": ("oezbeeks", "uzbek", "o'zbek"),
    "ce": ("tsjetsjeens", "chechen"),
    "zh": ("chinees", "chinese", "mandarijn", "mandarin", "kantonees", "cantonese", "中文", "普通话"),
    "ja": ("japans", "japanese", "日本語"),
    "ko": ("koreaans", "korean", "한국어"),
    "vi": ("vietnamees", "vietnamese", "tiếng việt"),
    "th": ("thai", "thais", "ไทย"),
    "id": ("indonesisch", "indonesian", "bahasa indonesia"),
    "ms": ("maleis", "malay"),
    "tl": ("tagalog", "filipijns", "filipino"),
    "hi": ("hindi", "हिन्दी"),
    "bn": ("bengaals", "bengali", "bangla", "বাংলা"),
    "ta": ("tamil", "tamils", "தமிழ்"),
    "pa": ("punjabi", "pendjabi", "ਪੰਜਾਬੀ"),
    "ne": ("nepalees", "nepali"),
    "sw": ("swahili", "kiswahili"),
    "yo": ("yoruba",),
    "ig": ("igbo",),
    "ha": ("hausa",),
    "tw": ("twi", "akan"),
    "ln": ("lingala",),
    "rw": ("kinyarwanda",),
    "pap": ("papiaments", "papiamento", "papiamentu"),
    "srn": ("sranantongo", "sranan", "surinaams"),
    "kea": ("kaapverdisch", "kaapverdiaans", "cape verdean creole", "kriolu"),
}

# Scripts written from right to left; `is_rtl` takes the language part of a code ("ar-MA").
_RTL: frozenset[str] = frozenset({"ar", "fa", "ps", "ur", "he", "yi", "ckb", "sd", "ug", "dv", "prs", "syr"})

# ISO 639-2/3 codes an export may write instead of a name ("ENG", "ara").
_THREE_LETTER: dict[str, str] = {
    "nld": "nl",
    "dut": "nl",
    "eng": "en",
    "ara": "ar",
    "tur": "tr",
    "pol": "pl",
    "ukr": "uk",
    "rus": "ru",
    "tir": "ti",
    "amh": "am",
    "som": "so",
    "fas": "fa",
    "per": "fa",
    "prs": "fa",
    "pus": "ps",
    "urd": "ur",
    "kur": "ku",
    "kmr": "ku",
    "heb": "he",
    "fra": "fr",
    "fre": "fr",
    "deu": "de",
    "ger": "de",
    "spa": "es",
    "por": "pt",
    "ita": "it",
    "ron": "ro",
    "rum": "ro",
    "bul": "bg",
    "hun": "hu",
    "zho": "zh",
    "chi": "zh",
    "vie": "vi",
    "fry": "fy",
    "ell": "el",
    "gre": "el",
    "sqi": "sq",
    "alb": "sq",
    "hrv": "hr",
    "srp": "sr",
    "bos": "bs",
    "zgh": "ber",
    "tzm": "ber",
    "rif": "ber",
}

# Cells that name no language.
_NO_LANGUAGE = frozenset(
    {"anders", "overig", "overige", "onbekend", "other", "unknown", "geen", "n.v.t.", "nvt", "-", "?", "nee", "ja"}
)


def _fold(text: str) -> str:
    """Lower case, no accents on Latin letters, single spaces, "-" and "_" as spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    # Drop combining marks only after Latin letters: Arabic or Devanagari vowel signs stay.
    kept: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char) and kept and "LATIN" in unicodedata.name(kept[-1], ""):
            continue
        kept.append(char)
    text = unicodedata.normalize("NFC", "".join(kept))
    return " ".join(text.replace("-", " ").replace("_", " ").split())


_BY_NAME: dict[str, str] = {_fold(name): code for code, names in _NAMES.items() for name in names}
_CODES: frozenset[str] = frozenset(_NAMES)


def _lookup(text: str) -> str | None:
    folded = _fold(text).strip(" .,;:!")
    if not folded or folded in _NO_LANGUAGE:
        return None
    if folded in _BY_NAME:
        return _BY_NAME[folded]
    # A code, possibly with a region: "en", "EN", "ar-MA", "pt_BR", "ENG".
    base = re.fullmatch(r"([a-z]{2,3})(?: [a-z]{2}| \d{3})?", folded)
    if base:
        code = base.group(1)
        if code in _CODES:
            return code
        if code in _THREE_LETTER:
            return _THREE_LETTER[code]
    # "Koerdisch (Sorani)" -> the more exact name in the brackets; "Arabisch (Marokko)" -> the words outside.
    inside = re.findall(r"\((.*?)\)|\[(.*?)\]", folded)
    if inside:
        for detail in (a or b for a, b in inside):
            if detail.strip() and _fold(detail) in _BY_NAME:
                return _BY_NAME[_fold(detail)]
        return _lookup(re.sub(r"\(.*?\)|\[.*?\]", " ", folded))
    # "Marokkaans Arabisch", "Syrisch-Arabisch", "Turks-Koerdisch": a language name as the last word.
    words = folded.split(" ")
    if len(words) > 1 and words[-1] in _BY_NAME:
        return _BY_NAME[words[-1]]
    return None


def language_code(thuistaal: str) -> str | None:
    """The language code for a Thuistaal cell, or None when it names no language we know.

    "Engels", "English", "en" and "ENG" give "en"; "Arabisch (Marokko)" gives "ar";
    "Oekraïens" and "Oekraiens" give "uk"; "Nederlands" gives "nl". A cell with two
    languages ("Nederlands / Arabisch", "Turks en Nederlands") gives the first one that
    is not Dutch: that household is the one a translation can help.
    """
    if not isinstance(thuistaal, str):
        return None
    parts = [p for p in re.split(r"\s*(?:/|,|;|\+|&|\ben\b|\band\b|\bof\b)\s*", thuistaal) if p.strip()]
    if len(parts) <= 1:
        return _lookup(thuistaal)
    codes = [code for code in map(_lookup, parts) if code is not None]
    foreign = [code for code in codes if code != "nl"]
    if foreign:
        return foreign[0]
    return codes[0] if codes else _lookup(thuistaal)


def is_rtl(code: str | None) -> bool:
    """Whether language `code` ("ar", "fa", "ar-MA") is written from right to left."""
    if not code:
        return False
    return re.split(r"[-_]", code.strip().casefold(), maxsplit=1)[0] in _RTL


def known_codes() -> frozenset[str]:
    """Every code `language_code` can return."""
    return _CODES
