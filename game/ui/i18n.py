"""The window's own words in the player's language: `tr("End turn")` -> "बारी समाप्त करें".

Scenario texts are translated by the scenario itself (`Game(..., lang=...)`); this is the
small table of the interface's strings (menus, buttons, panel titles). A string without a
translation is shown in English, so a missing entry is never an error. The language is
process-wide and follows the settings (`set_language`, called by the App).
"""

from __future__ import annotations

import re

from game.ui import i18n_hi as _hi

LANGUAGES: tuple[tuple[str, str], ...] = (
    ("en", "English"),
    # the whole interface, and the scenarios with a translation file (the settings say which)
    ("hi", "\u0939\u093f\u0928\u094d\u0926\u0940"),
)
LANGUAGE_NAMES = dict(LANGUAGES)

_lang = "en"

# English text -> Hindi. Keys are the exact English strings shown by the screens.
HINDI: dict[str, str] = {
    # main menu
    "New game": "नया खेल",
    "Continue": "जारी रखें",
    "Load game": "खेल लोड करें",
    "Settings": "सेटिंग्स",
    "Quit": "बाहर निकलें",
    "The Indo-Pacific": "हिंद-प्रशांत",
    "India and the United States after the 2025 defence framework": (
        "2025 के रक्षा ढांचे के बाद भारत और संयुक्त राज्य अमेरिका"
    ),
    "F1 help  \u00b7  F11 full screen  \u00b7  F12 screenshot": (
        "F1 सहायता  \u00b7  F11 पूर्ण स्क्रीन  \u00b7  F12 स्क्रीनशॉट"
    ),
    "Load a game": "कोई खेल लोड करें",
    "Ten years of partnership signed in Kuala Lumpur; a tariff wall at 50%; a tense "
    "Line of Actual Control. Weigh defence against trade, turn by turn, and see why "
    "every number moves.": (
        "कुआलालंपुर में हस्ताक्षरित दस वर्षों की साझेदारी; 50% की टैरिफ़ दीवार; तनावपूर्ण "
        "वास्तविक नियंत्रण रेखा। हर बारी रक्षा और व्यापार को तौलें, और देखें कि हर संख्या "
        "क्यों बदलती है।"
    ),
    "You decide for New Delhi": "आप नई दिल्ली के लिए निर्णय लेते हैं",
    "You decide for Washington": "आप वॉशिंगटन के लिए निर्णय लेते हैं",
    "A balanced opponent that pursues its own objectives and meets you halfway.": (
        "एक संतुलित प्रतिद्वंद्वी जो अपने उद्देश्यों पर चलता है और बीच का रास्ता अपनाता है।"
    ),
    "An expert that plays every option forward before it decides.": (
        "एक विशेषज्ञ जो निर्णय से पहले हर विकल्प को आगे तक खेलकर देखता है।"
    ),
    "A master: the expert, reading three times as many futures.": (
        "एक उस्ताद: विशेषज्ञ, जो तीन गुना अधिक संभावित भविष्य पढ़ता है।"
    ),
    "Set by the class code.": "कक्षा कोड द्वारा तय।",
    "One": "एक",
    "Two": "दो",
    "Both roles: India first": "दोनों भूमिकाएँ: पहले भारत",
    "DUE": "बाकी",
    "press N and write one line": "N दबाएँ और एक पंक्ति लिखें",
    "Write why for each decision (N) before ending the turn": (
        "बारी समाप्त करने से पहले हर निर्णय का कारण लिखें (N)"
    ),
    "Forecasts are hidden in this class.": "इस कक्षा में पूर्वानुमान छिपे हुए हैं।",
    "locked by the facilitator": "संचालक द्वारा बंद",
    "Unlock settings": "सेटिंग्स खोलें",
    # roles and difficulty
    "India": "भारत",
    "United States": "संयुक्त राज्य अमेरिका",
    "Easy": "आसान",
    "Normal": "सामान्य",
    "Hard": "कठिन",
    # new game and briefing
    "Scenario": "परिदृश्य",
    "Your role": "आपकी भूमिका",
    "Difficulty": "कठिनाई",
    "Seed": "सीड",
    "Length": "अवधि",
    "Full": "पूरा",
    "Lesson": "पाठ",
    "New seed": "नया सीड",
    "Start": "शुरू करें",
    "Back": "वापस",
    "Class code (optional)": "कक्षा कोड (वैकल्पिक)",
    "Players": "खिलाड़ी",
    "One (vs computer)": "एक (कंप्यूटर से)",
    "Two at one machine": "दो, एक कंप्यूटर पर",
    "Briefing": "ब्रीफ़िंग",
    "Begin turn 1": "पहली बारी शुरू करें",
    "Your objectives": "आपके उद्देश्य",
    # the turn
    "Indicators": "संकेतक",
    "Hot spots": "हॉट स्पॉट",
    "News": "समाचार",
    "Decisions": "निर्णय",
    "DECISIONS": "निर्णय",
    "What changed?": "क्या बदला?",
    "Help": "सहायता",
    "Menu": "मेनू",
    "End turn": "बारी समाप्त करें",
    "Resolving\u2026": "परिणाम निकल रहा है\u2026",
    "Your decision this turn": "इस बारी आपका निर्णय",
    "Not available now": "अभी उपलब्ध नहीं",
    "Why? (optional)": "क्यों? (वैकल्पिक)",
    "Why? (required)": "क्यों? (आवश्यक)",
    # summary
    "Turn summary": "बारी का सारांश",
    "What changed, and why": "क्या बदला, और क्यों",
    "Decisions this turn": "इस बारी के निर्णय",
    "INDICATORS": "संकेतक",
    "no decision this turn": "इस बारी कोई निर्णय नहीं",
    "Back to the turn": "बारी पर लौटें",
    "See the ending": "अंत देखें",
    # pause, help, settings
    "Paused": "रुका हुआ",
    "Resume": "फिर शुरू करें",
    "Save game": "खेल सहेजें",
    "Quit to main menu": "मुख्य मेनू पर लौटें",
    "Close": "बंद करें",
    "Done": "हो गया",
    "Language": "भाषा",
    "Window size": "विंडो का आकार",
    "Full screen": "पूर्ण स्क्रीन",
    "Text size": "अक्षरों का आकार",
    "Colour-blind-safe palette": "रंग-दृष्टि के अनुकूल रंग",
    "Animations": "एनिमेशन",
    "Sound": "ध्वनि",
    "Volume": "आवाज़",
    "Assessments": "आकलन",
    "On": "चालू",
    "Off": "बंद",
    "Settings are locked by the facilitator.": "संचालक ने सेटिंग्स बंद कर दी हैं।",
    # the end
    "The end": "समाप्त",
    "Score": "अंक",
    "Charts": "चार्ट",
    "Debrief questions": "चर्चा के प्रश्न",
    "Main menu": "मुख्य मेनू",
    "Export debrief": "डीब्रीफ़ निर्यात करें",
    # classroom
    "Facilitator": "संचालक",
    "Paused by the facilitator": "संचालक ने खेल रोका है",
    "Discussion questions": "चर्चा के प्रश्न",
    "Ready": "तैयार",
    "Hand over": "कंप्यूटर सौंपें",
    "Facilitator PIN": "संचालक पिन",
    "Pause the game": "खेल रोकें",
    "Resume the game": "खेल फिर शुरू करें",
    "Inject an event\u2026": "कोई घटना जोड़ें\u2026",
    "Inject an event": "कोई घटना जोड़ें",
    "Inject now": "अभी जोड़ें",
    "Show the discussion questions": "चर्चा के प्रश्न दिखाएँ",
    "Lock settings for the class": "कक्षा के लिए सेटिंग्स बंद करें",
    "Set a PIN\u2026": "पिन तय करें\u2026",
    "Change the PIN\u2026": "पिन बदलें\u2026",
    "End the game now (debrief)": "खेल अभी समाप्त करें (डीब्रीफ़)",
    "Cancel": "रद्द करें",
    "news": "समाचार",
    "decision for {role}": "{role} के लिए निर्णय",
    "Search by title": "शीर्षक से खोजें",
    "No event matches.": "कोई घटना नहीं मिली।",
    "Injected: {title}": "जोड़ी गई: {title}",
    "Eyes to the front. The game goes on when the facilitator resumes it.": (
        "कृपया सामने देखें। संचालक के फिर शुरू करने पर खेल आगे बढ़ेगा।"
    ),
    "This scenario has no discussion questions.": "इस परिदृश्य में चर्चा के प्रश्न नहीं हैं।",
    "Hand the computer to {role}": "कंप्यूटर {role} को सौंपें",
    "{role}'s choices are hidden until the turn resolves. "
    "Press Enter or click Ready when {next} is at the keyboard.": (
        "{role} के निर्णय बारी पूरी होने तक छिपे रहेंगे। "
        "जब {next} कीबोर्ड पर हों, तब Enter दबाएँ या तैयार पर क्लिक करें।"
    ),
}

CATALOGUES: dict[str, dict[str, str]] = {"hi": {**_hi.PHRASES, **HINDI}}
# English patterns of composed text -> the language's (`turn {n} of {total}`)
TEMPLATES: dict[str, dict[str, str]] = {"hi": dict(_hi.PATTERNS)}
# lists inside a filled-in part (`A, B and C`), never matched against a whole string
LISTS: dict[str, dict[str, str]] = {"hi": dict(_hi.LISTS)}


def set_language(lang: str) -> str:
    """Switch the interface language (unknown codes fall back to English); returns it."""
    global _lang
    _lang = lang if lang in LANGUAGE_NAMES else "en"
    if _lang != "en" and _lang not in _scenarios_read:
        _scenarios_read.add(_lang)
        from game.ui.i18n_scenario import phrases, split

        exact, templates = split(phrases(_lang))
        for en, local in exact.items():  # the interface's own words come first
            CATALOGUES.setdefault(_lang, {}).setdefault(en, local)
        for en, local in templates.items():
            TEMPLATES.setdefault(_lang, {}).setdefault(en, local)
        _compiled.clear()
        _shown.clear()
    return _lang


def language() -> str:
    """The interface language now in use (`en` or `hi`)."""
    return _lang


def tr(text: str, **values: object) -> str:
    """`text` in the interface language (English if there is no translation).

    With keyword values the result is formatted: `tr("Turn {n}", n=3)`.
    """
    table = CATALOGUES.get(_lang)
    out = table.get(text, text) if table else text
    return out.format(**values) if values else out


_scenarios_read: set[str] = set()
_FIELD = re.compile(r"\{(\w+)\}")
# fields that always hold a number (`{p}` = 57%, `{d}` = $1.2bn): matched as one
_NUMERIC = frozenset("dpqnktv")
# (with an indicator's unit after a space: "4.7 $bn")
_NUMBER = r"[-+\u2212\u00b1]?\$?\d[\d.,]*[^\s;:,)]*(?: \$bn)?"
_compiled: dict[str, list[tuple[re.Pattern[str], str]]] = {}
_shown: dict[str, dict[str, str]] = {}


def _compile(table: dict[str, str]) -> list[tuple[re.Pattern[str], str]]:
    """Templates as anchored regular expressions, the most specific (longest fixed text)
    first; a template naming a field twice is left out (it could never be filled)."""
    out = []
    for english in sorted(table, key=lambda t: -len(_FIELD.sub("", t))):
        parts = _FIELD.split(english)  # text, name, text, name, ..., text
        rx = "".join(
            re.escape(piece)
            if k % 2 == 0
            else f"(?P<{piece}>{_NUMBER if piece in _NUMERIC else '.+?'})"
            for k, piece in enumerate(parts)
        )
        try:
            out.append((re.compile(rx + r"\Z", re.S), table[english]))
        except re.error:
            continue
    return out


def _patterns(lang: str, part: bool = False) -> list[tuple[re.Pattern[str], str]]:
    """The language's templates (built once); for a filled-in `part`, its sentences are
    split first (`A; B`) and lists (`A, B and C`) are tried last."""
    key = f"{lang}+" if part else lang
    got = _compiled.get(key)
    if got is None:
        lists = LISTS.get(lang, {}) if part else {}
        first = {k: v for k, v in lists.items() if k == "{a}; {b}"}
        last = {k: v for k, v in lists.items() if k not in first}
        got = _compile(first) + _compile(TEMPLATES.get(lang, {})) + _compile(last)
        _compiled[key] = got
    return got


def shown(text: str, _part: bool = False) -> str:
    """What a screen shows for `text` in the interface language: the catalogue's entry, or a
    composed string (`turn 3 of 12`) rebuilt from its template, with each filled-in part
    translated too; anything else unchanged. Called by the Painter on every string it
    draws, so a screen that forgets `tr()` still speaks the player's language."""
    if _lang == "en" or not text:
        return text
    memo = _shown.setdefault(f"{_lang}+" if _part else _lang, {})
    out = memo.get(text)
    if out is not None:
        return out
    table = CATALOGUES.get(_lang, {})
    out = table.get(text)
    if out is None:
        out = text
        for rx, local in _patterns(_lang, _part):
            m = rx.match(text)
            if m is not None:
                values = {k: shown(v, True) for k, v in m.groupdict().items()}
                out = local.format(**values)
                break
    if len(memo) > 20000:
        memo.clear()
    memo[text] = out
    return out


def add_phrases(lang: str, phrases: dict[str, str]) -> None:
    """More exact translations for `shown` (e.g. a scenario's own words)."""
    CATALOGUES.setdefault(lang, {}).update(phrases)
    _shown.clear()


def has_devanagari(text: str) -> bool:
    """True if the text contains a Devanagari character (U+0900-U+097F)."""
    return any("\u0900" <= ch <= "\u097f" for ch in text)
